package io.ept.monitor;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Resubscribe in place (issue 17): a lost websocket no longer ends the subscriber. The connection reopens it
 * ({@link ApicConnection#resubscribeAfterLoss}); then what the APIC sent while no websocket was connected is
 * reconciled instead of rebuilt: the configuration classes are re-read and their differences from the mirror are
 * handled as the events the APIC would have sent ({@link ConfigurationSync#reconcile}), and every endpoint record is
 * re-read and sent through the workers with deletes for vanished ones ({@link EndpointReconciler}). The fabric's
 * status says degraded with the reason until the workers have analysed the re-read records.
 */
final class WebsocketRecovery {

    private static final Logger LOG = Logger.getLogger(WebsocketRecovery.class.getName());

    private final String fabric;
    private final ApicConnection apic;
    private final FabricEventLog events;
    private final EndpointReconciler endpoints;
    private final StopSignal stop;
    /** Events may have been missed since the last reconcile began. */
    private boolean gap;
    /** A reconcile is running (a loss noticed while it waits for the workers only reopens the socket). */
    private boolean reconciling;

    WebsocketRecovery(String fabric, ApicConnection apic, FabricEventLog events, EndpointReconciler endpoints,
                      StopSignal stop) {
        this.fabric = fabric;
        this.apic = apic;
        this.events = events;
        this.endpoints = endpoints;
        this.stop = stop;
    }

    /** Whether a gap still waits for its reconcile (a loss during the build is reconciled once it is done). */
    boolean gapPending() {
        return gap;
    }

    /** The websocket was found lost: reopens it now; what it missed is reconciled by {@link #reconcile}. */
    void reopen(String lost) {
        LOG.warning(() -> "fabric " + fabric + ": " + lost + "; resubscribing in place");
        events.add("degraded", lost + "; resubscribing");
        gap = true;
        apic.resubscribeAfterLoss(lost);
        apic.websocketProblem("websocket reopened: reconciling what changed while it was down");
        LOG.info(() -> "fabric " + fabric + ": websocket reopened and every class resubscribed");
    }

    /**
     * Reconciles the gaps since the last call (again while sockets are lost during it); the status returns to
     * running after. Re-entrant calls (the wait for the workers handles events) return at once.
     */
    void reconcile(BuildCoordinator.Host host, ConfigurationSync configuration, EpmDispatcher dispatcher) {
        if (reconciling || !gap) {
            return;
        }
        reconciling = true;
        try {
            while (gap && !stop.requested()) {
                gap = false;
                double ts = FabricEventLog.now();
                Map<String, List<io.ept.apic.ApicMo>> classes = apic.call(() -> FabricReader.readTopologyClasses(apic.session(), apic::maintain));
                int configChanges = configuration.reconcile(classes, ts);
                host.handleQueuedEvents(); // events received on the new socket meanwhile come after the re-read
                String build = UUID.randomUUID().toString();
                long sent = endpoints.sendAll(host, dispatcher, build);
                host.handleQueuedEvents();
                endpoints.awaitWorkers(host, build, sent);
                events.add("running", "websocket gap reconciled: " + configChanges + " configuration changes, "
                        + sent + " endpoint records re-read");
            }
        } finally {
            reconciling = false;
            if (!gap) {
                apic.websocketProblem(null);
            }
        }
    }
}
