package io.ept.monitor;

import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.apic.ApicSession;
import io.ept.apic.PageReadAhead;
import io.ept.endpoint.EpmWorkService;
import io.ept.messaging.EpmWork;
import io.ept.messaging.WorkItem;
import io.ept.platform.KeyFilter;
import org.bson.Document;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.fields;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Projections.slice;

/**
 * Brings the workers' endpoint state in line with the APIC by reading every endpoint record (ept-reference 7.1):
 * each record goes through the normal worker path under one build id, history rows the APIC no longer has get
 * synthetic deletes, then the caller waits until the workers acknowledged them all. Used by the full build and
 * after a websocket gap (events the APIC sent while no websocket was connected are lost; the re-read restores what
 * they changed). A record equal to the node's newest event is ignored by the analysis, so re-reading is harmless.
 */
final class EndpointReconciler {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EndpointReconciler.class.getName());

    /**
     * Pages of 75,000 records fetched and parsed ahead of the one being dispatched, so the subscriber's thread only
     * dispatches and throttles; each page waiting holds about 25 MB of parsed events.
     */
    static final int PAGES_AHEAD = 2;

    private final String fabric;
    private final MonitorEnvironment env;
    private final ApicConnection apic;
    private final StopSignal stop;
    private final FabricEventLog events;
    private final Duration maxWait;

    EndpointReconciler(String fabric, MonitorEnvironment env, ApicConnection apic, StopSignal stop,
                       FabricEventLog events, Duration maxWait) {
        this.fabric = fabric;
        this.env = env;
        this.apic = apic;
        this.stop = stop;
        this.events = events;
        this.maxWait = maxWait;
    }

    /**
     * Reads the epm classes (already subscribed) and queues every record and the deletes under {@code build};
     * returns how many messages the workers must acknowledge.
     */
    long sendAll(BuildCoordinator.Host host, EpmDispatcher dispatcher, String build) {
        long before = dispatcher.buildMessages();
        // rows of an earlier run that the APIC no longer has get deletes; a new fabric has none to look for
        boolean earlierRows = env.database().getCollection("ept.history").find(eq("fabric", fabric))
                .projection(include("node")).first() != null;
        // deletes are dated before the reads: an event received after the reads began is newer and wins
        double readStartTs = FabricEventLog.now();
        SeenRecords seen = new SeenRecords();
        PageReadAhead pages = new PageReadAhead(env.threads(), PAGES_AHEAD);
        for (String cls : ApicClasses.EPM) {
            double queryTs = FabricEventLog.now();
            String path = "/api/class/" + cls + ".json";
            // pages are fetched and parsed ahead on other threads, and dispatched here in the APIC's order
            pages.read(page -> apic.call(() -> apic.session().readPage(path, Map.of(), ApicClasses.orderBy(cls), page,
                    ApicSession.PAGE_SIZE, mo -> dispatcher.parse(mo, queryTs))), ApicSession.PAGE_SIZE, parsed -> {
                for (EpmDispatcher.Parsed record : parsed) {
                    EpmEvent event = dispatcher.dispatch(record, false, WorkItem.PRIORITY_NORMAL, build);
                    if (event != null && earlierRows) {
                        seen.add(event.node(), event.vnid(), event.keyAddr());
                    }
                    if (dispatcher.buildMessages() % 1000 == 0) {
                        throttle(host, dispatcher, build, before);
                    }
                }
            });
            dispatcher.flush();
        }
        if (earlierRows) {
            queueVanishedEndpointDeletes(dispatcher, seen, build, readStartTs);
        }
        dispatcher.flush();
        return dispatcher.buildMessages() - before;
    }

    /**
     * Keeps the read at most {@code ept.subscriber.max-build-backlog} records ahead of the workers: reading the APIC
     * is faster than analysing, and millions of queued records would fill the heap (and take CPU the workers need).
     */
    private void throttle(BuildCoordinator.Host host, EpmDispatcher dispatcher, String build, long before) {
        long limit = env.workerGroups().maxBuildBacklog();
        if (limit <= 0) {
            return;
        }
        dispatcher.flush();
        String key = doneKey(build);
        while (!stop.requested()) {
            if (dispatcher.buildMessages() - before - processed(key) <= limit) {
                return;
            }
            host.handleEventsFor(200);
        }
    }

    /** History rows the APIC no longer has (the endpoint vanished while EPT was not watching) get deletes. */
    private void queueVanishedEndpointDeletes(EpmDispatcher dispatcher, SeenRecords seen, String build, double ts) {
        for (Document row : env.database().getCollection("ept.history").find(eq("fabric", fabric))
                .projection(fields(include("node", "vnid", "addr", "type"), slice("events", 1)))
                .batchSize(KeyFilter.BATCH_SIZE)) {
            int node = row.get("node", Number.class).intValue();
            int vnid = row.get("vnid", Number.class).intValue();
            String addr = row.getString("addr");
            List<Document> rowEvents = row.getList("events", Document.class, List.of());
            if (rowEvents.isEmpty() || "deleted".equals(rowEvents.get(0).getString("status"))
                    || seen.contains(node, vnid, addr)) {
                continue;
            }
            boolean mac = "mac".equals(row.getString("type"));
            List<EpmClass> classes = mac ? List.of(EpmClass.MAC_EP) : List.of(EpmClass.RS_MAC_EP_TO_IP_EP_ATT, EpmClass.IP_EP);
            for (EpmClass cls : classes) {
                dispatcher.queue(new EpmWork(fabric, EpmEvent.syntheticDelete(cls, node, vnid, addr, ts), build),
                        WorkItem.PRIORITY_NORMAL);
            }
        }
    }

    /** Waits until the workers processed {@code expected} messages of {@code build} (their Redis counter). */
    void awaitWorkers(BuildCoordinator.Host host, String build, long expected) {
        long deadline = System.currentTimeMillis() + maxWait.toMillis();
        String key = doneKey(build);
        try {
            while (!stop.requested()) {
                long processed = processed(key);
                if (processed >= expected) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    events.add("warning", "epm max build time(" + maxWait.toSeconds()
                            + ") exceeded while waiting for workers: " + processed + " of " + expected + " processed");
                    return;
                }
                host.handleEventsFor(500);
            }
        } finally {
            try {
                env.redis().del(key);
            } catch (RuntimeException e) {
                LOG.warning(() -> "fabric " + fabric + ": counter " + key + " not removed (Redis: " + e.getMessage() + ")");
            }
        }
    }

    private String doneKey(String build) {
        return String.format(EpmWorkService.BUILD_DONE_KEY, fabric, build);
    }

    /** Build messages the workers have acknowledged. */
    private long processed(String key) {
        String done;
        try {
            done = env.redis().get(key);
        } catch (RuntimeException e) {
            // Redis is briefly down: the workers cannot count either; wait (up to the limit) instead of failing
            LOG.fine(() -> "fabric " + fabric + ": Redis unavailable while waiting for the workers: " + e.getMessage());
            return 0;
        }
        return done == null ? 0 : Long.parseLong(done);
    }
}
