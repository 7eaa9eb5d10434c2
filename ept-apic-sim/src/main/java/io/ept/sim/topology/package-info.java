/**
 * Generated fabrics: demo topology and scaled topologies for the benchmark.
 */
package io.ept.sim.topology;
