/**
 * The simulator's APIC REST and websocket API, sessions and fault injection.
 */
package io.ept.sim.api;
