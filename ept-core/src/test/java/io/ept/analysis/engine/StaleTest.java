package io.ept.analysis.engine;

import io.ept.analysis.model.Settings;
import io.ept.analysis.support.Harness;
import io.ept.analysis.watch.WatchStale;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.VPC_NODE;
import static io.ept.analysis.support.Topology.VRF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stale (3.7). */
class StaleTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String IP1 = "10.1.1.101";

    final Harness h = new Harness();

    private void local(Harness x, double ts, int node) {
        x.feed(ip(ts, "created", node, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        x.feed(rs(ts, "created", node, BD1, "vlan-101", MAC1, IP1));
    }

    private void xr(Harness x, double ts, int node, String tunnel, String flags) {
        x.feed(ip(ts, "created", node, 0, "", IP1, flags, tunnel, E1));
    }

    private boolean stale(Harness x, int node) {
        return x.history(VRF, IP1, node).isStale();
    }

    @Test
    void xrPointingToLocalIsNotStaleWrongNodeIs() {
        local(h, 100, 103);
        xr(h, 100, 104, "tunnel103", "");
        assertFalse(stale(h, 104));
        xr(h, 110, 104, "tunnel102", "");
        assertTrue(stale(h, 104));
        WatchStale j = h.jobs(WatchStale.class).get(0);
        assertEquals(104, j.node());
        assertEquals(102, j.event().remote());
        assertEquals(103, j.event().expectedRemote());
        assertEquals(110, j.ts());
        assertEquals(45, j.delaySeconds(h.settings));
    }

    @Test
    void staleAfterBounceExpiry() {
        local(h, 100, 103);
        xr(h, 100, 104, "tunnel103", "");
        // moves to 101 (orphan); 103 bounces to 101, 104 still points at 103: tolerated
        local(h, 200, 101);
        xr(h, 201, 103, "tunnel101", "bounce");
        assertFalse(stale(h, 104));
        assertFalse(stale(h, 103));
        // bounce expires on 103: 104 is stale
        xr(h, 300, 103, "tunnel101", "");
        assertTrue(stale(h, 104));
        assertFalse(stale(h, 103));
    }

    @Test
    void vpcMembersAndVipAreValidTargets() {
        h.feed(ip(100, "created", 101, BD1, "vlan-101", IP1, "local,vpc-attached", "po2", E1));
        h.feed(rs(100, "created", 101, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(100, "created", 102, BD1, "vlan-101", IP1, "local,vpc-attached", "po3", E1));
        h.feed(rs(100, "created", 102, BD1, "vlan-101", MAC1, IP1));
        xr(h, 101, 103, "tunnel100", "");
        xr(h, 101, 104, "tunnel102", "");
        assertEquals(VPC_NODE, h.endpoint(VRF, IP1).latest().node());
        assertTrue(h.jobs(WatchStale.class).isEmpty());
    }

    @Test
    void exemptions() {
        local(h, 100, 103);
        for (String flags : List.of("cached", "vtep", "static", "bounce-to-proxy", "loopback", "svi", "psvi")) {
            Harness x = new Harness();
            local(x, 100, 103);
            xr(x, 110, 104, "tunnel102", flags);
            assertFalse(stale(x, 104), flags);
        }
        for (String tunnel : List.of("tunnel9", "tunnel10")) {
            Harness x = new Harness();
            local(x, 100, 103);
            xr(x, 110, 104, tunnel, "");
            assertFalse(stale(x, 104), tunnel);
        }
        // unresolved tunnel (remote 0) is skipped when a local exists
        Harness x = new Harness();
        local(x, 100, 103);
        xr(x, 110, 104, "tunnel99", "");
        assertFalse(stale(x, 104));
    }

    @Test
    void multipleLocalIsStaleUnlessDisabled() {
        local(h, 100, 103);
        h.feed(ip(90, "created", 104, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        assertFalse(stale(h, 104), "a new local ip without rewrite is not analysed");
        h.feed(rs(90, "created", 104, BD1, "vlan-101", MAC1, IP1));
        assertTrue(stale(h, 104));
        assertEquals(103, h.endpoint(VRF, IP1).latest().node());
        Harness x = new Harness(Settings.builder().analyzeRapid(false).staleMultipleLocal(false).build());
        local(x, 100, 103);
        x.feed(ip(90, "created", 104, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        x.feed(rs(90, "created", 104, BD1, "vlan-101", MAC1, IP1));
        assertFalse(stale(x, 104));
    }

    @Test
    void staleNoLocalUsesLongDelay() {
        xr(h, 100, 104, "tunnel103", "");
        assertTrue(stale(h, 104));
        WatchStale j = h.jobs(WatchStale.class).get(0);
        assertEquals(0, j.event().expectedRemote());
        assertEquals(315, j.delaySeconds(h.settings));
        // even an unresolved remote is stale without a local
        Harness x = new Harness();
        xr(x, 100, 104, "tunnel99", "");
        assertTrue(stale(x, 104));
        // a local-flagged row without rewrite counts as multiple local
        Harness y = new Harness();
        y.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        y.feed(ip(100, "created", 104, 0, "", IP1, "", "tunnel103", E1));
        assertTrue(stale(y, 103));
        Harness z = new Harness(Settings.builder().analyzeRapid(false).staleNoLocal(false).build());
        xr(z, 100, 104, "tunnel103", "");
        assertFalse(stale(z, 104));
    }

    @Test
    void fixingTheRowClearsNodeAndEndpointFlags() {
        local(h, 100, 103);
        xr(h, 110, 104, "tunnel102", "");
        var key = Harness.key(VRF, IP1);
        h.store.setEndpointStale(key, true);
        AnalysisResult r = h.feed(ip(120, "created", 104, 0, "", IP1, "", "tunnel103", E1));
        assertFalse(stale(h, 104));
        assertFalse(h.endpoint(VRF, IP1).isStale());
        assertTrue(r.endpointChanges().contains(EndpointField.IS_STALE));
    }

    @Test
    void duplicateWatchSuppressedWithin25sChangedEventIsNot() {
        for (double base : List.of(1.0, 1.7e9)) {
            Harness x = new Harness();
            local(x, base, 103);
            xr(x, base + 1, 104, "tunnel102", "");
            assertEquals(1, x.jobs(WatchStale.class).size(), "first watch sent, base " + base);
            // other attribute change, same remote/expected: suppressed
            x.feed(ip(base + 2, "created", 104, 0, "", IP1, "", "tunnel102", 32770));
            assertEquals(1, x.jobs(WatchStale.class).size());
            // different remote: sent despite the window
            xr(x, base + 3, 104, "tunnel101", "");
            assertEquals(2, x.jobs(WatchStale.class).size());
            assertEquals(101, x.history(VRF, IP1, 104).watchStaleEvent().remote());
            // same again after the window
            x.feed(ip(base + 30, "created", 104, 0, "", IP1, "", "tunnel101", 32770));
            assertEquals(3, x.jobs(WatchStale.class).size());
        }
    }

    @Test
    void macsAreNotChecked() {
        h.feed(mac(100, "created", 104, BD1, "", MAC1, "", "tunnel102", E1));
        assertTrue(h.jobs.isEmpty());
    }
}
