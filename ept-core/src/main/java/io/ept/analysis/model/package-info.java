/**
 * Values of the analysis: endpoint keys, epm events, per-node history, move/stale/off-subnet/rapid records, and the
 * per-fabric {@link io.ept.analysis.model.Settings}.
 *
 * <p>May depend on: the JDK only.
 */
package io.ept.analysis.model;
