package io.ept.analysis.engine;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointEvent;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.LearnType;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.Settings;
import io.ept.analysis.support.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD0_EXT;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.BD1_NAME;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.E2;
import static io.ept.analysis.support.Topology.OVERLAY;
import static io.ept.analysis.support.Topology.VPC_NODE;
import static io.ept.analysis.support.Topology.VRF;
import static io.ept.analysis.support.Topology.VRF_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History rules (3.3), update_local (3.4), resolution (3.2) and learn_type. */
class HistoryAndLocalTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String MAC2 = "00:00:40:01:01:02";
    static final String IP1 = "10.1.1.101";
    static final String IP6 = "2001:10:1:1::101";

    final Harness h = new Harness();

    @Test
    void newLocalMacCreatesHistoryAndEndpoint() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        NodeHistory row = h.history(BD1, MAC1, 103);
        assertEquals(1, row.count());
        HistoryEvent e = row.latest();
        assertEquals("epmMacEp", e.classname());
        assertEquals("eth1/1", e.intfId());
        assertEquals("uni/tn-ag/ap-a1/epg-e1", e.epgName());
        assertEquals(BD1_NAME, e.vnidName());
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(EndpointType.MAC, ep.type());
        assertEquals(LearnType.EPG, ep.learnType());
        assertEquals(1, ep.count());
        EndpointEvent local = ep.latest();
        assertEquals(103, local.node());
        assertEquals(1, local.pod());
        assertEquals("vlan-101", local.encap());
        assertEquals(local, ep.firstLearn());
        assertTrue(h.store.moves(Harness.key(BD1, MAC1)).isEmpty());
    }

    @Test
    void newLocalIpWithoutRewriteIsNotCompleteLocal() {
        AnalysisResult r = h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        assertEquals(AnalysisResult.Outcome.PROCESSED, r.outcome());
        Endpoint ep = h.endpoint(VRF, IP1);
        assertNotNull(ep, "every endpoint gets a row");
        assertTrue(ep.events().isEmpty());
        assertEquals(EndpointType.IPV4, ep.type());
        assertEquals(VRF_NAME, ep.firstLearn().vnidName());
        assertTrue(r.watchJobs().isEmpty());
    }

    @Test
    void ipThenRewriteAndRewriteThenIpGiveTheSameLocal() {
        Harness a = new Harness();
        a.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        a.feed(rs(101, "created", 103, BD1, "vlan-101", MAC1, IP1));
        Harness b = new Harness();
        b.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        assertTrue(b.endpoint(VRF, IP1).events().isEmpty());
        b.feed(ip(101, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        for (Harness x : List.of(a, b)) {
            EndpointEvent local = x.endpoint(VRF, IP1).latest();
            assertEquals(103, local.node());
            assertEquals(MAC1, local.rwMac());
            assertEquals(BD1, local.rwBd());
            assertEquals(E1, local.pctag());
            assertEquals(2, x.history(VRF, IP1, 103).count());
        }
    }

    @Test
    void ipv6WithRewrite() {
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP6));
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP6, "local", "eth1/1", E1));
        Endpoint ep = h.endpoint(VRF, IP6);
        assertEquals(EndpointType.IPV6, ep.type());
        assertEquals(MAC1, ep.latest().rwMac());
    }

    @Test
    void deleteOrModifyOfUnknownEndpointIsIgnored() {
        AnalysisResult r = h.feed(mac(100, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0));
        assertEquals(AnalysisResult.Outcome.IGNORED, r.outcome());
        assertFalse(r.hasChanges());
        r = h.feed(ip(100, "modified", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        assertEquals(AnalysisResult.Outcome.IGNORED, r.outcome());
        assertNull(h.endpoint(VRF, IP1));
        assertNull(h.history(VRF, IP1, 103));
    }

    @Test
    void newXrMacResolvesRemoteAndHasNoLocal() {
        h.feed(mac(100, "created", 104, BD1, "", MAC1, "", "tunnel103", E1));
        HistoryEvent e = h.latest(BD1, MAC1, 104);
        assertEquals(103, e.remote());
        assertEquals("physical", e.tunnelFlags());
        assertTrue(h.endpoint(BD1, MAC1).events().isEmpty());
    }

    @Test
    void xrIpToVpcVipPointsToPseudoNode() {
        h.feed(ip(100, "created", 104, 0, "", IP1, "", "tunnel100", E1));
        assertEquals(VPC_NODE, h.latest(VRF, IP1, 104).remote());
        assertEquals(0x650066, VPC_NODE);
    }

    @Test
    void cachedVtepAndUnspecifiedHaveNoRemotePeerAttachedPointsToPeer() {
        h.feed(ip(100, "created", 104, 0, "", IP1, "cached", "tunnel103", E1));
        assertEquals(0, h.latest(VRF, IP1, 104).remote());
        h.feed(ip(100, "created", 103, 0, "", IP1, "", "unspecified", E1));
        assertEquals(0, h.latest(VRF, IP1, 103).remote());
        h.feed(ip(100, "created", 102, 0, "", IP1, "peer-attached", "tunnel99", E1));
        assertEquals(101, h.latest(VRF, IP1, 102).remote());
    }

    @Test
    void vpcLearnOnBothPeersIsOneLocalWithoutMove() {
        h.feed(mac(100, "created", 101, BD1, "vlan-101", MAC1, "local,vpc-attached", "po2", E1));
        h.feed(mac(101, "created", 102, BD1, "vlan-101", MAC1, "local,vpc-attached", "po3", E1));
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(1, ep.events().size());
        assertEquals(VPC_NODE, ep.latest().node());
        assertEquals("vpc-384", ep.latest().intfId());
        assertEquals("ag_vpc1", ep.latest().intfName());
        assertTrue(h.store.moves(Harness.key(BD1, MAC1)).isEmpty());
    }

    @Test
    void virtualLeafBehindVpcIsNotAMove() {
        h.feed(mac(100, "created", 101, BD1, "vlan-101", MAC1, "local,vpc-attached", "tunnel901", E1));
        h.feed(mac(101, "created", 102, BD1, "vlan-101", MAC1, "local,vpc-attached", "tunnel902", E1));
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(1, ep.events().size());
        assertEquals("vl-10.0.0.90", ep.latest().intfId());
        assertEquals("vl-10.0.0.90", ep.latest().intfName());
        assertEquals(VPC_NODE, ep.latest().node());
        assertTrue(h.store.moves(Harness.key(BD1, MAC1)).isEmpty());
    }

    @Test
    void plainPortChannelKeepsIdButGetsPolicyName() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "po1", E1));
        assertEquals("po1", h.latest(BD1, MAC1, 103).intfId());
        assertEquals("ag_pc1", h.latest(BD1, MAC1, 103).intfName());
    }

    @Test
    void vpcAttachedWithoutKnownPeerGivesNoLocal() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local,vpc-attached", "eth1/1", E1));
        assertTrue(h.endpoint(BD1, MAC1).events().isEmpty());
    }

    @Test
    void olderEventOfSameClassAndUpdatesAfterDeleteAreIgnored() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        AnalysisResult r = h.feed(mac(90, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        assertTrue(r.historyUpdates().isEmpty());
        h.feed(mac(110, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0));
        r = h.feed(mac(111, "modified", 103, BD1, "vlan-101", MAC1, "local", "eth1/3", E1));
        assertTrue(r.historyUpdates().isEmpty());
        r = h.feed(mac(112, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0));
        assertTrue(r.historyUpdates().isEmpty());
        assertEquals(2, h.history(BD1, MAC1, 103).count());
    }

    @Test
    void unchangedCreateIsNotPushedModifiedMergesWithLast() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(101, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertEquals(1, h.history(BD1, MAC1, 103).count());
        // modified only carries the new interface
        h.feed(mac(102, "modified", 103, BD1, "vlan-101", MAC1, "", "eth1/9", 0));
        HistoryEvent e = h.latest(BD1, MAC1, 103);
        assertEquals(2, h.history(BD1, MAC1, 103).count());
        assertEquals("eth1/9", e.intfId());
        assertEquals(List.of("local"), e.flags());
        assertEquals(E1, e.pctag());
        assertEquals(EventStatus.MODIFIED, e.status());
        assertEquals("eth1/9", h.endpoint(BD1, MAC1).latest().intfId());
    }

    @Test
    void deleteKeepsVnidNameAndRewriteOfIp() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(110, "deleted", 103, BD1, "vlan-101", IP1, "", "", 0));
        HistoryEvent e = h.latest(VRF, IP1, 103);
        assertEquals(EventStatus.DELETED, e.status());
        assertEquals(VRF_NAME, e.vnidName());
        assertEquals(MAC1, e.rwMac());
        assertEquals("", e.intfId());
        Endpoint ep = h.endpoint(VRF, IP1);
        assertEquals(EventStatus.DELETED, ep.latest().status());
        assertEquals(0, ep.latest().node());
        assertEquals(110, ep.latest().ts());
        assertEquals(VRF_NAME, ep.latest().vnidName());
        assertEquals("uni/tn-ag/ap-a1/epg-e1", ep.latest().epgName());
    }

    @Test
    void rewriteDeleteClearsRewriteButKeepsStatusOfIp() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(101, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(rs(102, "deleted", 103, BD1, "vlan-101", MAC1, IP1));
        HistoryEvent e = h.latest(VRF, IP1, 103);
        assertEquals("epmRsMacEpToIpEpAtt", e.classname());
        assertEquals(EventStatus.CREATED, e.status());
        assertEquals("", e.rwMac());
        assertEquals(0, e.rwBd());
        assertEquals("eth1/1", e.intfId());
        // no complete local anymore: the endpoint records a delete
        assertEquals(EventStatus.DELETED, h.endpoint(VRF, IP1).latest().status());
        // the same rewrite again changes nothing
        AnalysisResult r = h.feed(rs(103, "deleted", 103, BD1, "vlan-101", MAC1, IP1));
        assertTrue(r.historyUpdates().isEmpty());
    }

    @Test
    void rewriteChangeOnXrIsStoredWithoutAnalysis() {
        h.feed(ip(100, "created", 104, 0, "", IP1, "", "tunnel103", E1));
        int jobs = h.jobs.size();
        h.feed(rs(101, "created", 104, BD1, "vlan-101", MAC1, IP1));
        assertEquals(MAC1, h.latest(VRF, IP1, 104).rwMac());
        assertEquals(jobs, h.jobs.size());
    }

    @Test
    void historyIsCappedByPerNodeSettingAndCountsAll() {
        Harness small = new Harness(Settings.builder().analyzeRapid(false).maxPerNodeEndpointEvents(8)
                .maxEndpointEvents(3).build());
        for (int i = 0; i < 20; i++) {
            small.feed(mac(100 + i, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/" + (i + 1), E1));
        }
        NodeHistory row = small.history(BD1, MAC1, 103);
        assertEquals(8, row.events().size());
        assertEquals(20, row.count());
        assertEquals("eth1/20", row.latest().intfId());
        Endpoint ep = small.endpoint(BD1, MAC1);
        assertEquals(3, ep.events().size());
        assertEquals(20, ep.count());
        // moves are fabric-wide: capped by max_endpoint_events (Q3)
        assertEquals(3, small.store.moves(Harness.key(BD1, MAC1)).size());
    }

    @Test
    void invalidatedLastLocalBecomesDelete() {
        // 103 local at 100, then 104 claims local at 200, then 104 deletes: 103's older local is not reused
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(200, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertEquals(104, h.endpoint(BD1, MAC1).latest().node());
        h.feed(mac(300, "deleted", 104, BD1, "vlan-101", MAC1, "", "", 0));
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(3, ep.events().size());
        assertEquals(EventStatus.DELETED, ep.latest().status());
        assertEquals(300, ep.latest().ts());
    }

    @Test
    void transitoryDeleteIsOverwrittenLaterRelearnIsKept() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(110, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0));
        assertEquals(2, h.endpoint(BD1, MAC1).count());
        AnalysisResult r = h.feed(mac(170, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertTrue(r.endpointEventWrite().overwriteLatest());
        assertEquals(104, r.endpointEventWrite().event().node());
        assertEquals(r.historyUpdates().get(0).latest(), r.pushedHistoryEvent());
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(2, ep.count(), "delete overwritten, count unchanged");
        assertEquals(104, ep.latest().node());
        assertEquals(103, ep.events().get(1).node());
        // a delete followed by a relearn after more than 60 s stays
        h.feed(mac(200, "deleted", 104, BD1, "vlan-101", MAC1, "", "", 0));
        h.feed(mac(261, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        ep = h.endpoint(BD1, MAC1);
        assertEquals(EventStatus.DELETED, ep.events().get(1).status());
        assertEquals(4, ep.count());
    }

    @Test
    void learnTypes() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", "10.1.1.1", "local,psvi", "vlan101", 1));
        assertEquals(LearnType.PSVI, h.endpoint(VRF, "10.1.1.1").learnType());
        h.feed(ip(100, "created", 103, BD1, "", "10.9.9.9", "local,loopback", "lo0", 1));
        assertEquals(LearnType.LOOPBACK, h.endpoint(VRF, "10.9.9.9").learnType());
        h.feed(ip(100, "created", 103, BD1, "", "10.9.9.8", "local,svi", "vlan9", 1));
        assertEquals(LearnType.EXTERNAL, h.endpoint(VRF, "10.9.9.8").learnType());
        h.feed(mac(100, "created", 103, BD0_EXT, "vlan-5", MAC2, "local", "eth1/5", 0));
        Endpoint ext = h.endpoint(BD0_EXT, MAC2);
        assertEquals(LearnType.EXTERNAL, ext.learnType());
        assertEquals("vlan-99", ext.latest().encap(), "external BD learns take the L3Out encap");
        h.feed(io.ept.analysis.support.Events.PARSER.parse("epmIpEp", java.util.Map.of("dn",
                "topology/pod-1/node-101/sys/inst-overlay-1/db-ep/ip-[10.0.0.32]", "flags", "local"), 100));
        assertEquals(LearnType.OVERLAY, h.endpoint(OVERLAY, "10.0.0.32").learnType());
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertEquals(LearnType.EPG, h.endpoint(BD1, MAC1).learnType());
    }

    @Test
    void learnTypeUpdatesWhenLocalChangesAndFromEpgWithoutLocal() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        assertEquals(LearnType.EPG, h.endpoint(VRF, IP1).learnType());
        h.feed(ip(110, "created", 103, BD1, "vlan-101", IP1, "local,psvi", "eth1/1", E1));
        assertEquals(LearnType.PSVI, h.endpoint(VRF, IP1).learnType());

        Harness x = new Harness();
        x.feed(ip(100, "created", 104, 0, "", IP1, "", "tunnel103", E1));
        assertEquals(LearnType.EPG, x.endpoint(VRF, IP1).learnType());
        x.feed(ip(110, "created", 104, 0, "", IP1, "loopback", "tunnel103", E1));
        assertEquals(LearnType.LOOPBACK, x.endpoint(VRF, IP1).learnType());
    }

    @Test
    void epgChangeOnVpcIsAMove() {
        h.feed(ip(100, "created", 101, BD1, "vlan-101", IP1, "local,vpc-attached", "po2", E1));
        h.feed(rs(100, "created", 101, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(100, "created", 102, BD1, "vlan-101", IP1, "local,vpc-attached", "po3", E1));
        h.feed(rs(100, "created", 102, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(200, "created", 102, BD1, "vlan-102", IP1, "local,vpc-attached", "po3", E2));
        h.feed(ip(201, "created", 101, BD1, "vlan-102", IP1, "local,vpc-attached", "po2", E2));
        var moves = h.store.moves(Harness.key(VRF, IP1));
        assertEquals(1, moves.size());
        assertEquals(E1, moves.get(0).src().pctag());
        assertEquals(E2, moves.get(0).dst().pctag());
        assertEquals(VPC_NODE, moves.get(0).dst().node());
    }
}
