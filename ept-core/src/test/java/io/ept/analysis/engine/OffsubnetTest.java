package io.ept.analysis.engine;

import io.ept.analysis.model.Settings;
import io.ept.analysis.support.Harness;
import io.ept.analysis.support.Topology;
import io.ept.analysis.watch.WatchOffsubnet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.BD3;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.E2;
import static io.ept.analysis.support.Topology.E3;
import static io.ept.analysis.support.Topology.E4;
import static io.ept.analysis.support.Topology.ESG;
import static io.ept.analysis.support.Topology.EXT_EPG;
import static io.ept.analysis.support.Topology.UNKNOWN_PCTAG;
import static io.ept.analysis.support.Topology.VRF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offsubnet (3.6) including the ESG / unknown pcTag / bd=0 improvements. */
class OffsubnetTest {
    static final String MAC1 = "00:00:40:01:01:01";

    final Harness h = new Harness();

    private void localIp(Harness x, double ts, String ip, int pctag, String flags) {
        x.feed(ip(ts, "created", 103, BD1, "vlan-101", ip, flags, "eth1/1", pctag));
        x.feed(rs(ts, "created", 103, BD1, "vlan-101", MAC1, ip));
    }

    @Test
    void localIpv4OutsideBdSubnetsIsFlaggedAndWatched() {
        localIp(h, 100, "10.1.2.101", E1, "local");
        assertTrue(h.history(VRF, "10.1.2.101", 103).isOffsubnet());
        List<WatchOffsubnet> jobs = h.jobs(WatchOffsubnet.class);
        assertEquals(1, jobs.size());
        WatchOffsubnet j = jobs.get(0);
        assertEquals(103, j.node());
        assertEquals(100, j.ts());
        assertEquals(MAC1, j.event().rwMac());
        assertEquals(E1, j.event().pctag());
        assertEquals("fab1,2916352,10.1.2.101,103", j.watchKey());
        assertEquals(100.0, h.history(VRF, "10.1.2.101", 103).watchOffsubnetTs());
        assertFalse(h.endpoint(VRF, "10.1.2.101").isOffsubnet(), "only the watcher sets the endpoint flag");
    }

    @Test
    void insideSubnetIsNotFlaggedV4AndV6IncludingEpgAndIpAttrSubnets() {
        localIp(h, 100, "10.1.1.101", E1, "local");
        localIp(h, 100, "2001:10:1:1::101", E1, "local");
        localIp(h, 100, "10.1.3.5", E3, "local");
        localIp(h, 100, "2001:10:1:3::5", E3, "local");
        assertTrue(h.jobs(WatchOffsubnet.class).isEmpty());
        assertFalse(h.history(VRF, "10.1.1.101", 103).isOffsubnet());
    }

    @Test
    void ipv6OffsubnetAndXrRowsAreCheckedToo() {
        h.feed(ip(100, "created", 104, 0, "", "2001:10:1:2::7", "", "tunnel103", E1));
        assertTrue(h.history(VRF, "2001:10:1:2::7", 104).isOffsubnet());
        assertEquals(1, h.jobs(WatchOffsubnet.class).size());
        assertEquals(103, h.jobs(WatchOffsubnet.class).get(0).event().remote());
    }

    @Test
    void skippedFlagsAndSmallPctags() {
        for (String flags : List.of("local,static", "local,loopback", "local,vtep", "local,svi", "local,psvi",
                "cached")) {
            Harness x = new Harness();
            localIp(x, 100, "10.1.2.101", E1, flags);
            assertTrue(x.jobs(WatchOffsubnet.class).isEmpty(), flags);
        }
        Harness x = new Harness();
        localIp(x, 100, "10.1.2.101", 1, "local");
        assertTrue(x.jobs(WatchOffsubnet.class).isEmpty());
    }

    @Test
    void esgUnknownPctagUnresolvedBdAndExternalEpgAreNeverOffsubnet() {
        for (int pctag : List.of(ESG, UNKNOWN_PCTAG, E4, EXT_EPG)) {
            Harness x = new Harness();
            localIp(x, 100, "192.168.77.1", pctag, "local");
            x.feed(ip(100, "created", 104, 0, "", "192.168.77.1", "", "tunnel103", pctag));
            assertTrue(x.jobs(WatchOffsubnet.class).isEmpty(), "pctag " + pctag);
            assertFalse(x.history(VRF, "192.168.77.1", 103).isOffsubnet());
        }
        OffsubnetChecker checker = new OffsubnetChecker(Topology.lookups());
        assertTrue(checker.isOffsubnet(VRF, E1, "192.168.77.1"));
        assertFalse(checker.isOffsubnet(VRF, E1, "not-an-ip"));
        assertFalse(checker.isOffsubnet(VRF, ESG, "192.168.77.1"));
    }

    @Test
    void macsAreNotChecked() {
        h.feed(mac(100, "created", 103, BD3, "vlan-103", MAC1, "local", "eth1/1", E2));
        assertTrue(h.jobs.isEmpty());
    }

    @Test
    void correctionClearsNodeFlagAndEndpointFlag() {
        localIp(h, 100, "10.1.2.101", E1, "local");
        var key = Harness.key(VRF, "10.1.2.101");
        h.store.setEndpointOffsubnet(key, true);
        // EPG change to e2 (bd2 contains 10.1.2.0/24)
        AnalysisResult r = h.feed(ip(200, "created", 103, BD1, "vlan-102", "10.1.2.101", "local", "eth1/1", E2));
        assertFalse(h.history(VRF, "10.1.2.101", 103).isOffsubnet());
        assertFalse(h.endpoint(VRF, "10.1.2.101").isOffsubnet());
        assertTrue(r.endpointChanges().contains(EndpointField.IS_OFFSUBNET));
    }

    @Test
    void suppressionWithinEightSecondsWorksForTinyAndRealTimestamps() {
        for (double base : List.of(0.0, 1.0, 1.7e9)) {
            Harness x = new Harness();
            x.feed(ip(base, "created", 104, 0, "", "10.1.2.9", "", "tunnel103", E1));
            assertEquals(1, x.jobs(WatchOffsubnet.class).size(), "first watch is never suppressed (Q4), base " + base);
            x.feed(ip(base + 5, "created", 104, 0, "", "10.1.2.9", "", "tunnel102", E1));
            assertEquals(1, x.jobs(WatchOffsubnet.class).size(), "suppressed within 8 s");
            x.feed(ip(base + 9, "created", 104, 0, "", "10.1.2.9", "", "tunnel103", E1));
            assertEquals(2, x.jobs(WatchOffsubnet.class).size(), "sent again after 8 s");
        }
    }

    @Test
    void offsubnetAnalysisCanBeDisabled() {
        Harness off = new Harness(Settings.builder().analyzeRapid(false).analyzeOffsubnet(false).build());
        localIp(off, 100, "10.1.2.101", E1, "local");
        assertTrue(off.jobs(WatchOffsubnet.class).isEmpty());
    }
}
