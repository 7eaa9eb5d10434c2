package io.ept.watch;

import io.ept.platform.JsonSupport;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.refresh.RefreshPlanner;
import io.ept.analysis.watch.ClearRequest;
import io.ept.analysis.watch.ConfirmDecision;
import io.ept.analysis.watch.DelayedWatchJob;
import io.ept.analysis.watch.RapidRecheck;
import io.ept.analysis.watch.RapidWatchAccepted;
import io.ept.analysis.watch.WatchMove;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchOffsubnet;
import io.ept.analysis.watch.WatchRapid;
import io.ept.analysis.watch.WatchStale;
import io.ept.analysis.watch.WatcherLogic;
import io.ept.analysis.notify.Notification;
import io.ept.endpoint.EpmWorkService;
import io.ept.endpoint.FabricLookupsRegistry;
import io.ept.endpoint.FabricSettingsCache;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.endpoint.clear.ClearResult;
import io.ept.endpoint.clear.EndpointClearService;
import io.ept.events.LiveEvent;
import io.ept.findings.Finding;
import io.ept.findings.FindingControls;
import io.ept.findings.Findings;
import io.ept.findings.Suppression;
import io.ept.events.LiveEvents;
import io.ept.messaging.EpmBatch;
import io.ept.messaging.EpmWork;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkQueues;
import io.ept.messaging.WorkerGroups;
import io.ept.notify.NotificationService;
import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Watcher side (ept-reference 3.9, 3.12): executes watch jobs delivered by the watcher queue. Delayed jobs arrive
 * when due (JMS delivery delay); a due job is dropped when a newer one for its watch key was scheduled, and
 * re-sent 1 s later while watching is paused for the fabric (build in progress).
 */
@ApplicationScoped
public class WatchService {
    private static final Logger LOG = Logger.getLogger(WatchService.class.getName());
    /** Redis channel on which the subscriber takes refresh requests {"fabric","vnid","addr","type"}. */
    public static final String REFRESH_CHANNEL = io.ept.platform.RedisSubscriber.REFRESH_CHANNEL;
    private static final long PAUSED_RETRY_MILLIS = 1000;

    @Inject
    Infrastructure infrastructure;
    @Inject
    EpmWorkService worker;
    @Inject
    FabricSettingsCache settingsCache;
    @Inject
    FabricLookupsRegistry lookups;
    @Inject
    WatchRegistry registry;
    @Inject
    WatchScheduler scheduler;
    @Inject
    WorkQueues queues;
    @Inject
    NotificationService notifications;

    @Inject
    EndpointClearService clearService;

    @Inject
    LiveEvents liveEvents;

    @Inject
    WorkerGroups workerGroups;

    @Inject
    FindingControls controls;

    @Inject
    io.ept.publish.EventPublisher publisher;

    public void handle(String workType, String body) {
        WatchJobJson.Envelope env = WatchJobJson.fromJson(workType, body);
        // the job's endpoint key (and node) as fields of every log line it causes (JSON log format)
        List<String> fields = logFields(env.job());
        try {
            handle(workType, env);
        } finally {
            fields.forEach(org.jboss.logging.MDC::remove);
        }
    }

    /** Puts the MDC fields endpoint (vnid:address) and node of a watch job; returns the names it put. */
    static List<String> logFields(io.ept.analysis.watch.WatchJob job) {
        List<String> put = new ArrayList<>(2);
        String endpoint = null;
        Integer node = null;
        if (job instanceof WatchMove m) {
            endpoint = m.vnid() + ":" + m.addr();
        } else if (job instanceof WatchStale st) {
            endpoint = st.vnid() + ":" + st.addr();
            node = st.node();
        } else if (job instanceof WatchOffsubnet o) {
            endpoint = o.vnid() + ":" + o.addr();
            node = o.node();
        } else if (job instanceof WatchRapid r) {
            endpoint = r.vnid() + ":" + r.addr();
        } else if (job instanceof WatchNode n) {
            node = n.node();
        }
        if (endpoint != null) {
            org.jboss.logging.MDC.put("endpoint", endpoint);
            put.add("endpoint");
        }
        if (node != null) {
            org.jboss.logging.MDC.put("node", String.valueOf(node));
            put.add("node");
        }
        return put;
    }

