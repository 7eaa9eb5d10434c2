/**
 * The fabric monitor: one subscriber per running fabric keeps EPT's mirror of the APIC exact and feeds endpoint
 * events to the workers (ept-reference 7).
 * <p>
 * {@link io.ept.monitor.FabricManager} starts, stops and supervises the subscribers, restarting them by the
 * {@link io.ept.monitor.StopReason} they end with. A {@link io.ept.monitor.FabricSubscriber} wires, on one thread:
 * {@link io.ept.monitor.ApicConnection} (session, websocket, subscriptions, keep-alive, {@link
 * io.ept.monitor.BackoffPolicy} for a busy APIC), {@link io.ept.monitor.WebsocketFrames} (the frame queue),
 * {@link io.ept.monitor.BuildCoordinator} (the full build at start), {@link io.ept.monitor.EventRouter} (endpoint
 * events to {@link io.ept.monitor.EpmDispatcher}, the rest to {@link io.ept.monitor.ConfigurationSync}, which keeps
 * {@link io.ept.monitor.MoMirror} and its {@link io.ept.monitor.TopologyBuilder} tables current) and
 * {@link io.ept.monitor.DataplaneRefresher}.
 * <p>
 * Depends on io.ept.apic (the APIC client), io.ept.analysis (event parsing, refresh planning), io.ept.fabric,
 * io.ept.messaging, io.ept.endpoint, io.ept.inventory, io.ept.platform and io.ept.status; the container is reached
 * through {@link io.ept.monitor.MonitorEnvironment} only, so every part runs in unit tests against the APIC
 * simulator, an in-memory MongoDB and a redis-server.
 */
package io.ept.monitor;
