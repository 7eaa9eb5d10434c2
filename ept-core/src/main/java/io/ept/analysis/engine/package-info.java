/**
 * The analysis of one endpoint event against the endpoint's state on every node (ept-reference section 3): local
 * and remote state, history, move, stale, off-subnet and rapid detection. {@link io.ept.analysis.engine.EndpointAnalyzer}
 * is the entry point; it returns an {@link io.ept.analysis.engine.AnalysisResult} that adapters persist.
 *
 * <p>May depend on: {@code io.ept.analysis.model}, {@code .lookup}, {@code .parse}, {@code .watch}, and the JDK only.
 */
package io.ept.analysis.engine;