    /**
     * The jobs of a {@code watch_batch} message, in order. A job that fails leaves the batch's progress in Redis, so
     * the redelivered batch resumes with it; a batch delivered again after a crash (no progress left) runs its jobs
     * again, and each records its finding, notifies and publishes once at most (the finding log refuses a job's
     * second finding, {@link FindingControls#record(Finding, Suppression, String)}); delayed rechecks are dropped
     * as done ({@link WatchRegistry#done}).
     */
    public void handleBatch(String body) {
        WatchJobJson.Batch batch = WatchJobJson.batchFromJson(body);
        runFrom(registry.batchProgress(batch.id()), batch.jobs(), (env, i) -> {
            List<String> fields = logFields(env.job());
            try {
                handle(env.job().workType(), env, batch.id() + "/" + i);
            } finally {
                fields.forEach(org.jboss.logging.MDC::remove);
            }
        }, failed -> registry.saveBatchProgress(batch.id(), failed));
    }

    /**
     * Runs {@code jobs} from index {@code start} in order; when one fails, hands its index to {@code failedAt} (the
     * progress mark) and rethrows, with a failure of {@code failedAt} itself added as suppressed.
     */
    static void runFrom(int start, List<WatchJobJson.Envelope> jobs, java.util.function.ObjIntConsumer<WatchJobJson.Envelope> run,
                        java.util.function.IntConsumer failedAt) {
        for (int i = start; i < jobs.size(); i++) {
            try {
                run.accept(jobs.get(i), i);
            } catch (RuntimeException e) {
                try {
                    failedAt.accept(i);
                } catch (RuntimeException markFailed) {
                    e.addSuppressed(markFailed);
                }
                throw e;
            }
        }
    }

    private void handle(String workType, WatchJobJson.Envelope env) {
        handle(workType, env, null);
    }

    /** @param job the job's name within its batch (null: a message of its own) */
    private void handle(String workType, WatchJobJson.Envelope env, String job) {
        String fabric = env.job().fabric();
        Settings settings;
        try {
            settings = settingsCache.settings(fabric);
        } catch (io.ept.fabric.FabricNotFoundException e) {
            LOG.fine(() -> "dropping " + workType + " of deleted fabric " + fabric);
            return;
        }
        WatcherLogic logic = new WatcherLogic(settings, lookups.lookups(fabric));
        Findings findings = new Findings(lookups.lookups(fabric));
        double now = System.currentTimeMillis() / 1000.0;
        if (env.job() instanceof WatchMove m) {
            Notification n = logic.onMove(m);
            if (!recordFinding(findings.move(m, io.ept.analysis.notify.NotificationFormatter.move(m.fabric(), m.vnid(), m.addr(),
                    m.type(), m.src(), m.dst()).body()), job).suppressed()) {
                notifications.enqueue(fabric, n);
            }
        } else if (env.job() instanceof WatchNode n) {
            nodeDown(n);
        } else if (env.job() instanceof WatchRapid r && !env.due()) {
            RapidWatchAccepted accepted = logic.onRapid(r, now);
            Suppression held = recordFinding(findings.rapid(r, io.ept.analysis.notify.NotificationFormatter.rapid(r.fabric(),
                    r.vnid(), r.vnidName(), r.addr(), r.rate()).body()), job);
            if (!held.suppressed()) {
                notifications.enqueue(fabric, accepted.notification());
            }
            if (accepted.recheckAt() != null && held != ALREADY_RECORDED) {
                scheduler.scheduleExecution(r, (long) ((accepted.recheckAt() - now) * 1000));
            }
        } else if (env.job() instanceof DelayedWatchJob d && isCurrentAndActive(d, env.id())) {
            execute(logic, findings, settings, d, now);
            registry.done(d.watchKey(), env.id());
        }
    }

    /** Superseded executions are dropped; paused fabrics get the execution back in a second. */
    private boolean isCurrentAndActive(DelayedWatchJob job, String id) {
        if (id == null || !registry.isLatest(job.watchKey(), id)) {
            return false;
        }
        if (registry.isPaused(job.fabric())) {
            scheduler.retry(job, id, PAUSED_RETRY_MILLIS);
            return false;
        }
        return true;
    }

