package io.ept.watch;

import io.ept.analysis.model.Settings;
import io.ept.analysis.watch.DelayedWatchJob;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchMove;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchRapid;
import io.ept.analysis.model.EndpointKey;
import io.ept.messaging.EpmBatch;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import io.ept.messaging.WorkerGroups;
import io.ept.messaging.WorkQueues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Sends watch jobs to the watcher queue. Stale/offsubnet rechecks (and the rapid recheck) are delayed with the JMS
 * delivery delay of the job instead of an in-memory timer, and registered as the latest execution of their watch
 * key; everything else is delivered at once.
 */
@ApplicationScoped
public class WatchScheduler {

    @Inject
    WorkQueues queues;

    @Inject
    WatchRegistry registry;

    @Inject
    WorkerGroups groups;

    /**
     * Sends the jobs of a worker batch (coalesced, see {@link #coalesce}); returns how many were sent. The jobs due at
     * the same time go in one watcher message ({@code watch_batch}, see {@link WatchService#handleBatch}): under a
     * move storm nearly every event makes a job, and a broker message per job cost more than the analysis and the
     * store together (issue 16). The batch's message group is the worker group of its first job's endpoint, the
     * group of the worker batch that made them, so one endpoint's jobs reach the watcher in the order they were made.
     */
    public int send(List<WatchJob> jobs, Settings settings) {
        List<WatchJob> coalesced = coalesce(jobs);
        // one Redis round trip for the batch's latest-execution marks, one message per delivery delay
        java.util.Map<Long, List<WatchJobJson.BatchJob>> byDelay = new java.util.TreeMap<>();
        List<WatchRegistry.Latest> latest = new java.util.ArrayList<>();
        for (WatchJob job : coalesced) {
            if (job instanceof DelayedWatchJob delayed && !(job instanceof WatchRapid)) {
                long delayMillis = (long) (delayed.delaySeconds(settings) * 1000);
                String id = UUID.randomUUID().toString();
                latest.add(new WatchRegistry.Latest(delayed.watchKey(), id, delayMillis));
                byDelay.computeIfAbsent(delayMillis, k -> new java.util.ArrayList<>()).add(new WatchJobJson.BatchJob(job, id, true));
            } else {
                byDelay.computeIfAbsent(0L, k -> new java.util.ArrayList<>()).add(new WatchJobJson.BatchJob(job, null, false));
            }
        }
        // marked before sent: a recheck must never arrive before its mark (it would be dropped as superseded)
        registry.markLatest(latest);
        byDelay.forEach((delay, batch) -> queues.toWatcher(List.of(batch.size() == 1
                ? item(batch.get(0).job(), batch.get(0).id(), batch.get(0).due()) : batchItem(batch)), delay));
        return coalesced.size();
    }

    private WorkItem batchItem(List<WatchJobJson.BatchJob> batch) {
        WatchJob first = batch.get(0).job();
        String group = WorkTypes.WATCH_BATCH + "," + first.fabric() + "," + (first instanceof WatchNode n
                ? "node," + n.node() : EpmBatch.messageGroup(endpointKey(first), groups.groups()));
        return new WorkItem(WorkTypes.WATCH_BATCH, group, WorkItem.PRIORITY_NORMAL,
                WatchJobJson.batchToJson(UUID.randomUUID().toString(), batch));
    }

    private static EndpointKey endpointKey(WatchJob job) {
        if (job instanceof WatchMove m) {
            return new EndpointKey(m.fabric(), m.vnid(), m.addr());
        }
        if (job instanceof io.ept.analysis.watch.WatchStale st) {
            return new EndpointKey(st.fabric(), st.vnid(), st.addr());
        }
        if (job instanceof io.ept.analysis.watch.WatchOffsubnet o) {
            return new EndpointKey(o.fabric(), o.vnid(), o.addr());
        }
        WatchRapid r = (WatchRapid) job;
        return new EndpointKey(r.fabric(), r.vnid(), r.addr());
    }

    /**
     * The jobs of one worker batch with delayed rechecks coalesced per watch key, newest wins: an earlier recheck of
     * the same key would be superseded by the later one as soon as it is scheduled (and dropped when due), so it
     * is not sent at all (no broker message, no Redis write). Order is kept otherwise; rapid watches (handled on
     * arrival) and immediate jobs are never coalesced.
     */
    static List<WatchJob> coalesce(List<WatchJob> jobs) {
        java.util.Map<String, Integer> last = new java.util.HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i) instanceof DelayedWatchJob d && !(d instanceof WatchRapid)) {
                last.put(d.watchKey(), i);
            }
        }
        if (last.size() == jobs.stream().filter(j -> j instanceof DelayedWatchJob && !(j instanceof WatchRapid)).count()) {
            return jobs;
        }
        java.util.List<WatchJob> out = new java.util.ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            WatchJob job = jobs.get(i);
            if (!(job instanceof DelayedWatchJob d) || job instanceof WatchRapid || last.get(d.watchKey()) == i) {
                out.add(job);
            }
        }
        return out;
    }

    /** Schedules the execution of a delayed job; it supersedes any earlier one of the same watch key. */
    public void scheduleExecution(DelayedWatchJob job, long delayMillis) {
        String id = UUID.randomUUID().toString();
        registry.markLatest(job.watchKey(), id, delayMillis);
        queues.toWatcher(List.of(item(job, id, true)), delayMillis);
    }

    /** Re-sends a due execution unchanged (same id), e.g. while watching is paused. */
    public void retry(DelayedWatchJob job, String id, long delayMillis) {
        queues.toWatcher(List.of(item(job, id, true)), delayMillis);
    }

    static WorkItem item(WatchJob job, String id, boolean due) {
        String group = job instanceof DelayedWatchJob d ? d.watchKey()
                : job instanceof WatchMove m ? DelayedWatchJob.rapidKey(m.fabric(), m.vnid(), m.addr())
                : job instanceof WatchNode n ? n.fabric() + ",node," + n.node() : job.fabric();
        return new WorkItem(job.workType(), group, WorkItem.PRIORITY_NORMAL, WatchJobJson.toJson(job, id, due));
    }
}
