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
    void trackerIsBoundedAndReportsTheCountersOfEvictedInitialisedEntries() {
        RapidTracker t = new RapidTracker(2);
        java.util.Map<io.ept.analysis.model.EndpointKey, RapidTracker.Entry> created = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            var key = Harness.key(1, "k" + i);
            var e = t.entry(key);
            if (i % 2 == 0) {
                e.rapidCount = 100 + i; // initialised from its row; odd keys never were
            }
            created.put(key, e);
            assertTrue(t.size() <= 2, "bounded: " + t.size());
        }
        assertEquals(2, t.size());
        var evicted = t.drainEvicted();
        for (var ev : evicted) {
            assertEquals(created.get(ev.key()).rapidCount, ev.counters().rapidCount());
            assertTrue(ev.counters().rapidCount() >= 100, "only initialised entries are reported: " + ev);
        }
        long stillCachedEven = created.keySet().stream()
                .filter(k -> Integer.parseInt(k.addr().substring(1)) % 2 == 0)
                .filter(k -> t.entry(k) == created.get(k)).count();
        assertEquals(10, evicted.size() + stillCachedEven, "every initialised entry is cached or reported");
        assertTrue(t.drainEvicted().size() <= 2, "reported once (the look-ups above may evict again)");
    }

    @Test
    void anEntryMutatedAfterItWasEvictedIsReportedAsDrained() {
        RapidTracker t = new RapidTracker(1);
        var a = t.entry(Harness.key(1, "a"));
        var b = t.entry(Harness.key(1, "b")); // one of the two is evicted here, before either is initialised
        // each analysis still holds the entry it started with and initialises it afterwards
        a.rapidCount = 7;
        b.rapidCount = 8;
        var reported = t.drainEvicted();
        assertEquals(1, reported.size());
        assertEquals(reported.get(0).key().addr().equals("a") ? 7 : 8, reported.get(0).counters().rapidCount());
    }

    @Test
    void aRemovedEntryIsNotReported() {
        RapidTracker t = new RapidTracker(4);
        t.entry(Harness.key(1, "a")).rapidCount = 3;
        t.remove(Harness.key(1, "a"));
        assertEquals(0, t.size());
        assertTrue(t.drainEvicted().isEmpty());
    }
}