    /**
     * Every confirmed finding goes to the finding log with its workflow state and, when open, is published; an
     * acknowledged, snoozed or maintenance-held finding is recorded (by the workers, and here in the log) but not
     * notified, published nor auto-cleared.
     */
    private Suppression recordFinding(Finding finding) {
        return recordFinding(finding, null);
    }

    /** A batch job's finding found in the log already: it was notified and published the first time. */
    private static final Suppression ALREADY_RECORDED = new Suppression(io.ept.findings.SuppressionState.ACKNOWLEDGED,
            null, "watcher", 0, "recorded by an earlier delivery of the same watcher batch");

    /** @param job the batch job making it (null: none); its finding is recorded once, else ALREADY_RECORDED */
    private Suppression recordFinding(Finding finding, String job) {
        Suppression suppression = suppression(finding);
        try {
            if (!controls.record(finding, suppression, job)) {
                LOG.fine(() -> "fabric " + finding.fabric() + ": finding of watcher job " + job + " recorded already");
                return ALREADY_RECORDED;
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "fabric " + finding.fabric() + ": finding log write failed: " + e);
        }
        if (!suppression.suppressed()) {
            publisher.finding(finding);
        }
        return suppression;
    }

    private void execute(WatcherLogic logic, Findings findings, Settings settings, DelayedWatchJob job, double now) {
        MongoEndpointStore store = worker.store();
        if (job instanceof WatchRapid r) {
            EndpointKey key = new EndpointKey(r.fabric(), r.vnid(), r.addr());
            if (logic.recheckRapid(r, store.endpoint(key), now) == RapidRecheck.REFRESH) {
                infrastructure.redis().publish(REFRESH_CHANNEL, JsonSupport.JSON.createObjectBuilder().add("fabric", r.fabric())
                        .add("vnid", r.vnid()).add("addr", r.addr()).add("type", r.type().wireName()).build()
                        .toString());
            }
        } else if (job instanceof WatchStale s) {
            EndpointKey key = new EndpointKey(s.fabric(), s.vnid(), s.addr());
            ConfirmDecision<StaleEvent> d = logic.confirmStale(s, store.history(key, s.node()),
                    store.lastStale(key, s.node()), rapidPending(key), now);
            if (d.setEndpointFlag()) {
                store.setEndpointStale(key);
                announceEndpointChange(key);
            }
            Suppression held = Suppression.NONE;
            if (d.recordToPush() != null) {
                store.pushStale(key, s.node(), s.type(), d.recordToPush(), settings.perNodeCap());
                liveEvents.publish(new LiveEvent(s.fabric(), "stale", now, s.vnid(), s.addr(), s.node(),
                        "stale on node " + s.node() + ": points to " + d.recordToPush().remote() + ", expected "
                                + d.recordToPush().expectedRemote()));
                held = recordFinding(findings.stale(s, staleText(s)));
            } else if (d.clear() != null) {
                held = suppression(findings.stale(s, ""));
            }
            if (!held.suppressed()) {
                notifications.enqueue(s.fabric(), d.notification());
                autoClear(d.clear(), settings, findings.stale(s, ""));
            }
        } else if (job instanceof WatchOffsubnet o) {
            EndpointKey key = new EndpointKey(o.fabric(), o.vnid(), o.addr());
            ConfirmDecision<OffsubnetEvent> d = logic.confirmOffsubnet(o, store.history(key, o.node()),
                    store.lastOffsubnet(key, o.node()), rapidPending(key), now);
            if (d.setEndpointFlag()) {
                store.setEndpointOffsubnet(key);
                announceEndpointChange(key);
            }
            Suppression held = Suppression.NONE;
            if (d.recordToPush() != null) {
                store.pushOffsubnet(key, o.node(), o.type(), d.recordToPush(), settings.perNodeCap());
                liveEvents.publish(new LiveEvent(o.fabric(), "offsubnet", now, o.vnid(), o.addr(), o.node(),
                        "off-subnet learn on node " + o.node() + " (epg " + d.recordToPush().epgName() + ")"));
                held = recordFinding(findings.offsubnet(o, offsubnetText(o)));
            } else if (d.clear() != null) {
                held = suppression(findings.offsubnet(o, ""));
            }
            if (!held.suppressed()) {
                notifications.enqueue(o.fabric(), d.notification());
                autoClear(d.clear(), settings, findings.offsubnet(o, ""));
            }
        }
    }

