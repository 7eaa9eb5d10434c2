package io.ept.messaging;

import io.ept.endpoint.EpmWorkService;
import io.ept.fabric.FabricNotFoundException;
import io.ept.messaging.probe.PipelineProbe;
import io.ept.status.PipelineMetrics;
import io.ept.watch.WatchService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/** Routes a consumed message to the service that owns its type. The MDBs only unwrap JMS and call this. */
@Stateless
public class WorkHandler {

    private static final Logger LOG = Logger.getLogger(WorkHandler.class.getName());

    @Inject
    PipelineProbe probe;

    @Inject
    EpmWorkService epm;

    @Inject
    WatchService watch;

    @Inject
    PipelineMetrics metrics;

    @Inject
    io.ept.platform.Infrastructure infrastructure;

    @Inject
    io.ept.platform.config.WorkerConfig workerConfig;

    public void handle(String type, String body) {
        handle(type, body, null);
    }

    /**
     * The last delivery attempt: the work runs in a transaction of its own, so when it fails the consumer's
     * transaction can still park the message on EptDLQ with the reason (a failure in the consumer's transaction
     * would mark it for rollback).
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
    public void handleAlone(String type, String body, String events) {
        handle(type, body, events);
    }

    /** @param events the message's {@link WorkTypes#EVENTS_PROPERTY}, or null */
    public void handle(String type, String body, String events) {
        if (type == null) {
            throw new UnprocessableWorkException("message without " + WorkTypes.PROPERTY + " property");
        }
        org.jboss.logging.MDC.put("component", type.startsWith("watch") ? "watcher" : "worker");
        if (events != null) {
            org.jboss.logging.MDC.put("fabric", WorkTypes.eventsFabric(events));
        }
        try {
            route(type, body);
            if (workerConfig.persistentEpm) {
                // journalled work: the message is acknowledged after this returns, and from then on its store
                // writes must survive a crash too (without journalling, a crash loses the queued work anyway, and
                // the restart's rebuild re-reads the state; waiting cost a third of the event rate)
                infrastructure.awaitStoreWritten();
            }
            if (events != null) {
                metrics.processed(WorkTypes.eventsFabric(events), WorkTypes.eventsCounts(events));
            }
        } catch (FabricNotFoundException e) {
            // The fabric was deleted after this work was queued: its records are gone by the user's choice.
            LOG.info(() -> "discarding " + type + " work: " + e.getMessage());
            if (events != null) {
                String fabric = WorkTypes.eventsFabric(events);
                WorkTypes.eventsCounts(events).forEach((cls, n) -> metrics.dropped(fabric, cls, n));
            }
        } finally {
            org.jboss.logging.MDC.remove("component");
            org.jboss.logging.MDC.remove("fabric");
        }
    }

    private void route(String type, String body) {
        switch (type) {
            case WorkTypes.PROBE -> probe.record(body);
            case WorkTypes.EPM_BATCH -> epm.handleBatch(body);
            case WorkTypes.EPM -> epm.handleEpm(body);
            case WorkTypes.ENDPOINT_DELETE -> epm.handleDelete(body);
            case WorkTypes.WATCH_MOVE, WorkTypes.WATCH_STALE, WorkTypes.WATCH_OFFSUBNET, WorkTypes.WATCH_RAPID,
                 WorkTypes.WATCH_NODE -> watch.handle(type, body);
            case WorkTypes.WATCH_BATCH -> watch.handleBatch(body);
            default -> throw new UnprocessableWorkException("unknown work type '" + type + "'");
        }
    }
}
