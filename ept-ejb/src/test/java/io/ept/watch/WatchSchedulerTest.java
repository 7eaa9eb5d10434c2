package io.ept.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchOffsubnet;
import io.ept.analysis.watch.WatchStale;
import io.ept.analysis.model.MoveEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.watch.WatchMove;
import io.ept.messaging.UnprocessableWorkException;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkQueues;
import io.ept.messaging.WorkTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchSchedulerTest {

    static WatchStale stale(int node, double ts) {
        return new WatchStale("f1", node, 2818048, "10.1.1.1", EndpointType.IPV4, ts,
                new StaleEvent(ts, 101, 102, 0, "", "", "", List.of(), "", ""));
    }

    @Test
    void delayedRechecksAreCoalescedPerWatchKeyNewestWins() {
        WatchOffsubnet off = new WatchOffsubnet("f1", 105, 2818048, "10.1.1.1", EndpointType.IPV4, 5,
                new OffsubnetEvent(5, 0, "", "", "", "", 0, 0, "", ""));
        WatchNode node = new WatchNode("f1", 6, 104, "inactive");
        List<WatchJob> jobs = List.of(stale(103, 1), stale(104, 2), off, stale(103, 3), node, stale(103, 4));
        assertEquals(List.of(stale(104, 2), off, node, stale(103, 4)), WatchScheduler.coalesce(jobs));
        // stale and offsubnet rechecks of one node share the watch key (the registry supersedes across them too)
        WatchOffsubnet sameNode = new WatchOffsubnet("f1", 103, 2818048, "10.1.1.1", EndpointType.IPV4, 7,
                new OffsubnetEvent(7, 0, "", "", "", "", 0, 0, "", ""));
        assertEquals(List.of(sameNode), WatchScheduler.coalesce(List.of(stale(103, 1), sameNode)));
        List<WatchJob> distinct = List.of(stale(103, 1), stale(104, 2), node);
        assertSame(distinct, WatchScheduler.coalesce(distinct), "nothing to coalesce: the same list");
    }

    static WatchMove move(String addr, int fromNode, int toNode) {
        return new WatchMove("f1", 2818048, addr, EndpointType.IPV4,
                new MoveEvent(fromNode, 1, 49153, "vlan-101", "eth1/1", "eth1/1", "", 0, "epg", "vrf"),
                new MoveEvent(toNode, 2, 49153, "vlan-101", "eth1/2", "eth1/2", "", 0, "epg", "vrf"));
    }

    /** What a worker batch's jobs become on the watcher queue, without JMS or Redis. */
    private static final class Recorded extends WorkQueues {
        final List<String> sends = new ArrayList<>();
        final List<WorkItem> items = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void toWatcher(List<WorkItem> items, long deliveryDelayMillis) {
            sends.add(items.size() + " at " + deliveryDelayMillis);
            this.items.addAll(items);
            items.forEach(i -> delays.add(deliveryDelayMillis));
        }
    }

    private static WatchScheduler scheduler(Recorded queues, List<WatchRegistry.Latest> marks) {
        WatchScheduler scheduler = new WatchScheduler();
        scheduler.queues = queues;
        scheduler.groups = io.ept.messaging.WorkerGroups.of(32, 500, 100);
        scheduler.registry = new WatchRegistry() {
            @Override
            public void markLatest(List<Latest> latest) {
                marks.addAll(latest);
            }
        };
        return scheduler;
    }

    @Test
    void theJobsOfAWorkerBatchDueTogetherTravelAsOneMessage() {
        Recorded queues = new Recorded();
        List<WatchRegistry.Latest> marks = new ArrayList<>();
        Settings settings = Settings.defaults();
        List<WatchJob> jobs = List.of(move("10.1.1.1", 101, 102), stale(103, 1), move("10.1.1.2", 101, 103), stale(104, 2));
        assertEquals(4, scheduler(queues, marks).send(jobs, settings));

        assertEquals(List.of("1 at 0", "1 at " + (long) (stale(103, 1).delaySeconds(settings) * 1000)), queues.sends);
        assertEquals(List.of(WorkTypes.WATCH_BATCH, WorkTypes.WATCH_BATCH), queues.items.stream().map(WorkItem::type).toList());
        WatchJobJson.Batch moves = WatchJobJson.batchFromJson(queues.items.get(0).body());
        assertEquals(List.of(move("10.1.1.1", 101, 102), move("10.1.1.2", 101, 103)),
                moves.jobs().stream().map(WatchJobJson.Envelope::job).toList());
        assertTrue(moves.jobs().stream().noneMatch(WatchJobJson.Envelope::due));
        WatchJobJson.Batch rechecks = WatchJobJson.batchFromJson(queues.items.get(1).body());
        assertEquals(List.of(stale(103, 1), stale(104, 2)), rechecks.jobs().stream().map(WatchJobJson.Envelope::job).toList());
        // each recheck keeps the id it is registered under as the latest of its watch key
        assertEquals(marks.stream().map(WatchRegistry.Latest::id).toList(),
                rechecks.jobs().stream().map(WatchJobJson.Envelope::id).toList());
        assertTrue(rechecks.jobs().stream().allMatch(WatchJobJson.Envelope::due));
        assertNotEquals(moves.id(), rechecks.id());
        // the message group is the worker group of the endpoint: one endpoint's jobs stay in order
        assertEquals(WorkTypes.WATCH_BATCH + ",f1," + io.ept.messaging.EpmBatch.messageGroup(
                new io.ept.analysis.model.EndpointKey("f1", 2818048, "10.1.1.1"), 32), queues.items.get(0).groupKey());
    }

    @Test
    void aLoneJobKeepsItsOwnMessageType() {
        Recorded queues = new Recorded();
        scheduler(queues, new ArrayList<>()).send(List.of(move("10.1.1.1", 101, 102)), Settings.defaults());
        assertEquals(List.of(WorkTypes.WATCH_MOVE), queues.items.stream().map(WorkItem::type).toList());
        assertEquals(move("10.1.1.1", 101, 102), WatchJobJson.fromJson(WorkTypes.WATCH_MOVE, queues.items.get(0).body()).job());
    }

    @Test
    void malformedBatchesAreRefusedWithTheReason() {
        String id = "\"6f1d7a2b-9c3e-4d5f-8a7b-8c9d0e1f2a3b\"";
        for (String body : List.of("not json", "{}", "{\"batch\":" + id + "}", "{\"batch\":" + id + ",\"jobs\":[{\"fabric\":\"f1\"}]}",
                "{\"batch\":" + id + ",\"jobs\":[{\"work_type\":\"watch_stale\",\"fabric\":\"f1\"}]}",
                "{\"batch\":\"x\\r\\nDEL *\",\"jobs\":[]}", "{\"batch\":\"\",\"jobs\":[]}")) {
            UnprocessableWorkException e = assertThrows(UnprocessableWorkException.class, () -> WatchJobJson.batchFromJson(body));
            assertTrue(e.getMessage().contains("watch_batch") || e.getMessage().contains("watch_stale"), e.getMessage());
        }
    }
}