    private Suppression suppression(Finding finding) {
        try {
            return controls.check(finding);
        } catch (RuntimeException e) {
            // the rules could not be read: notify rather than silently hold a finding
            LOG.warning(() -> "fabric " + finding.fabric() + ": suppression rules not read, finding stays open: " + e);
            return Suppression.NONE;
        }
    }

    private static String staleText(WatchStale s) {
        return io.ept.analysis.notify.NotificationFormatter.stale(s.fabric(), s.vnid(), s.addr(), s.event()).body();
    }

    private static String offsubnetText(WatchOffsubnet o) {
        return io.ept.analysis.notify.NotificationFormatter.offsubnet(o.fabric(), o.vnid(), o.addr(), o.event()).body();
    }

    /** Workers on every node drop the state they kept of the endpoint (this node's store already did). */
    private void announceEndpointChange(EndpointKey key) {
        try {
            infrastructure.redis().publish(io.ept.platform.RedisSubscriber.FLUSH_CHANNEL, JsonSupport.JSON.createObjectBuilder()
                    .add("fabric", key.fabric()).add("cache", io.ept.endpoint.CacheFlush.endpointCache(key)).build().toString());
        } catch (RuntimeException e) {
            LOG.warning(() -> "endpoint change broadcast for " + key + " failed: " + e.getMessage());
        }
    }

    private boolean rapidPending(EndpointKey key) {
        return registry.isPending(DelayedWatchJob.rapidKey(key.fabric(), key.vnid(), key.addr()));
    }

    /** Runs the clear and records its real outcome (the original recorded success beforehand, Q9). */
    private void autoClear(ClearRequest request, Settings settings, Finding cause) {
        if (request == null) {
            return;
        }
        EndpointKey key = new EndpointKey(request.fabric(), request.vnid(), request.addr());
        ClearResult result = clear(request);
        worker.store().pushRemediate(key, request.node(), request.type(), request.remediate(), result.success(),
                result.error(), settings.perNodeCap());
        liveEvents.publish(new LiveEvent(request.fabric(), "clear", request.remediate().ts(), request.vnid(),
                request.addr(), request.node(), "auto-clear (" + request.reason() + ") on node " + request.node()
                        + (result.success() ? " succeeded" : " failed: " + result.error())));
        recordFinding(Findings.clear(request, cause, "auto-clear (" + request.reason() + ") on node " + request.node()
                + (result.success() ? " succeeded" : " failed: " + result.error())));
        if (result.success()) {
            notifications.enqueue(request.fabric(), request.notification());
        } else {
            LOG.warning("auto-clear of " + key + " on node " + request.node() + " failed: " + result.error());
        }
    }

    private ClearResult clear(ClearRequest r) {
        return clearService.clear(r.fabric(), r.vnid(), r.addr(), r.type(), List.of(r.node())).get(r.node());
    }

    /** A leaf left the active state: delete events for every live history row of the node, through the workers. */
    private void nodeDown(WatchNode n) {
        List<EpmEvent> deletes = RefreshPlanner.nodeDown(n.node(), n.ts(),
                worker.store().historyOfNode(n.fabric(), n.node()));
        List<EpmWork> works = new ArrayList<>(deletes.size());
        for (EpmEvent ev : deletes) {
            works.add(new EpmWork(n.fabric(), ev, null));
        }
        List<WorkItem> items = EpmBatch.workItems(works, WorkItem.PRIORITY_NORMAL, workerGroups.groups(),
                workerGroups.batchEvents());
        if (!items.isEmpty()) {
            queues.toWorkers(items);
        }
        LOG.info("fabric " + n.fabric() + ": node " + n.node() + " " + n.status() + ", " + works.size()
                + " delete events queued");
    }
}
