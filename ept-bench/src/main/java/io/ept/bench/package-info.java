/**
 * {@code ./ept bench}: starts EPT and the simulator, runs the scenarios and writes the results table.
 */
package io.ept.bench;
