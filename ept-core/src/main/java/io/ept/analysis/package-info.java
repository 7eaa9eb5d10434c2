/**
 * Pure endpoint analysis engine of EPT (no container, database or messaging APIs).
 *
 * <p>Adapters feed parsed epm events ({@link io.ept.analysis.parse.EpmEventParser}) together with the
 * persisted state of one endpoint key into {@link io.ept.analysis.engine.EndpointAnalyzer} and persist
 * the returned {@link io.ept.analysis.engine.AnalysisResult}; watch jobs are executed by
 * {@link io.ept.analysis.watch.WatcherLogic}. Behaviour follows ept-reference.md section 3.
 */
package io.ept.analysis;
