/**
 * An APIC simulator (REST, websocket, SSH) that stands in for a real APIC in the demo, the tests and the benchmark.
 *
 * <p>Stand-alone: depends on no EPT module.
 */
package io.ept.sim;
