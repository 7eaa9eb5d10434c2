/**
 * Following a fabric: the manager singleton that starts and restarts subscribers by the {@link
 * io.ept.monitor.StopReason} they end with, and the per-fabric subscriber, which wires one part per concern:
 * {@link io.ept.monitor.ApicConnection} (APIC session, websocket, subscriptions, keep-alive, waiting out a
 * busy APIC with {@link io.ept.platform.Backoff}), {@link io.ept.monitor.WebsocketFrames} (the frame queue),
 * {@link io.ept.monitor.BuildCoordinator} (initial build), {@link io.ept.monitor.WebsocketRecovery} (a lost
 * websocket reopened in place and its gap reconciled, with {@link io.ept.monitor.EndpointReconciler} shared with the
 * build), {@link io.ept.monitor.EventRouter} (websocket events),
 * {@link io.ept.monitor.ConfigurationSync} (configuration mirror, {@link io.ept.monitor.MoMirror}),
 * {@link io.ept.monitor.DataplaneRefresher}, and the dispatch of epm events to the work queues
 * ({@link io.ept.monitor.EpmDispatcher}) (ept-reference sections 2, 5 and 7).
 *
 * <p>May depend on: ept-core, {@code io.ept.apic}, {@code .endpoint}, {@code .fabric}, {@code .inventory},
 * {@code .messaging}, {@code .platform}, {@code .status}.
 */
package io.ept.monitor;
