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
            if (immediate(env)) {
                try {
                    runImmediate(null, List.of(env), 0, 1);
                } catch (JobFailed e) {
                    throw (RuntimeException) e.getCause();
                }
            } else {
                handle(workType, env);
            }
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
     * the redelivered batch resumes with it. Consecutive jobs that make their finding at once (moves, rapid warnings)
     * run together ({@link #runImmediate}). A batch delivered again after a crash (no progress left) runs its jobs
     * again: a job whose finding is in the log already does nothing more; delayed rechecks are dropped as done
     * ({@link WatchRegistry#done}).
     */
    public void handleBatch(String body) {
        WatchJobJson.Batch batch = WatchJobJson.batchFromJson(body);
        List<WatchJobJson.Envelope> jobs = batch.jobs();
        runFrom(registry.batchProgress(batch.id()), jobs.size(), i -> immediate(jobs.get(i)), (from, to) -> {
            if (immediate(jobs.get(from))) {
                runImmediate(batch.id(), jobs, from, to);
                return;
            }
            WatchJobJson.Envelope env = jobs.get(from);
            List<String> fields = logFields(env.job());
            try {
                handle(env.job().workType(), env);
            } finally {
                fields.forEach(org.jboss.logging.MDC::remove);
            }
        }, failed -> registry.saveBatchProgress(batch.id(), failed));
    }

    /** Jobs {@code from} (inclusive) to {@code to} (exclusive) of a batch. */
    @FunctionalInterface
    interface JobRun {
        void run(int from, int to);
    }

    /** A run of jobs failed at job {@code index}; the jobs before it are done. */
    static final class JobFailed extends RuntimeException {
        final int index;

        JobFailed(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }
    }

    /**
     * Runs jobs {@code start} to {@code size - 1} in order, consecutive jobs that {@code together} accepts as one run,
     * every other job on its own. When a run fails, hands the index of the job that failed ({@link JobFailed}, else
     * the run's first) to {@code failedAt} (the progress mark) and rethrows the failure, with a failure of
     * {@code failedAt} itself added as suppressed.
     */
    static void runFrom(int start, int size, java.util.function.IntPredicate together, JobRun run,
                        java.util.function.IntConsumer failedAt) {
        int from = start;
        while (from < size) {
            int to = from + 1;
            if (together.test(from)) {
                while (to < size && together.test(to)) {
                    to++;
                }
            }
            try {
                run.run(from, to);
            } catch (RuntimeException e) {
                RuntimeException failure = e instanceof JobFailed f ? (RuntimeException) f.getCause() : e;
                try {
                    failedAt.accept(e instanceof JobFailed f ? f.index : from);
                } catch (RuntimeException markFailed) {
                    failure.addSuppressed(markFailed);
                }
                throw failure;
            }
            from = to;
        }
    }

    /** A job that makes its finding on arrival: a move, a rapid warning (its recheck comes later, as a due job). */
    private static boolean immediate(WatchJobJson.Envelope env) {
        return env.job() instanceof WatchMove || env.job() instanceof WatchRapid && !env.due();
    }

    /** The finding a job made on arrival, what to notify, and the rapid recheck to schedule (null: none). */
    private record ImmediateFinding(int index, String job, Finding finding, Suppression suppression,
                                    Notification notification, WatchRapid recheck, long recheckDelayMillis) {
    }

    /**
     * Jobs {@code from} to {@code to - 1} of {@code jobs}, all {@link #immediate}, named {@code <batch>/<index>}
     * ({@code batch} null: a job of its own, not named). Their findings are published through one bus context and
     * logged in one write, after they are published: a job whose finding is in the log was published and notified,
     * and is skipped; a crash between the two publishes and notifies again (receivers drop the copy by its event id,
     * {@link io.ept.publish.EventMessage#findingOfJob}). Acknowledged, snoozed or maintenance-held findings are
     * logged but neither published nor notified.
     */
    private void runImmediate(String batch, List<WatchJobJson.Envelope> jobs, int from, int to) {
        double now = System.currentTimeMillis() / 1000.0;
        List<ImmediateFinding> made = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ImmediateFinding f = immediateFinding(i, batch == null ? null : batch + "/" + i, jobs.get(i).job(), now);
            if (f != null) {
                made.add(f);
            }
        }
        java.util.Set<String> logged = batch == null ? java.util.Set.of()
                : controls.recordedJobs(made.stream().map(ImmediateFinding::job).toList());
        List<io.ept.publish.EventMessage> published = new ArrayList<>();
        List<FindingControls.JobFinding> done = new ArrayList<>();
        try {
            for (ImmediateFinding f : made) {
                if (f.job() != null && logged.contains(f.job())) {
                    LOG.fine(() -> "fabric " + f.finding().fabric() + ": finding of watcher job " + f.job() + " logged already");
                    continue;
                }
                try {
                    if (f.recheck() != null) {
                        scheduler.scheduleExecution(f.recheck(), f.recheckDelayMillis());
                    }
                } catch (RuntimeException e) {
                    throw new JobFailed(f.index(), e);
                }
                if (!f.suppression().suppressed()) {
                    published.add(f.job() == null ? io.ept.publish.EventMessage.finding(f.finding())
                            : io.ept.publish.EventMessage.findingOfJob(f.finding(), f.job()));
                    notifications.enqueue(f.finding().fabric(), f.notification());
                }
                done.add(new FindingControls.JobFinding(f.finding(), f.suppression(), f.job()));
            }
        } finally {
            publisher.findings(published);
            try {
                controls.recordAll(done);
            } catch (RuntimeException e) {
                LOG.warning(() -> "finding log write of " + done.size() + " findings failed: " + e);
            }
        }
    }

    /** The finding of an immediate job; null when its fabric was deleted meanwhile. */
    private ImmediateFinding immediateFinding(int index, String job, io.ept.analysis.watch.WatchJob watchJob, double now) {
        String fabric = watchJob.fabric();
        Settings settings;
        try {
            settings = settingsCache.settings(fabric);
        } catch (io.ept.fabric.FabricNotFoundException e) {
            LOG.fine(() -> "dropping " + watchJob.workType() + " of deleted fabric " + fabric);
            return null;
        }
        WatcherLogic logic = new WatcherLogic(settings, lookups.lookups(fabric));
        Findings findings = new Findings(lookups.lookups(fabric));
        if (watchJob instanceof WatchMove m) {
            Finding finding = findings.move(m, io.ept.analysis.notify.NotificationFormatter.move(m.fabric(), m.vnid(),
                    m.addr(), m.type(), m.src(), m.dst()).body());
            return new ImmediateFinding(index, job, finding, suppression(finding), logic.onMove(m), null, 0);
        }
        WatchRapid r = (WatchRapid) watchJob;
        RapidWatchAccepted accepted = logic.onRapid(r, now);
        Finding finding = findings.rapid(r, io.ept.analysis.notify.NotificationFormatter.rapid(r.fabric(), r.vnid(),
                r.vnidName(), r.addr(), r.rate()).body());
        return new ImmediateFinding(index, job, finding, suppression(finding), accepted.notification(),
                accepted.recheckAt() == null ? null : r, accepted.recheckAt() == null ? 0
                : (long) ((accepted.recheckAt() - now) * 1000));
    }

    /** A job that is not {@link #immediate}: a node going down, a due recheck. */
    private void handle(String workType, WatchJobJson.Envelope env) {
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
        if (env.job() instanceof WatchNode n) {
            nodeDown(n);
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
     * Every confirmed finding of a due recheck goes to the finding log with its workflow state and, when open, is
     * published; an acknowledged, snoozed or maintenance-held finding is recorded (by the workers, and here in the
     * log) but not notified, published nor auto-cleared.
     */
    private Suppression recordFinding(Finding finding) {
        Suppression suppression = suppression(finding);
        try {
            controls.record(finding, suppression);
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
