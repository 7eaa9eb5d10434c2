package io.ept.analysis.watch;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.notify.NotifyType;
import io.ept.analysis.support.Harness;
import io.ept.analysis.support.Topology;
import org.junit.jupiter.api.Test;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.VRF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watcher decisions (3.9), driven end to end through analyzer + store. */
class WatcherLogicTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String IP1 = "10.1.1.101";
    static final EndpointKey KEY = Harness.key(VRF, IP1);

    final Settings settings = Settings.builder().analyzeRapid(false).notifyStaleEmail(true)
            .notifyOffsubnetSyslog(true).autoClearStale(true).notifyClearSyslog(true).build();
    final Harness h = new Harness(settings);
    final WatcherLogic watcher = new WatcherLogic(settings, h.lookups);

    private WatchStale staleScenario(double ts) {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(ts, "created", 104, 0, "", IP1, "", "tunnel102", E1));
        return h.jobs(WatchStale.class).get(h.jobs(WatchStale.class).size() - 1);
    }

    /** Apply a decision as the watcher adapter would. */
    private void applyStale(WatchStale job, ConfirmDecision<StaleEvent> d) {
        if (d.setEndpointFlag()) {
            h.store.setEndpointStale(KEY, true);
        }
        if (d.recordToPush() != null) {
            h.store.pushStale(KEY, job.node(), d.recordToPush());
        }
    }

    @Test
    void confirmsStaleThenSuppressesDuplicateUntilADelete() {
        WatchStale job = staleScenario(110);
        assertEquals(110 + 45, job.executeAt(110, settings));
        ConfirmDecision<StaleEvent> d = watcher.confirmStale(job, h.history(VRF, IP1, 104),
                h.store.lastStale(KEY, 104), false, 155);
        assertEquals(ConfirmDecision.Verdict.CONFIRMED, d.verdict());
        assertNotNull(d.recordToPush());
        assertEquals(NotifyType.STALE, d.notification().type());
        assertTrue(d.notification().email());
        assertFalse(d.notification().syslog());
        assertEquals("stale event for 10.1.1.101", d.notification().subject());
        ClearRequest clear = d.clear();
        assertEquals(104, clear.node());
        assertEquals(1, clear.pod());
        assertEquals("ag:v1", clear.vrfName());
        assertEquals("stale", clear.remediate().reason());
        assertEquals("auto-clear stale endpoint", clear.notification().subject());
        applyStale(job, d);
        assertTrue(h.endpoint(VRF, IP1).isStale());

        // same stale state again: duplicate, no record/notification, clear still issued
        h.feed(ip(200, "created", 104, 0, "", IP1, "", "tunnel102", 32770));
        WatchStale again = h.jobs(WatchStale.class).get(h.jobs(WatchStale.class).size() - 1);
        ConfirmDecision<StaleEvent> dup = watcher.confirmStale(again, h.history(VRF, IP1, 104),
                h.store.lastStale(KEY, 104), false, 245);
        assertEquals(ConfirmDecision.Verdict.CONFIRMED, dup.verdict());
        assertNull(dup.recordToPush());
        assertNull(dup.notification());
        assertNotNull(dup.clear());

        // after a delete on the node, the same state is a new stale event
        h.feed(ip(300, "deleted", 104, 0, "", IP1, "", "", 0));
        h.feed(ip(301, "created", 104, 0, "", IP1, "", "tunnel102", E1));
        WatchStale afterDelete = h.jobs(WatchStale.class).get(h.jobs(WatchStale.class).size() - 1);
        ConfirmDecision<StaleEvent> fresh = watcher.confirmStale(afterDelete, h.history(VRF, IP1, 104),
                h.store.lastStale(KEY, 104), false, 350);
        assertNotNull(fresh.recordToPush());
    }

    @Test
    void dropsWhenNoLongerFlaggedOrRapidPending() {
        WatchStale job = staleScenario(110);
        assertEquals(ConfirmDecision.Verdict.DROPPED_RAPID_PENDING,
                watcher.confirmStale(job, h.history(VRF, IP1, 104), null, true, 155).verdict());
        h.feed(ip(120, "created", 104, 0, "", IP1, "", "tunnel103", E1));
        ConfirmDecision<StaleEvent> d = watcher.confirmStale(job, h.history(VRF, IP1, 104), null, false, 155);
        assertEquals(ConfirmDecision.Verdict.DROPPED_NOT_FLAGGED, d.verdict());
        assertFalse(d.setEndpointFlag());
        assertNull(d.clear());
        assertEquals(ConfirmDecision.Verdict.DROPPED_NOT_FLAGGED,
                watcher.confirmStale(job, null, null, false, 155).verdict());
    }

    @Test
    void offsubnetDuplicateIsSameRemoteAndPctag() {
        h.feed(ip(100, "created", 104, 0, "", "10.1.2.9", "", "tunnel103", E1));
        WatchOffsubnet job = h.jobs(WatchOffsubnet.class).get(0);
        assertEquals(110, job.executeAt(100, settings));
        EndpointKey key = Harness.key(VRF, "10.1.2.9");
        ConfirmDecision<OffsubnetEvent> d = watcher.confirmOffsubnet(job, h.history(VRF, "10.1.2.9", 104),
                h.store.lastOffsubnet(key, 104), false, 110);
        assertNotNull(d.recordToPush());
        assertTrue(d.notification().syslog());
        assertNull(d.clear(), "auto_clear_offsubnet is off");
        h.store.pushOffsubnet(key, 104, d.recordToPush());
        ConfirmDecision<OffsubnetEvent> dup = watcher.confirmOffsubnet(job, h.history(VRF, "10.1.2.9", 104),
                h.store.lastOffsubnet(key, 104), false, 111);
        assertNull(dup.recordToPush());
        OffsubnetEvent otherRemote = new OffsubnetEvent(120, E1, "", "", "", "", 0, 101, "", "");
        assertFalse(otherRemote.isDuplicateOf(d.recordToPush()));
    }

    @Test
    void rapidWatchNotifiesSchedulesAndRechecks() {
        Settings s = Settings.builder().notifyRapidSyslog(true).rapidThreshold(100).rapidHoldtime(600).build();
        WatcherLogic w = new WatcherLogic(s, Topology.lookups());
        WatchRapid job = new WatchRapid("fab1", VRF, IP1, io.ept.analysis.model.EndpointType.IPV4, 1000, 5000, 3000,
                Topology.VRF_NAME);
        RapidWatchAccepted accepted = w.onRapid(job, 1000);
        assertEquals(1000 + 600 + 35, accepted.recheckAt());
        assertEquals("rapid endpoint detected [fabric: fab1, uni/tn-ag/ctx-v1, addr: 10.1.1.101] rate 3000.000",
                accepted.notification().body());
        assertNull(new WatcherLogic(Settings.builder().refreshRapid(false).build(), Topology.lookups())
                .onRapid(job, 1000).recheckAt());
        assertEquals(RapidRecheck.ENDPOINT_GONE, w.recheckRapid(job, null, 1635));
        Endpoint base = new Endpoint("fab1", VRF, IP1, io.ept.analysis.model.EndpointType.IPV4,
                io.ept.analysis.model.LearnType.EPG, false, false, RapidCounters.ZERO, null, 0, java.util.List.of());
        assertEquals(RapidRecheck.REFRESH, w.recheckRapid(job, base, 1635));
        // still flagged: rate from stored counters (1000 events in 100 s = 600/min > 100)
        Endpoint busy = base.withRapid(new RapidCounters(true, 1000, 1535, 2000, 1000, 0));
        assertEquals(RapidRecheck.STILL_RAPID, w.recheckRapid(job, busy, 1635));
        Endpoint calm = base.withRapid(new RapidCounters(true, 1000, 1535, 1010, 1000, 0));
        assertEquals(RapidRecheck.REFRESH, w.recheckRapid(job, calm, 1635));
    }

    @Test
    void watchKeysSupersedePerNodeOrPerEndpoint() {
        WatchStale a = staleScenario(110);
        h.feed(ip(140, "created", 104, 0, "", IP1, "", "tunnel101", E1));
        WatchStale b = h.jobs(WatchStale.class).get(h.jobs(WatchStale.class).size() - 1);
        assertEquals(a.watchKey(), b.watchKey());
        assertEquals("fab1,2916352,10.1.1.101", new WatchRapid("fab1", VRF, IP1, null, 0, 0, 0, "").watchKey());
    }

    @Test
    void moveNotificationOnlyWhenEnabled() {
        WatchMove m = new WatchMove("fab1", 1, "a", io.ept.analysis.model.EndpointType.MAC,
                new io.ept.analysis.model.MoveEvent(101, 0, 0, "", "", "", "", 0, "", ""),
                new io.ept.analysis.model.MoveEvent(102, 0, 0, "", "", "", "", 0, "", ""));
        assertNull(new WatcherLogic(Settings.defaults(), Topology.lookups()).onMove(m));
        assertEquals("move detected for a", new WatcherLogic(Settings.builder().notifyMoveEmail(true).build(),
                Topology.lookups()).onMove(m).subject());
    }

    @Test
    void vrfNames() {
        assertEquals("ag:v1", WatcherLogic.vrfName("uni/tn-ag/ctx-v1"));
        assertEquals("overlay-1", WatcherLogic.vrfName("uni/tn-infra/ctx-overlay-1"));
    }
}
