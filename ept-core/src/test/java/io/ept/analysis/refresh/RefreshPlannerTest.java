package io.ept.analysis.refresh;

import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.support.Events;
import io.ept.analysis.support.FakeClock;
import io.ept.analysis.support.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.VRF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refresh (3.11) and node down (3.12). */
class RefreshPlannerTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String IP1 = "10.1.1.101";

    final Harness h = new Harness();
    final RefreshPlanner planner = new RefreshPlanner(Events.PARSER);

    @Test
    void refreshCreatesReturnedObjectsAndDeletesVanishedRows() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(100, "created", 104, 0, "", IP1, "", "tunnel103", E1));
        // APIC now only has the entry on 104
        List<ApicObject> results = List.of(new ApicObject("epmIpEp", Map.of("dn",
                Events.prefix(104, VRF, 0, "") + "ip-[" + IP1 + "]", "flags", "", "ifId", "tunnel103", "pcTag", "32769")));
        var key = Harness.key(VRF, IP1);
        List<EpmEvent> events = planner.refresh(key, EpmType.IP, results, h.store.history(key).values());
        assertEquals(3, events.size());
        assertTrue(events.stream().allMatch(EpmEvent::force));
        assertEquals(EventStatus.CREATED, events.get(0).status());
        assertEquals(EpmClass.RS_MAC_EP_TO_IP_EP_ATT, events.get(1).epmClass());
        assertEquals(EpmClass.IP_EP, events.get(2).epmClass());
        assertEquals(103, events.get(2).node());
        assertEquals(IP1, events.get(1).keyAddr());
        for (EpmEvent e : events) {
            h.feed(e);
        }
        assertTrue(h.latest(VRF, IP1, 103).isDeleted());
        assertEquals(EventStatus.DELETED, h.endpoint(VRF, IP1).latest().status());
        assertTrue(h.history(VRF, IP1, 104).isStale(), "XR with no local anywhere");
        // rows already deleted get no further deletes
        assertEquals(1, planner.refresh(key, EpmType.IP, results, h.store.history(key).values()).size());
    }

    @Test
    void refreshEventsAreStampedWhenTheQueryReturnedNotWhenItStarted() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        var key = Harness.key(BD1, MAC1);
        FakeClock clock = new FakeClock(500);
        RefreshPlanner timed = new RefreshPlanner(Events.PARSER, clock);
        // while the query runs the host moves to 104: the live event (ts 505) is analysed first
        h.feed(mac(505, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/5", E1));
        clock.advance(10); // the APIC answers at 510 with what it holds by then: the host on 104 eth1/4
        List<ApicObject> results = List.of(new ApicObject("epmMacEp", Map.of("dn",
                Events.prefix(104, VRF, BD1, "vlan-101") + "mac-" + MAC1, "flags", "local", "ifId", "eth1/4",
                "pcTag", Integer.toString(E1))));
        List<EpmEvent> events = timed.refresh(key, EpmType.MAC, results, h.store.history(key).values());
        assertEquals(List.of(510.0, 510.0), events.stream().map(EpmEvent::ts).toList());
        for (EpmEvent e : events) {
            h.feed(e);
        }
        assertEquals("eth1/4", h.latest(BD1, MAC1, 104).intfId(), "the answer is newer than the live event");
        assertTrue(h.latest(BD1, MAC1, 103).isDeleted());
    }

    @Test
    void synthesizedDeletesHaveNoClassName() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        var key = Harness.key(BD1, MAC1);
        for (EpmEvent e : planner.refresh(key, EpmType.MAC, List.of(), h.store.history(key).values())) {
            h.feed(e);
        }
        assertEquals("", h.latest(BD1, MAC1, 103).classname(), "refresh delete");
        h.feed(mac(600, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        for (EpmEvent e : RefreshPlanner.nodeDown(103, 700, List.of(h.history(BD1, MAC1, 103)))) {
            h.feed(e);
        }
        assertEquals("", h.latest(BD1, MAC1, 103).classname(), "node-down delete");
        assertTrue(h.latest(BD1, MAC1, 103).isDeleted());
    }

    @Test
    void macRefreshAndNodeDown() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        var key = Harness.key(BD1, MAC1);
        List<EpmEvent> events = planner.refresh(key, EpmType.MAC, List.of(), h.store.history(key).values());
        assertEquals(1, events.size());
        assertEquals(EpmClass.MAC_EP, events.get(0).epmClass());

        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        var ipKey = Harness.key(VRF, IP1);
        List<EpmEvent> down = RefreshPlanner.nodeDown(103, 700,
                List.of(h.history(BD1, MAC1, 103), h.history(VRF, IP1, 103)));
        assertEquals(3, down.size());
        assertFalse(down.get(0).force());
        assertEquals(700, down.get(0).ts());
        for (EpmEvent e : down) {
            h.feed(e);
        }
        assertTrue(h.latest(BD1, MAC1, 103).isDeleted());
        assertTrue(h.latest(VRF, IP1, 103).isDeleted());
        assertEquals(EventStatus.DELETED, h.endpoint(BD1, MAC1).latest().status());
        assertTrue(RefreshPlanner.nodeDown(103, 800, h.store.history(ipKey).values()).isEmpty());
        assertTrue(RefreshPlanner.ipQuery(IP1).get("query-target-filter").contains("ip-\\[10.1.1.101\\]"));
    }
}
