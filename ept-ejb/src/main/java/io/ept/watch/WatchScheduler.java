package io.ept.watch;

import io.ept.analysis.model.Settings;
import io.ept.analysis.watch.DelayedWatchJob;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchMove;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchRapid;
import io.ept.messaging.WorkItem;
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

    /** Sends the jobs of a batch (coalesced, see {@link #coalesce}); returns how many were sent. */
    public int send(List<WatchJob> jobs, Settings settings) {
        List<WatchJob> coalesced = coalesce(jobs);
        // one Redis round trip for the batch's latest-execution marks, one send per delivery delay
        java.util.Map<Long, List<WorkItem>> byDelay = new java.util.TreeMap<>();
        List<WatchRegistry.Latest> latest = new java.util.ArrayList<>();
        for (WatchJob job : coalesced) {
            if (job instanceof DelayedWatchJob delayed && !(job instanceof WatchRapid)) {
                long delayMillis = (long) (delayed.delaySeconds(settings) * 1000);
                String id = UUID.randomUUID().toString();
                latest.add(new WatchRegistry.Latest(delayed.watchKey(), id, delayMillis));
                byDelay.computeIfAbsent(delayMillis, k -> new java.util.ArrayList<>()).add(item(job, id, true));
            } else {
                byDelay.computeIfAbsent(0L, k -> new java.util.ArrayList<>()).add(item(job, null, false));
            }
        }
        // marked before sent: a recheck must never arrive before its mark (it would be dropped as superseded)
        registry.markLatest(latest);
        byDelay.forEach((delay, items) -> queues.toWatcher(items, delay));
        return coalesced.size();
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
