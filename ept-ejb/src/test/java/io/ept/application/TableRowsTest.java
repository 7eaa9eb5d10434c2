package io.ept.application;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ept.application.TableRows.FilterKind.CONTAINS;
import static io.ept.application.TableRows.FilterKind.EQUALS_INT;
import static io.ept.application.TableRows.FilterKind.EQUALS_TEXT;
import static io.ept.application.TableRows.FilterKind.MIN_INT;
import static io.ept.application.TableRows.FilterKind.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table model filters and sorts in memory what it read once: each filter must select exactly the rows the
 * MongoDB query of the same filter selects (run here by an in-memory MongoDB-protocol server), in the sort's order.
 */
class TableRowsTest {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoCollection<Document> rows;

    private static final Map<String, TableRows.Field> FIELDS = Map.of(
            "ts", new TableRows.Field("events.0.ts", NONE),
            "type", new TableRows.Field("type", EQUALS_TEXT),
            "addr", new TableRows.Field("addr", CONTAINS),
            "epg", new TableRows.Field("events.0.epg_name", CONTAINS),
            "node", new TableRows.Field("events.0.node", EQUALS_INT),
            "count", new TableRows.Field("count", MIN_INT));

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        rows = client.getDatabase("ept").getCollection("t" + System.nanoTime());
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            List<Document> events = new ArrayList<>();
            if (i % 37 != 0) { // some rows have no event at all
                events.add(new Document("ts", 1000.0 + (i * 7919 % 500)).append("node", 101 + i % 7)
                        .append("epg_name", i % 11 == 0 ? null : "uni/tn-a/ap-b/epg-Web" + i % 13));
                events.add(new Document("ts", 1.0).append("node", 999).append("epg_name", "older"));
            }
            docs.add(new Document("fabric", i % 5 == 0 ? "other" : "f1").append("addr", i % 3 == 0
                            ? String.format("00:50:56:AA:%02X:%02X", i >> 8, i & 0xff) : "10.1." + i / 100 + "." + i % 100)
                    .append("type", i % 3 == 0 ? "mac" : "ipv4").append("count", i % 4 == 0 ? (Object) (long) (i % 9) : i % 9)
                    .append("events", events));
        }
        rows.insertMany(docs);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    private static TableRows model() {
        return new TableRows(rows.getNamespace().getCollectionName(), () -> rows, () -> TableScope.fabric("f1"), null, false,
                FIELDS, "events.0.ts");
    }

    private static void sameRowsAsTheQuery(Map<String, String> filters, List<TableRows.Sort> sort, String sortPath, boolean descending) {
        TableRows model = model();
        model.invalidate();
        int count = model.count(filters);
        List<Document> page = model.load(0, 500, sort, filters);
        List<Object> expected = rows.find(model.filter(filters)).map(d -> d.get("_id")).into(new ArrayList<>());
        assertEquals(expected.size(), count, "count of " + filters.keySet());
        assertEquals(new HashSet<>(expected), new HashSet<>(page.stream().map(d -> d.get("_id")).toList()), "rows of " + filters.keySet());
        for (int i = 1; i < page.size(); i++) {
            int c = TableRows.compareValues(TableRows.value(page.get(i - 1), sortPath), TableRows.value(page.get(i), sortPath));
            assertTrue(descending ? c >= 0 : c <= 0, "rows in " + sortPath + (descending ? " descending" : " ascending") + " order at " + i);
        }
    }

    @Test
    void everyFilterKindSelectsWhatTheQuerySelects() {
        List<Map<String, String>> cases = List.of(
                Map.of(),
                Map.of("addr", "10.1.2"),
                Map.of("addr", "aa:0"), // case-insensitive
                Map.of("addr", "(.*)"), // a literal, not a pattern
                Map.of("type", "mac"),
                Map.of("epg", "web1"),
                Map.of("node", "103"),
                Map.of("node", "leaf"), // not a number: nothing
                Map.of("count", "(5)"),
                Map.of("count", "x"), // not a number: no filter
                new LinkedHashMap<>(Map.of("type", "ipv4", "node", "101", "count", "3")));
        for (Map<String, String> filters : cases) {
            sameRowsAsTheQuery(filters, List.of(), "events.0.ts", true);
        }
    }

    @Test
    void sortsFollowMongoDbsOrderOfValues() {
        sameRowsAsTheQuery(Map.of(), List.of(new TableRows.Sort("count", false)), "count", false);
        sameRowsAsTheQuery(Map.of(), List.of(new TableRows.Sort("addr", true)), "addr", true);
        sameRowsAsTheQuery(Map.of("type", "ipv4"),
                List.of(new TableRows.Sort("epg", false)), "events.0.epg_name", false);
    }

    @Test
    void deletedRowsAreSkippedAndInvalidateRereads() {
        TableRows model = model();
        model.invalidate();
        int before = model.count(Map.of());
        Document gone = rows.find(Filters.eq("fabric", "f1")).first();
        rows.deleteOne(Filters.eq("_id", gone.get("_id")));
        try {
            assertEquals(before, model.count(Map.of()), "the table read before the delete still counts the row");
            assertTrue(model.load(0, 500, List.of(), Map.of()).stream().noneMatch(d -> d.get("_id").equals(gone.get("_id"))),
                    "a deleted row is not shown");
            model.invalidate();
            assertEquals(before - 1, model.count(Map.of()));
        } finally {
            rows.insertOne(gone);
        }
    }

    @Test
    void valuesFollowPathsThroughDocumentsAndArrays() {
        Document d = new Document("a", new Document("b", 1)).append("l", List.of(new Document("x", "p"), new Document("x", "q")));
        assertEquals(1, TableRows.value(d, "a.b"));
        assertEquals("q", TableRows.value(d, "l.1.x"));
        assertEquals(List.of("p", "q"), TableRows.value(d, "l.x"));
        assertEquals(null, TableRows.value(d, "l.5.x"));
    }
}
