/**
 * The simulator's control API used by tests and the benchmark (move hosts, send storms, inject faults).
 */
package io.ept.sim.control;
