/**
 * Following a fabric: the manager singleton that starts and restarts subscribers, the per-fabric subscriber
 * (APIC session, initial build, websocket events, configuration mirror) and the dispatch of epm events to the work
 * queues (ept-reference sections 2 and 5).
 *
 * <p>May depend on: ept-core, {@code io.ept.apic}, {@code .endpoint}, {@code .fabric}, {@code .messaging},
 * {@code .platform}, {@code .status}.
 */
package io.ept.monitor;
