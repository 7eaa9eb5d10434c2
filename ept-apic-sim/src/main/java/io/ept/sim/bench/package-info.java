/**
 * A micro-benchmark of topology generation.
 */
package io.ept.sim.bench;
