/**
 * Child processes (EPT's WildFly, the simulator) and their CPU and memory.
 */
package io.ept.bench.process;
