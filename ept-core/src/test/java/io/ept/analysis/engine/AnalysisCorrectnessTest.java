package io.ept.analysis.engine;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointEvent;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.LearnType;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.support.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.BD1_NAME;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.VRF;
import static io.ept.analysis.support.Topology.VRF_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 "Analysis correctness", items 2, 3, 4 and 6 (item 5 is in RefreshPlannerTest). */
class AnalysisCorrectnessTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String MAC2 = "00:00:40:01:01:02";
    static final String IP1 = "10.1.1.101";

    final Harness h = new Harness();

    // ------------------------------------------------------------------ 2: endpoint events are created or deleted

    @Test
    void endpointEventsFromModifiedHistoryEventsAreStoredAsCreated() {
        // XR first (creates the endpoint row without a local), then the leaf reports it local with a modified event
        h.feed(mac(100, "created", 103, BD1, "", MAC1, "", "tunnel104", E1));
        h.feed(mac(110, "modified", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertEquals(EventStatus.MODIFIED, h.latest(BD1, MAC1, 103).status(), "history keeps the APIC's status");
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(103, ep.latest().node());
        assertEquals(EventStatus.CREATED, ep.latest().status());
        assertEquals(EventStatus.CREATED, ep.firstLearn().status());

        // a modified interface change is a new local event (and a move), still "created"
        h.feed(mac(120, "modified", 103, BD1, "vlan-101", MAC1, "", "eth1/2", 0));
        ep = h.endpoint(BD1, MAC1);
        assertEquals("eth1/2", ep.latest().intfId());
        assertEquals(List.of(EventStatus.CREATED, EventStatus.CREATED), ep.events().stream()
                .map(EndpointEvent::status).toList());
        assertEquals(1, h.store.moves(Harness.key(BD1, MAC1)).size());
    }

    // ------------------------------------------------------------------ 3: delete events are blank

    @Test
    void deletedMacEventKeepsOnlyItsIdentityAndVnidName() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        // the APIC's delete still carries flags, interface and pcTag; the dn gives an encap
        h.feed(mac(110, "deleted", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        HistoryEvent e = h.latest(BD1, MAC1, 103);
        assertEquals(new HistoryEvent("epmMacEp", 110, EventStatus.DELETED, 0, 0, List.of(), "", "", "", "", "", 0,
                "", BD1_NAME), e);
        Endpoint ep = h.endpoint(BD1, MAC1);
        assertEquals(EventStatus.DELETED, ep.latest().status(), "a delete carrying 'local' is not a local learn");
        assertEquals(0, ep.latest().node());
    }

    @Test
    void deletedIpEventKeepsOnlyItsIdentityVnidNameAndRewrite() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "tunnel104", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(110, "deleted", 103, BD1, "vlan-101", IP1, "local", "tunnel104", E1));
        HistoryEvent e = h.latest(VRF, IP1, 103);
        assertEquals(new HistoryEvent("epmIpEp", 110, EventStatus.DELETED, 0, 0, List.of(), "", "", "", "", MAC1, BD1,
                "", VRF_NAME), e);
        assertEquals(EventStatus.DELETED, h.endpoint(VRF, IP1).latest().status());
    }

    @Test
    void localSelectionIgnoresDeletedEventsEvenWithTheLocalFlag() {
        // rows written before deletes were blanked: node 104's newest event is a delete that still says "local"
        EndpointKey key = Harness.key(BD1, MAC1);
        HistoryEvent live = new HistoryEvent("epmMacEp", 100, EventStatus.CREATED, 0, E1, List.of("local"), "",
                "vlan-101", "eth1/1", "eth1/1", "", 0, "uni/tn-ag/ap-a1/epg-e1", BD1_NAME);
        HistoryEvent staleDelete = new HistoryEvent("epmMacEp", 105, EventStatus.DELETED, 0, E1, List.of("local"), "",
                "vlan-101", "eth1/7", "eth1/7", "", 0, "uni/tn-ag/ap-a1/epg-e1", BD1_NAME);
        EndpointEvent local = EndpointEvent.fromHistory(103, 1, live);
        Endpoint endpoint = new Endpoint(key.fabric(), BD1, MAC1, EndpointType.MAC, LearnType.EPG, false, false,
                RapidCounters.ZERO, local, 1, List.of(local));
        EndpointState state = new EndpointState(key, Map.of(
                103, NodeHistory.first(key.fabric(), 103, BD1, MAC1, EpmType.MAC, live),
                104, NodeHistory.first(key.fabric(), 104, BD1, MAC1, EpmType.MAC, staleDelete)), endpoint, null);
        // an unrelated XR update on 101 triggers update_local
        AnalysisResult r = h.analyzer.analyze(state, mac(120, "created", 101, BD1, "", MAC1, "", "tunnel103", E1));
        assertEquals(103, r.endpoint().latest().node(), "the delete on 104 is not the newest local");
        assertEquals(1, r.endpoint().events().size());
    }

    // ------------------------------------------------------------------ 4: synthetic deletes have no class name

    @Test
    void syntheticDeleteIsStoredWithoutClassNameAndSkipsTheSameClassAgeRule() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        // a refresh/build delete stamped before the last live event: the original still applies it, because its
        // empty class name never matches the live event's class
        EpmEvent synthetic = EpmEvent.syntheticDelete(EpmClass.MAC_EP, 103, BD1, MAC1, 95);
        h.feed(synthetic);
        HistoryEvent e = h.latest(BD1, MAC1, 103);
        assertEquals(EventStatus.DELETED, e.status());
        assertEquals("", e.classname());
        assertEquals(2, h.history(BD1, MAC1, 103).count());
        // the next live event of the class is compared with nothing of its class, and is stored
        h.feed(mac(96, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        assertEquals("epmMacEp", h.latest(BD1, MAC1, 103).classname());
        assertEquals("eth1/2", h.latest(BD1, MAC1, 103).intfId());
    }

    @Test
    void syntheticIpDeletesKeepTheirRewriteHandlingWithoutClassName() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(EpmEvent.syntheticDelete(EpmClass.RS_MAC_EP_TO_IP_EP_ATT, 103, VRF, IP1, 200));
        HistoryEvent rewriteGone = h.latest(VRF, IP1, 103);
        assertEquals("", rewriteGone.classname());
        assertEquals("", rewriteGone.rwMac());
        assertEquals(EventStatus.CREATED, rewriteGone.status(), "an rs event keeps the status of the ip");
        h.feed(EpmEvent.syntheticDelete(EpmClass.IP_EP, 103, VRF, IP1, 200));
        HistoryEvent deleted = h.latest(VRF, IP1, 103);
        assertEquals("", deleted.classname());
        assertEquals(EventStatus.DELETED, deleted.status());
        assertEquals(EventStatus.DELETED, h.endpoint(VRF, IP1).latest().status());
    }

    // ------------------------------------------------------------------ 6: ties between locals

    @Test
    void twoLocalsWithTheSameTimestampResolveToTheLowestNodeInEitherOrder() {
        Harness higherFirst = new Harness();
        higherFirst.feed(mac(100, "created", 104, BD1, "vlan-101", MAC2, "local", "eth1/4", E1));
        higherFirst.feed(mac(100, "created", 103, BD1, "vlan-101", MAC2, "local", "eth1/3", E1));
        assertEquals(103, higherFirst.endpoint(BD1, MAC2).latest().node());

        Harness lowerFirst = new Harness();
        lowerFirst.feed(mac(100, "created", 103, BD1, "vlan-101", MAC2, "local", "eth1/3", E1));
        lowerFirst.feed(mac(100, "created", 104, BD1, "vlan-101", MAC2, "local", "eth1/4", E1));
        assertEquals(103, lowerFirst.endpoint(BD1, MAC2).latest().node());
        assertEquals(1, lowerFirst.endpoint(BD1, MAC2).count(), "the later tie on 104 changes nothing");
        assertTrue(lowerFirst.store.moves(Harness.key(BD1, MAC2)).isEmpty());
    }
}
