package io.ept.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchOffsubnet;
import io.ept.analysis.watch.WatchStale;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
}
