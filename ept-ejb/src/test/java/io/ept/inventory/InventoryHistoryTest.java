package io.ept.inventory;

import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryHistoryTest {

    private final MongoTestServer mongo = new MongoTestServer();
    private final InventoryHistory history = new InventoryHistory(mongo.database());

    @AfterEach
    void close() {
        mongo.close();
    }

    private static Document subnet(String name, String ip, double ts) {
        return new Document("fabric", "f").append("name", name).append("bd", 11).append("ip", ip).append("ts", ts);
    }

    private static Map<Object, Document> rows(Document... docs) {
        Map<Object, Document> m = new LinkedHashMap<>();
        for (Document d : docs) {
            m.put(d.get("name"), d);
        }
        return m;
    }

    @Test
    void diffIgnoresReadTimeAndFindsNewChangedAndGoneObjects() {
        Map<Object, Document> open = rows(subnet("a", "10.1.1.1/24", 1), subnet("b", "10.2.1.1/24", 1));
        InventoryVersions.Change none = InventoryVersions.diff(open, rows(subnet("a", "10.1.1.1/24", 5), subnet("b", "10.2.1.1/24", 5)));
        assertTrue(none.isEmpty(), "only the read time differs");
        InventoryVersions.Change c = InventoryVersions.diff(open, rows(subnet("a", "10.1.1.1/16", 5), subnet("c", "10.3.1.1/24", 5)));
        assertEquals(List.of("a", "b"), c.closed());
        assertEquals(List.of("a", "c"), c.opened().stream().map(d -> d.getString("name")).toList());
    }

    @Test
    void versionsAnswerWhatTheFabricLookedLikeAtATimeAndWhenAnObjectAppeared() {
        history.record("f", "ept.subnet", rows(subnet("a", "10.1.1.1/24", 100)), 100);
        history.record("f", "ept.subnet", rows(subnet("a", "10.1.1.1/24", 150)), 150); // unchanged: no new version
        history.record("f", "ept.subnet", rows(subnet("a", "10.1.1.1/16", 200), subnet("b", "10.2.1.1/24", 200)), 200);
        history.record("f", "ept.subnet", rows(subnet("b", "10.2.1.1/24", 300)), 300); // a deleted

        List<Document> a = history.versions("f", "ept.subnet", "a");
        assertEquals(2, a.size());
        assertEquals(100.0, a.get(0).get("active_from", Number.class).doubleValue());
        assertEquals(200.0, a.get(0).get("active_until", Number.class).doubleValue());
        assertEquals("10.1.1.1/24", a.get(0).get("row", Document.class).getString("ip"));
        assertEquals(300.0, a.get(1).get("active_until", Number.class).doubleValue());
        assertNull(a.get(1).get("row", Document.class).get("ts"), "versions keep content, not read times");

        assertEquals(List.of("a"), names(history.at("f", "ept.subnet", 120.0, 100)));
        assertEquals("10.1.1.1/16", history.at("f", "ept.subnet", 250.0, 100).get(0).get("row", Document.class).getString("ip"));
        assertEquals(List.of("a", "b"), names(history.at("f", "ept.subnet", 250.0, 100)));
        assertEquals(List.of("b"), names(history.at("f", "ept.subnet", null, 100)));
        assertEquals(List.of(), names(history.at("f", "ept.subnet", 99.0, 100)));
        assertEquals(List.of(), names(history.at("other", "ept.subnet", 250.0, 100)), "per fabric");

        assertEquals(2, history.changes("f", "ept.subnet", List.of("a"), 190, 210).size(), "a's change at 200 ends one version and starts one");
        assertEquals(0, history.changes("f", "ept.subnet", List.of("a"), 310, 400).size());
    }

    private static List<Object> names(List<Document> versions) {
        return versions.stream().map(v -> v.get("key")).toList();
    }
}
