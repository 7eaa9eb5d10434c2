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

    public void send(List<WatchJob> jobs, Settings settings) {
        for (WatchJob job : jobs) {
            if (job instanceof DelayedWatchJob delayed && !(job instanceof WatchRapid)) {
                scheduleExecution(delayed, (long) (delayed.delaySeconds(settings) * 1000));
            } else {
                queues.toWatcher(List.of(item(job, null, false)), 0);
            }
        }
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
