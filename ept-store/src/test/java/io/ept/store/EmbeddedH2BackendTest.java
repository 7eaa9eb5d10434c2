package io.ept.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedH2BackendTest {

    @TempDir
    Path dir;

    private MongoClient client;

    private void withServer(MongoServer server, Consumer<MongoCollection<Document>> action) {
        try (MongoClient c = MongoClients.create(server.bindAndGetConnectionString())) {
            client = c;
            action.accept(c.getDatabase("ept").getCollection("ept.history"));
        } finally {
            server.shutdownNow();
        }
    }

    private MongoServer fast(Path file) {
        return new MongoServer(new EmbeddedH2Backend(new MVStore.Builder().fileName(file.toString()).open()));
    }

    private static Document row(int i) {
        return new Document("fabric", "f1").append("vnid", 2_000_000 + i % 7).append("addr", "10.0." + (i / 250) + "." + (i % 250))
                .append("node", 101 + i % 3).append("count", 1L);
    }

    @Test
    void keyedReadsWritesAndUniquenessWork() {
        withServer(fast(dir.resolve("a.mv")), c -> {
            c.createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), new IndexOptions().unique(true));
            List<Document> rows = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                rows.add(row(i));
            }
            c.insertMany(rows);
            for (int i = 0; i < 2000; i += 37) {
                Document r = row(i);
                Document found = c.find(and(eq("fabric", "f1"), eq("vnid", r.get("vnid")), eq("addr", r.get("addr")),
                        eq("node", r.get("node")))).first();
                assertNotNull(found, "row " + i);
                c.updateOne(and(eq("fabric", "f1"), eq("vnid", r.get("vnid")), eq("addr", r.get("addr")),
                        eq("node", r.get("node"))), Updates.inc("count", 1L));
            }
            assertEquals(2L, c.find(and(eq("fabric", "f1"), eq("vnid", 2_000_000), eq("addr", "10.0.0.0"), eq("node", 101)))
                    .first().getLong("count"));
            assertThrows(MongoWriteException.class, () -> c.insertOne(row(5)));
            MongoCollection<Document> other = client.getDatabase("ept").getCollection("ept.endpoint");
            other.insertMany(List.of(new Document("_id", "k1").append("x", 1), new Document("_id", "k2").append("x", 2)));
            assertEquals(2, other.find(in("_id", List.of("k1", "k2", "k3"))).into(new ArrayList<>()).size());
        });
    }

    @Test
    void updatedDocumentsReadBackAsUpdatedAfterCommitsAndAReopen() {
        Path file = dir.resolve("cached.mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        int n = 600;
        withServer(new MongoServer(new EmbeddedH2Backend(store)), c -> {
            List<Document> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(row(i).append("_id", "r" + i));
            }
            c.insertMany(rows);
            store.commit();
            for (int round = 1; round <= 3; round++) {
                for (int i = round; i < n; i += 7) {
                    c.updateOne(eq("_id", "r" + i), Updates.inc("count", 1L));
                }
                c.replaceOne(eq("_id", "r0"), row(0).append("_id", "r0").append("count", 10L + round));
                store.commit(); // pages of changed documents rewritten with their unchanged neighbours
            }
        });
        withServer(fast(file), c -> {
            for (int i = 1; i < n; i++) {
                long updates = 0;
                for (int round = 1; round <= 3; round++) {
                    if (i >= round && (i - round) % 7 == 0) {
                        updates++;
                    }
                }
                assertEquals(1L + updates, c.find(eq("_id", "r" + i)).first().getLong("count"), "row " + i);
            }
            assertEquals(13L, c.find(eq("_id", "r0")).first().getLong("count"));
        });
    }

    @Test
    void indexesWrittenByTheStockBackendAreResortedAndStillFound() {
        Path file = dir.resolve("b.mv");
        withServer(new MongoServer(new H2Backend(file.toString())), c -> {
            c.createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), new IndexOptions().unique(true));
            List<Document> rows = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                rows.add(row(i));
            }
            c.insertMany(rows);
        });
        withServer(fast(file), c -> {
            for (int i = 0; i < 3000; i += 11) {
                Document r = row(i);
                assertNotNull(c.find(and(eq("fabric", "f1"), eq("vnid", r.get("vnid")), eq("addr", r.get("addr")),
                        eq("node", r.get("node")))).first(), "row " + i + " after re-sorting");
            }
            assertThrows(MongoWriteException.class, () -> c.insertOne(row(42)));
            assertEquals(3000, c.countDocuments());
            // rewrite part of them in the new (BSON) format
            for (int i = 0; i < 3000; i += 3) {
                Document r = row(i);
                c.updateOne(and(eq("fabric", "f1"), eq("vnid", r.get("vnid")), eq("addr", r.get("addr")),
                        eq("node", r.get("node"))), Updates.combine(Updates.inc("count", 1L),
                        Updates.set("nested", new Document("list", List.of(1, "two", 3.0)).append("when", new java.util.Date(0)))));
            }
        });
        withServer(fast(file), c -> {
            long updated = 0;
            for (Document d : c.find()) {
                if (d.getLong("count") == 2L) {
                    updated++;
                    assertEquals(List.of(1, "two", 3.0), d.get("nested", Document.class).getList("list", Object.class));
                }
            }
            assertEquals(1000, updated, "documents in both formats read back after a restart");
            assertEquals(3000, c.countDocuments());
        });
    }

    /**
     * String ids live in the data map only: a store written by the stock backend (string ids in its _id index map)
     * is found, checked for duplicates and updated as before, and its index map keeps only the other ids.
     */
    @Test
    void stringIdsOfAStockStoreMoveOutOfTheIdIndex() {
        Path file = dir.resolve("ids.mv");
        withServer(new MongoServer(new H2Backend(file.toString())), c -> {
            List<Document> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                rows.add(new Document("_id", "row-" + i).append("n", i));
            }
            rows.add(new Document("_id", 7).append("n", -1));
            rows.add(new Document("_id", new org.bson.types.ObjectId()).append("n", -2));
            c.insertMany(rows);
        });
        withServer(fast(file), c -> {
            assertEquals(3, c.find(in("_id", List.of("row-1", "row-499", "row-7", "row-500"))).into(new ArrayList<>()).size());
            assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", "row-3")));
            assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", 7.0)));
            c.deleteOne(eq("_id", "row-3"));
            c.insertOne(new Document("_id", "row-3").append("n", 3));
            c.insertOne(new Document("_id", "row-new").append("n", 500));
            assertEquals(503, c.countDocuments());
            assertEquals(-1, c.find(eq("_id", 7)).first().getInteger("n"));
        });
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<KeyValue, Object> idIndex = store.openMap("ept.ept.history._index__id_",
                    new MVMap.Builder<KeyValue, Object>().keyType(new EmbeddedH2Backend.KeyValueType()));
            List<Object> ids = new ArrayList<>();
            idIndex.keySet().forEach(k -> ids.add(k.get(0)));
            assertEquals(2, ids.size(), "only the number and the ObjectId stay in the index map: " + ids);
            assertTrue(ids.stream().noneMatch(String.class::isInstance), ids.toString());
        } finally {
            store.close();
        }
    }

    @Test
    void stringIdsLeaveTheIndexMapInChunks() {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("chunks.mv").toString()).open();
        try {
            MVMap<KeyValue, Object> map = store.openMap("ids",
                    new MVMap.Builder<KeyValue, Object>().keyType(new EmbeddedH2Backend.KeyValueType()));
            for (int i = 0; i < 100; i++) {
                map.put(new KeyValue("id-" + i), "id-" + i);
                map.put(new KeyValue((double) i), (double) i);
            }
            new EmbeddedH2Backend.IdIndex(map, store.openMap("data"), "_id_",
                    List.of(new de.bwaldvogel.mongo.backend.IndexKey("_id", true))).forgetStringIds(7);
            assertEquals(100, map.size());
            assertTrue(map.keySet().stream().noneMatch(k -> k.get(0) instanceof String));
        } finally {
            store.close();
        }
    }

    @Test
    void keyValuesCompareElementByElement() {
        assertTrue(EmbeddedH2Backend.KeyValueType.compareKeys(new KeyValue("a", 1.0), new KeyValue("a", 2.0)) < 0);
        assertTrue(EmbeddedH2Backend.KeyValueType.compareKeys(new KeyValue("b", 1.0), new KeyValue("a", 2.0)) > 0);
        assertEquals(0, EmbeddedH2Backend.KeyValueType.compareKeys(new KeyValue("a", 1.0), new KeyValue("a", 1.0)));
    }

    @Test
    void scalarKeysRoundTripInTheCompactFormatAndOthersInTheStockOne() {
        EmbeddedH2Backend.KeyValueType type = new EmbeddedH2Backend.KeyValueType();
        List<KeyValue> keys = List.of(new KeyValue("f1|2818048|10.0.0.1", 7, 42L, 1.5, true, false),
                new KeyValue((Object) null), new KeyValue(de.bwaldvogel.mongo.backend.Missing.getInstance(), "é✓"),
                new KeyValue(new de.bwaldvogel.mongo.bson.Document("nested", 1)));
        for (KeyValue key : keys) {
            org.h2.mvstore.WriteBuffer buff = new org.h2.mvstore.WriteBuffer();
            type.write(buff, key);
            java.nio.ByteBuffer bytes = buff.getBuffer();
            bytes.flip();
            boolean scalar = key.stream().noneMatch(v -> v instanceof de.bwaldvogel.mongo.bson.Document);
            assertEquals(scalar, bytes.get(0) == EmbeddedH2Backend.KeyValueType.COMPACT_KEY, key.toString());
            KeyValue read = (KeyValue) type.read(bytes);
            assertEquals(key, read);
            assertEquals(0, EmbeddedH2Backend.KeyValueType.compareKeys(key, read));
            for (int i = 0; i < key.size(); i++) {
                Object v = key.get(i);
                assertEquals(v == null ? null : v.getClass(), read.get(i) == null ? null : read.get(i).getClass());
            }
        }
    }

    @Test
    void theFastComparisonsAgreeWithMongoOrder() {
        List<Object> values = List.of("a", "b", "ab", "", 1, 2, -3, 2L, 2.5, true, 1.0, 2.0, -3.0, -0.0, 0, 0.0,
                2147483648.0, -2147483649.0, 1e300, Double.NaN, Double.NEGATIVE_INFINITY, Long.MAX_VALUE, Integer.MIN_VALUE,
                (double) Integer.MAX_VALUE);
        for (Object x : values) {
            for (Object y : values) {
                assertEquals(Integer.signum(de.bwaldvogel.mongo.backend.ValueComparator.asc().compare(x, y)),
                        Integer.signum(EmbeddedH2Backend.KeyValueType.compareKeys(new KeyValue(x), new KeyValue(y))), x + " vs " + y);
            }
        }
    }

    /**
     * Replacements and {@code $set}s by {@code _id} take the store's direct path; every outcome (counts, upserted id,
     * errors, stored documents, unique index entries) must equal the stock memory backend's for the same commands.
     */
    @Test
    void writesByIdAnswerAsTheStockServerDoes() {
        List<String> ours = new ArrayList<>();
        withServer(fast(dir.resolve("byid.mv")), c -> ours.addAll(writeByIdScript(c)));
        List<String> stock = new ArrayList<>();
        withServer(new MongoServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend()), c -> stock.addAll(writeByIdScript(c)));
        assertEquals(stock, ours);
        withServer(fast(dir.resolve("byid.mv")), c -> assertEquals(stock.get(stock.size() - 1), "final " + sorted(c)));
    }

    private static List<String> writeByIdScript(MongoCollection<Document> c) {
        List<String> out = new ArrayList<>();
        c.createIndex(Indexes.ascending("addr", "node"), new IndexOptions().unique(true));
        c.insertOne(new Document("_id", "a").append("addr", "10.0.0.1").append("node", 101).append("count", 1L));
        c.insertOne(new Document("_id", "b").append("addr", "10.0.0.2").append("node", 101).append("count", 1L));
        com.mongodb.client.model.ReplaceOptions upsert = new com.mongodb.client.model.ReplaceOptions().upsert(true);
        com.mongodb.client.model.UpdateOptions upsertSet = new com.mongodb.client.model.UpdateOptions().upsert(true);
        List<java.util.function.Supplier<Object>> steps = List.of(
                () -> c.replaceOne(eq("_id", "a"), new Document("addr", "10.0.0.1").append("node", 102).append("count", 2L)),
                () -> c.replaceOne(eq("_id", "a"), new Document("_id", "a").append("addr", "10.0.0.1").append("node", 102).append("count", 2L)),
                () -> c.replaceOne(eq("_id", "c"), new Document("addr", "10.0.0.3").append("node", 101), upsert),
                () -> c.replaceOne(eq("_id", "d"), new Document("addr", "10.0.0.4").append("node", 101)),
                () -> c.replaceOne(eq("_id", "a"), new Document("addr", "10.0.0.2").append("node", 101)),
                () -> c.replaceOne(eq("_id", "a"), new Document("_id", "z").append("addr", "10.0.0.9")),
                () -> c.updateOne(eq("_id", "b"), Updates.combine(Updates.set("count", 5L), Updates.set("flag", true))),
                () -> c.updateOne(eq("_id", "b"), Updates.set("count", 5L)),
                () -> c.updateOne(eq("_id", "e"), Updates.set("addr", "10.0.0.5"), upsertSet),
                () -> c.updateOne(eq("_id", "f"), Updates.set("addr", "10.0.0.6")),
                () -> c.updateOne(eq("_id", "b"), Updates.set("node", 102)),
                () -> c.updateOne(eq("_id", "b"), Updates.set("addr", "10.0.0.1")),
                () -> c.updateOne(eq("_id", "b"), Updates.set("events", List.of(new Document("ts", 1.5).append("status", "created")))),
                () -> c.updateOne(eq("_id", "b"), Updates.combine(Updates.set("count", 6L), Updates.inc("n", 1))));
        for (var step : steps) {
            try {
                Object r = step.get();
                if (r instanceof com.mongodb.client.result.UpdateResult u) {
                    out.add("matched " + u.getMatchedCount() + " modified " + u.getModifiedCount() + " upserted "
                            + (u.getUpsertedId() == null ? null : u.getUpsertedId().asString().getValue()));
                }
            } catch (com.mongodb.MongoException e) {
                out.add("error " + e.getCode());
            }
            out.add("rows " + sorted(c));
        }
        // the unique index follows the documents: a key freed by an update can be taken, a held one cannot
        try {
            c.insertOne(new Document("_id", "g").append("addr", "10.0.0.1").append("node", 101));
            out.add("inserted g");
        } catch (com.mongodb.MongoException e) {
            out.add("error " + e.getCode());
        }
        out.add("found " + c.find(and(eq("addr", "10.0.0.1"), eq("node", 102))).first());
        out.add("final " + sorted(c));
        return out;
    }

    /**
     * Unique keys of top-level scalar fields are built by the store's own fast path, every other key by the stock one;
     * inserts, updates and deletes must find the same duplicates, with the same errors, as the stock memory backend:
     * numbers equal across types, null equal to a missing field, a sparse index skipping documents without its fields,
     * arrays indexed per element.
     */
    @Test
    void uniqueKeysAnswerAsTheStockServerDoes() {
        List<String> ours = new ArrayList<>();
        withServer(fast(dir.resolve("keys.mv")), c -> ours.addAll(uniqueKeyScript(c, client)));
        List<String> stock = new ArrayList<>();
        withServer(new MongoServer(new de.bwaldvogel.mongo.backend.memory.MemoryBackend()), c -> stock.addAll(uniqueKeyScript(c, client)));
        assertEquals(stock, ours);
        assertTrue(ours.stream().filter(line -> line.contains("E11000")).count() >= 8, "the script hits duplicates: " + ours);
    }

    private static List<String> uniqueKeyScript(MongoCollection<Document> c, MongoClient client) {
        List<String> out = new ArrayList<>();
        c.createIndex(Indexes.ascending("addr", "node"), new IndexOptions().unique(true));
        MongoCollection<Document> sparse = client.getDatabase("ept").getCollection("sparse");
        sparse.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true).sparse(true));
        MongoCollection<Document> events = client.getDatabase("ept").getCollection("script_event"); // no index but _id, insert-ordered
        MongoCollection<Document> tags = client.getDatabase("ept").getCollection("tags");
        tags.createIndex(Indexes.ascending("tag"), new IndexOptions().unique(true));
        List<java.util.function.Supplier<Object>> steps = List.of(
                () -> c.insertOne(new Document("_id", 1).append("addr", "10.0.0.1").append("node", 101)),
                () -> c.insertOne(new Document("_id", 2).append("addr", "10.0.0.1").append("node", 101L)),
                () -> c.insertOne(new Document("_id", 3).append("addr", "10.0.0.1").append("node", 101.0)),
                () -> c.insertOne(new Document("_id", 1.0).append("addr", "10.0.0.9")),
                () -> c.insertOne(new Document("_id", 4).append("addr", "10.0.0.1").append("node", 102)),
                () -> c.insertOne(new Document("_id", 5).append("addr", "10.0.0.2")),
                () -> c.insertOne(new Document("_id", 6).append("addr", "10.0.0.2").append("node", null)),
                () -> c.insertOne(new Document("_id", 7).append("addr", 0.0).append("node", -0.0)),
                () -> c.insertOne(new Document("_id", 8).append("addr", 0).append("node", 0L)),
                () -> c.insertOne(new Document("_id", 9).append("addr", new Document("x", 1)).append("node", 1)),
                () -> c.insertOne(new Document("_id", 10).append("addr", new Document("x", 1.0)).append("node", 1)),
                () -> c.insertOne(new Document("_id", 11).append("addr", List.of("10.0.0.7", "10.0.0.8")).append("node", 1)),
                () -> c.insertOne(new Document("_id", 12).append("addr", "10.0.0.8").append("node", 1)),
                () -> c.insertOne(new Document("_id", 13).append("addr", Long.MAX_VALUE).append("node", 1)),
                () -> c.insertOne(new Document("_id", 14).append("addr", Long.MAX_VALUE - 1).append("node", 1)),
                () -> c.updateOne(eq("_id", 4), Updates.set("node", 101)),
                () -> c.updateOne(eq("_id", 4), Updates.set("node", 103)),
                () -> c.updateOne(eq("_id", 4), Updates.set("count", 1)),
                () -> c.replaceOne(eq("_id", 5), new Document("addr", "10.0.0.1").append("node", 103.0)),
                () -> c.replaceOne(eq("_id", 5), new Document("addr", "10.0.0.5").append("node", 101)),
                () -> c.updateMany(eq("addr", "10.0.0.1"), Updates.set("node", 7)),
                () -> c.deleteOne(eq("_id", 1)),
                () -> c.insertOne(new Document("_id", 15).append("addr", "10.0.0.1").append("node", 101)),
                () -> c.insertMany(List.of(new Document("_id", 16).append("addr", "x").append("node", 1),
                        new Document("_id", 17).append("addr", "x").append("node", 1.0))),
                () -> sparse.insertOne(new Document("_id", 1)),
                () -> sparse.insertOne(new Document("_id", 2)),
                () -> sparse.insertOne(new Document("_id", 3).append("a", 1)),
                () -> sparse.insertOne(new Document("_id", 4).append("a", 1.0)),
                () -> sparse.insertOne(new Document("_id", 5).append("b", null)),
                () -> sparse.insertOne(new Document("_id", 6).append("a", null)),
                () -> sparse.updateOne(eq("_id", 1), Updates.set("a", 1)),
                () -> sparse.updateOne(eq("_id", 3), Updates.unset("a")),
                () -> sparse.insertOne(new Document("_id", 7).append("a", 1)),
                () -> tags.insertOne(new Document("_id", "t1").append("tag", "a")),
                () -> tags.insertOne(new Document("_id", "t1").append("tag", "b")),
                () -> tags.insertOne(new Document("_id", "t2").append("tag", "a")),
                () -> tags.insertOne(new Document("_id", "t3")),
                () -> tags.insertOne(new Document("_id", "t4")),
                () -> tags.insertOne(new Document("_id", "t5").append("tag", null)),
                () -> tags.insertOne(new Document("_id", 5).append("tag", "five")),
                () -> tags.insertOne(new Document("_id", "5").append("tag", "string five")),
                () -> tags.deleteOne(eq("_id", "t1")),
                () -> tags.insertOne(new Document("_id", "t1").append("tag", "c")),
                () -> tags.replaceOne(eq("_id", "t2"), new Document("_id", "t2").append("tag", "c")),
                () -> tags.updateOne(eq("_id", "t9"), Updates.set("tag", "d"), new com.mongodb.client.model.UpdateOptions().upsert(true)),
                () -> tags.insertOne(new Document("_id", "t9")),
                () -> events.insertOne(new Document("_id", "e1").append("seq", 1)),
                () -> events.insertOne(new Document("_id", "e1").append("seq", 2)),
                () -> events.insertMany(List.of(new Document("_id", "e2"), new Document("_id", "e1"), new Document("_id", "e3")),
                        new com.mongodb.client.model.InsertManyOptions().ordered(false)),
                () -> events.replaceOne(eq("_id", "e4"), new Document("_id", "e4").append("seq", 4),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true)),
                () -> events.insertOne(new Document("_id", "e4")));
        for (var step : steps) {
            try {
                step.get();
                out.add("ok");
            } catch (com.mongodb.MongoException e) {
                out.add("error " + e.getCode() + " " + e.getMessage().replaceAll("^.*(E11000)", "$1").replaceAll("\\s+", " "));
            }
        }
        out.add("rows " + sorted(c));
        out.add("sparse " + sorted(sparse));
        out.add("tags " + sorted(tags));
        out.add("events " + sorted(events));
        for (Object id : List.of(1, 2, 4, 5, 7, 8, 11, 15)) {
            out.add("by id " + id + " " + c.find(eq("_id", id)).first());
        }
        out.add("by key " + c.find(and(eq("addr", "10.0.0.5"), eq("node", 101))).first());
        out.add("by key " + c.find(and(eq("addr", "10.0.0.1"), eq("node", 7.0))).first());
        out.add("by tag " + tags.find(eq("tag", "a")).first());
        out.add("ids in " + tags.find(in("_id", List.of("t1", "t2", "t3", "tX", "5", 5.0))).into(new ArrayList<>()));
        out.add("ids like " + tags.find(com.mongodb.client.model.Filters.regex("_id", "^t[1-3]")).into(new ArrayList<>()));
        out.add("count " + tags.countDocuments() + " " + tags.countDocuments(eq("_id", "t9")));
        return out;
    }

    private static List<String> sorted(MongoCollection<Document> c) {
        List<String> rows = new ArrayList<>();
        c.find().forEach(d -> rows.add(d.toJson()));
        rows.sort(null);
        return rows;
    }
}
