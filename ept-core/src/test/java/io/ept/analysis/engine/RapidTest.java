package io.ept.analysis.engine;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.Settings;
import io.ept.analysis.support.Harness;
import io.ept.analysis.watch.WatchRapid;
import org.junit.jupiter.api.Test;

import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.BD1_NAME;
import static io.ept.analysis.support.Topology.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rapid (3.8) with a fake processing clock. */
class RapidTest {
    static final String MAC1 = "00:00:40:01:01:01";

    final Harness h = new Harness(Settings.builder().rapidThreshold(600).rapidHoldtime(100).build());

    /** Alternating interface so every event changes history. */
    private AnalysisResult event(int i) {
        return h.feed(mac(i, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/" + (i % 2 + 1), E1));
    }

    @Test
    void becomesRapidAboveThresholdDropsDuringHoldtimeAndRecalculatesAfter() {
        event(0);
        event(1);
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(1, ep.rapid().rapidLcount(), "first calculation after load from the row");
        // 20 events per second for 16 s: 1200/min > 600
        int i = 2;
        AnalysisResult r = null;
        for (int s = 0; s < 16 * 20; s++) {
            h.clock.advance(0.05);
            r = event(i++);
            if (r.outcome() == AnalysisResult.Outcome.DROPPED_RAPID) {
                break;
            }
        }
        assertEquals(AnalysisResult.Outcome.DROPPED_RAPID, r.outcome());
        assertTrue(r.endpointChanges().contains(EndpointField.RAPID));
        assertTrue(h.endpoint(BD1, MAC1).rapid().isRapid());
        WatchRapid job = h.jobs(WatchRapid.class).get(0);
        assertEquals(BD1_NAME, job.vnidName(), "watch_rapid names the BD (Q5)");
        assertTrue(job.rate() > 600);
        assertEquals(1, h.store.rapidEvents(Harness.key(BD1, MAC1)).size());
        assertEquals(200.0 + 35, job.delaySeconds(Settings.builder().rapidHoldtime(200).build()));

        long historyCount = h.history(BD1, MAC1, 103).count();
        h.clock.advance(50);
        AnalysisResult dropped = event(i++);
        assertEquals(AnalysisResult.Outcome.DROPPED_RAPID, dropped.outcome());
        assertFalse(dropped.hasChanges(), "counted in memory only");
        assertEquals(historyCount, h.history(BD1, MAC1, 103).count());

        // holdtime over: recalculated at once, rate low, event processed
        h.clock.advance(60);
        AnalysisResult after = event(i++);
        assertEquals(AnalysisResult.Outcome.PROCESSED, after.outcome());
        assertFalse(h.endpoint(BD1, MAC1).rapid().isRapid());
        assertTrue(h.endpoint(BD1, MAC1).rapid().rapidIcount() >= 1);
        assertEquals(historyCount + 1, h.history(BD1, MAC1, 103).count());
    }

    @Test
    void slowEndpointIsNeverRapidAndForcedEventsBypass() {
        for (int i = 0; i < 50; i++) {
            h.clock.advance(1);
            assertEquals(AnalysisResult.Outcome.PROCESSED, event(i).outcome());
        }
        assertFalse(h.endpoint(BD1, MAC1).rapid().isRapid());
        assertTrue(h.jobs(WatchRapid.class).isEmpty());
        assertTrue(h.endpoint(BD1, MAC1).rapid().rapidLcount() > 1, "counters persisted on recalculation");
        AnalysisResult forced = h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/7", E1)
                .withForce(true));
        assertFalse(forced.endpointChanges().contains(EndpointField.RAPID));
    }

    @Test
    void trackerIsBoundedAndReportsEvictedCounters() {
        RapidTracker t = new RapidTracker(2);
        var a = t.entry(Harness.key(1, "a"));
        a.rapidCount = 5;
        t.entry(Harness.key(1, "b"));
        t.entry(Harness.key(1, "c"));
        assertEquals(2, t.size());
        var evicted = t.drainEvicted();
        assertEquals(1, evicted.size());
        assertEquals(5, evicted.get(0).counters().rapidCount());
        assertTrue(t.drainEvicted().isEmpty());
    }
}
