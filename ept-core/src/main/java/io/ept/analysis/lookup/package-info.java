/**
 * What the analysis needs to know of the fabric's configuration: nodes and vPC pairs, tunnels, VNIDs, EPGs and
 * subnets, behind the {@link io.ept.analysis.lookup.FabricLookups} port (MongoDB-backed in ept-ejb, in memory in tests
 * and the benchmark).
 *
 * <p>May depend on: {@code io.ept.analysis.parse} and the JDK only.
 */
package io.ept.analysis.lookup;
