package io.ept.messaging;

import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.support.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EpmBatchTest {

    private static List<EpmEvent> events(int endpoints) {
        List<EpmEvent> out = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            String m = String.format("00:00:40:01:01:%02X", i);
            String a = "10.1.1." + (10 + i);
            out.add(mac(1000 + i, "created", 101, BD1, "vlan-101", m, "local", "eth1/" + (i % 8 + 1), E1));
            out.add(ip(1000 + i, "created", 101, BD1, "vlan-101", a, "local", "eth1/1", E1));
            out.add(rs(1000 + i, "created", 101, BD1, "vlan-101", m, a));
            out.add(ip(1000.5 + i, "created", 103, 0, "", a, "", "tunnel101", E1));
            out.add(mac(1000.5 + i, "deleted", 103, BD1, "", m, "", "", 0));
        }
        return out;
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        List<EpmEvent> events = new ArrayList<>(events(3));
        events.set(1, events.get(1).withForce(true));
        EpmBatch batch = new EpmBatch("fab1", "build-1", events);
        EpmBatch back = EpmBatch.fromJson(batch.toJson());
        assertEquals(batch, back);
        assertNull(EpmBatch.fromJson(new EpmBatch("fab1", null, events).toJson()).build());
    }

    /** The id is what lets a worker recognise a redelivery: fixed when the message is built, kept on the wire. */
    @Test
    void everyBatchHasItsOwnIdAndKeepsItOnTheWire() {
        List<EpmEvent> events = events(2);
        EpmBatch batch = new EpmBatch("fab1", null, events);
        assertNotEquals(EpmBatch.NO_ID, batch.id());
        assertNotEquals(batch.id(), new EpmBatch("fab1", null, events).id());
        assertEquals(batch.id(), EpmBatch.fromJson(batch.toJson()).id());
        // a message of an earlier version: no id
        String old = batch.toJson().replace("\"id\":" + batch.id() + ",", "");
        assertEquals(EpmBatch.NO_ID, EpmBatch.fromJson(old).id());
        assertThrows(UnprocessableWorkException.class,
                () -> EpmBatch.fromJson(batch.toJson().replace("\"id\":" + batch.id(), "\"id\":1.5")));
    }

    @Test
    void syntheticDeletesStaySyntheticOnTheWire() {
        EpmEvent synthetic = EpmEvent.syntheticDelete(io.ept.analysis.model.EpmClass.IP_EP, 103, 2916352, "10.1.1.9", 5);
        EpmEvent live = mac(6, "deleted", 103, BD1, "", "00:00:40:01:01:09", "", "", 0);
        EpmBatch back = EpmBatch.fromJson(new EpmBatch("fab1", null, List.of(synthetic, live)).toJson());
        assertEquals(List.of(true, false), back.events().stream().map(EpmEvent::synthetic).toList());
        assertEquals(synthetic, back.events().get(0));
        assertEquals(synthetic, EpmWork.fromJson(new EpmWork("fab1", synthetic, null).toJson()).event());
        assertEquals(live, EpmWork.fromJson(new EpmWork("fab1", live, null).toJson()).event());
    }

    @Test
    void everyKeyStaysInOneGroupAndInOrder() {
        List<EpmEvent> events = events(40);
        List<EpmWork> works = events.stream().map(e -> new EpmWork(Topology.FABRIC, e, null)).toList();
        List<WorkItem> items = EpmBatch.workItems(works, WorkItem.PRIORITY_NORMAL, 8, 7);
        Map<String, String> groupOfKey = new HashMap<>();
        Map<String, List<EpmEvent>> perKey = new HashMap<>();
        int total = 0;
        for (WorkItem item : items) {
            assertEquals(WorkTypes.EPM_BATCH, item.type());
            EpmBatch batch = EpmBatch.fromJson(item.body());
            assertEquals(true, batch.events().size() <= 7);
            for (EpmEvent e : batch.events()) {
                String key = e.key(Topology.FABRIC).groupKey();
                String previous = groupOfKey.put(key, item.groupKey());
                assertEquals(previous == null ? item.groupKey() : previous, item.groupKey(), "one group per key");
                perKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
                total++;
            }
        }
        assertEquals(events.size(), total);
        Map<String, List<EpmEvent>> expected = new HashMap<>();
        for (EpmEvent e : events) {
            expected.computeIfAbsent(e.key(Topology.FABRIC).groupKey(), k -> new ArrayList<>()).add(e);
        }
        assertEquals(expected, perKey, "each key's events in their original order");
    }

    @Test
    void buildAndLiveEventsGoInSeparateMessages() {
        List<EpmEvent> events = events(1);
        List<EpmWork> works = List.of(new EpmWork("f", events.get(0), "b1"), new EpmWork("f", events.get(1), null));
        List<WorkItem> items = EpmBatch.workItems(works, WorkItem.PRIORITY_NORMAL, 1, 100);
        assertEquals(2, items.size());
        assertEquals("b1", EpmBatch.fromJson(items.get(0).body()).build());
        assertNull(EpmBatch.fromJson(items.get(1).body()).build());
    }
}
