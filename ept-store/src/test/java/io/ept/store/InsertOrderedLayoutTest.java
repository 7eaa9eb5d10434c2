package io.ept.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collections named {@code *_event}: documents in insertion order, ids in the _id index map. */
class InsertOrderedLayoutTest {

    private static final String COLLECTION = "ept.history_event";
    private static final String DATA_MAP = "databases.ept." + COLLECTION;
    private static final String ID_INDEX_MAP = "ept." + COLLECTION + "._index__id_";

    @TempDir
    Path dir;

    private static void withServer(MongoServer server, Consumer<MongoCollection<Document>> action) {
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            action.accept(client.getDatabase("ept").getCollection(COLLECTION));
        } finally {
            server.shutdownNow();
        }
    }

    private static MongoServer fast(Path file) {
        return new MongoServer(new EmbeddedH2Backend(new MVStore.Builder().fileName(file.toString()).open()));
    }

    private static List<Document> events(int from, int to) {
        List<Document> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new Document("_id", "f|2100001|10.0.0." + (i % 200) + "|" + (101 + i % 20) + "|" + i).append("seq", i));
        }
        return out;
    }

    /** The keys of the data map and the number of _id index entries, read from the file. */
    private record Layout(List<Object> dataKeys, long indexEntries) {
    }

    private static Layout layout(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            List<Object> keys = new ArrayList<>(EmbeddedH2Backend.dataMap(store, DATA_MAP).keySet());
            return new Layout(keys, EmbeddedH2Backend.indexMap(store, ID_INDEX_MAP).sizeAsLong());
        } finally {
            store.close();
        }
    }

    private static List<Long> positions(int n) {
        List<Long> out = new ArrayList<>();
        for (long p = 1; p <= n; p++) {
            out.add(p);
        }
        return out;
    }

    @Test
    void eventDocumentsAreStoredInInsertionOrderAndFoundById() {
        Path file = dir.resolve("events.mv");
        List<Document> shuffled = events(0, 3000);
        Collections.shuffle(shuffled, new Random(7));
        withServer(fast(file), c -> {
            c.insertMany(shuffled);
            assertEquals(3, c.find(in("_id", List.of(shuffled.get(5).get("_id"), shuffled.get(2999).get("_id"),
                    "no such id", shuffled.get(0).get("_id")))).into(new ArrayList<>()).size());
            MongoWriteException duplicate = assertThrows(MongoWriteException.class, () -> c.insertOne(shuffled.get(17)));
            assertEquals(11000, duplicate.getCode());
            // a replacement by id (an endpoint's overwritten latest event) keeps the document where it is
            c.replaceOne(eq("_id", shuffled.get(9).get("_id")), new Document("seq", -9), new ReplaceOptions().upsert(true));
            c.replaceOne(eq("_id", "new|1"), new Document("seq", 1), new ReplaceOptions().upsert(true));
            c.deleteMany(in("_id", List.of(shuffled.get(0).get("_id"), shuffled.get(1).get("_id"))));
            assertEquals(2999, c.countDocuments());
            assertEquals(-9, c.find(eq("_id", shuffled.get(9).get("_id"))).first().getInteger("seq"));
        });
        Layout stored = layout(file);
        assertInsertionNumbers(stored, 2999);
        // the two deleted documents were inserted first; a refused duplicate may leave a gap in the numbers
        assertEquals(3L, stored.dataKeys().get(0));
        Object lastBeforeRestart = stored.dataKeys().get(2998);

        // numbering goes on after a restart: nothing written before is overwritten
        withServer(fast(file), c -> {
            c.insertMany(events(3000, 3010));
            assertEquals(3009, c.countDocuments());
            assertEquals(1, c.countDocuments(eq("_id", shuffled.get(2999).get("_id"))));
            assertEquals(1, c.countDocuments(eq("_id", "new|1")));
            assertThrows(MongoWriteException.class, () -> c.insertOne(events(3005, 3006).get(0)));
        });
        Layout after = layout(file);
        assertInsertionNumbers(after, 3009);
        assertTrue((Long) after.dataKeys().get(2999) > (Long) lastBeforeRestart, "numbering goes on after a restart");
    }

    /** Every document keyed by a number, as many as there are ids in the _id index. */
    private static void assertInsertionNumbers(Layout layout, int documents) {
        assertEquals(documents, layout.dataKeys().size());
        assertTrue(layout.dataKeys().stream().allMatch(Long.class::isInstance), () -> "keys that are not insertion numbers: "
                + layout.dataKeys().stream().filter(k -> !(k instanceof Long)).limit(5).toList());
        assertEquals(documents, layout.indexEntries());
    }

    @Test
    void otherCollectionsStayKeyedById() {
        Path file = dir.resolve("rows.mv");
        MongoServer server = fast(file);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            client.getDatabase("ept").getCollection("ept.history").insertMany(List.of(new Document("_id", "b"), new Document("_id", "a")));
        } finally {
            server.shutdownNow();
        }
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertEquals(List.of("a", "b"), new ArrayList<>(EmbeddedH2Backend.dataMap(store, "databases.ept.ept.history").keySet()));
        } finally {
            store.close();
        }
    }

    /** Written by the stock backend (documents keyed by _id, Java-serialised): converted when first opened. */
    @Test
    void aCollectionKeyedByIdIsConvertedWhenOpened() {
        Path file = dir.resolve("stock.mv");
        withServer(new MongoServer(new H2Backend(file.toString())), c -> c.insertMany(events(0, 500)));
        withServer(fast(file), c -> {
            assertEquals(500, c.countDocuments());
            assertEquals(2, c.countDocuments(in("_id", List.of(events(0, 1).get(0).get("_id"), events(499, 500).get(0).get("_id")))));
            assertThrows(MongoWriteException.class, () -> c.insertOne(events(250, 251).get(0)));
            c.insertMany(events(500, 510));
            assertEquals(510, c.countDocuments());
        });
        assertInsertionNumbers(layout(file), 510);
    }

    @Test
    void anUnfinishedCopyIsDroppedAndTheConversionRedone() {
        Path file = dir.resolve("partial.mv");
        withServer(new MongoServer(new H2Backend(file.toString())), c -> c.insertMany(events(0, 300)));
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Object, Object> copy = EmbeddedH2Backend.dataMap(store, DATA_MAP + InsertOrderedLayout.CONVERSION_SUFFIX);
        copy.put(1L, new Document("_id", "half-done").append("seq", -1)); // a crash in the middle of a copy
        store.close();
        withServer(fast(file), c -> {
            assertEquals(300, c.countDocuments());
            assertNull(c.find(eq("_id", "half-done")).first());
        });
        assertEquals(positions(300), layout(file).dataKeys()); // the conversion numbers documents 1..n
    }

    @Test
    void aFinishedCopyWhoseOriginalWasRemovedIsPutInPlace() {
        Path file = dir.resolve("swap.mv");
        withServer(new MongoServer(new H2Backend(file.toString())), c -> c.insertMany(events(0, 200)));
        // a crash between removing the old map and renaming the copy: the copy and the index are complete
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<Object, Object> data = EmbeddedH2Backend.dataMap(store, DATA_MAP);
        MVMap<Object, Object> copy = EmbeddedH2Backend.dataMap(store, DATA_MAP + InsertOrderedLayout.CONVERSION_SUFFIX);
        MVMap<KeyValue, Object> index = EmbeddedH2Backend.indexMap(store, ID_INDEX_MAP);
        index.clear();
        EmbeddedH2Backend.UniqueIndex ids = new EmbeddedH2Backend.UniqueIndex(index, "_id_", List.of(new IndexKey("_id", true)), false);
        long position = 0;
        for (Object stored : data.values()) {
            copy.put(++position, stored);
            ids.putKeyPosition(new KeyValue(((de.bwaldvogel.mongo.bson.Document) stored).get("_id")), position);
        }
        store.removeMap(data);
        store.close();
        withServer(fast(file), c -> {
            assertEquals(200, c.countDocuments());
            assertEquals(1, c.countDocuments(eq("_id", events(123, 124).get(0).get("_id"))));
        });
        assertInsertionNumbers(layout(file), 200);
    }
}
