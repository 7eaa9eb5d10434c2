package io.ept.endpoint;

import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.support.FakeClock;
import io.ept.analysis.support.Harness;
import io.ept.analysis.support.Topology;
import io.ept.query.BulkQuery;
import io.ept.query.FilterSyntaxException;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16: event lists as event documents, the worker's state cache against concurrent writers. */
class EventLogTest {
    static final String MAC1 = "00:00:40:01:01:01";

    final MongoTestServer mongo = new MongoTestServer();
    final Settings settings = Settings.builder().analyzeRapid(false).maxPerNodeEndpointEvents(8).maxEndpointEvents(8).build();
    final MongoEndpointStore store = new MongoEndpointStore(mongo.database(), new EndpointStateCache(100));
    final RapidTracker rapid = new RapidTracker();
    final EndpointAnalyzer analyzer = new EndpointAnalyzer(settings, Topology.lookups(), rapid, new FakeClock(1_000_000));
    final EndpointKey key = Harness.key(BD1, MAC1);

    {
        store.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void moves(int n, int from) {
        List<EpmEvent> events = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            events.add(mac(100 + i * 100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/" + (i + 1), E1));
        }
        new EndpointBatch(store).process(Topology.FABRIC, io.ept.messaging.EpmBatch.newId(), events, analyzer, rapid);
    }

    private Document row(String collection, String id) {
        return mongo.database().getCollection(collection).find(new Document("_id", id)).first();
    }

    @Test
    void aWatcherFlagChangeDuringABatchIsNotHiddenByTheBatchsCacheSave() {
        moves(2, 0);
        // a batch of the key starts: it reads the state (cached, is_stale false) with the cache's clock
        MongoEndpointStore.Loaded loaded = store.loadForAnalysis(List.of(key));
        Map<EndpointKey, Long> moveCounts = loaded.moveCounts();
        Map<EndpointKey, EndpointState> states = loaded.states();
        assertFalse(states.get(key).endpoint().isStale());
        // meanwhile the watcher confirms the key stale
        store.setEndpointStale(key);
        // the batch ends and saves its states in the cache
        store.remember(states, moveCounts, Map.of(), loaded.cacheStamp());
        assertTrue(store.load(key).endpoint().isStale(), "the next batch sees the watcher's flag");
        // without the clock (the earlier code) the batch's older state would have been cached again
        store.cache().putAll(states, moveCounts, Map.of(), Long.MAX_VALUE);
        assertFalse(store.load(key).endpoint().isStale(), "(what the race did)");
    }

    @Test
    void aBatchKeepsTheFlagAWatcherSetWhileItRan() {
        moves(2, 0);
        // watcher between two batches: the next batch reads the store, keeps the flag, and caches it
        store.setEndpointStale(key);
        moves(1, 2);
        Document ep = row(MongoEndpointStore.ENDPOINT, MongoEndpointStore.id(key));
        assertEquals(ep.getBoolean("is_stale"), store.load(key).endpoint().isStale(),
                "cached state equals the stored row");
    }

    @Test
    void listsAreAssembledTrimmedLazilyAndDeletedWithTheEndpoint() {
        moves(20, 0);
        String historyId = MongoEndpointStore.id(key, 103);
        Document h = row(MongoEndpointStore.HISTORY, historyId);
        assertEquals(20L, h.get("count", Number.class).longValue());
        assertEquals(1, h.getList("events", Document.class).size(), "the row holds only its newest event");
        EventLog.attach(mongo.database(), MongoEndpointStore.HISTORY, h);
        List<Document> events = h.getList("events", Document.class);
        assertEquals(8, events.size(), "capped");
        assertEquals("eth1/20", events.get(0).getString("intf_id"));
        assertEquals("eth1/13", events.get(7).getString("intf_id"));
        assertNull(h.get("first_seq"));
        long docs = mongo.database().getCollection("ept.history_event").countDocuments();
        assertTrue(docs >= 8 && docs <= 16, "at most two caps of event documents: " + docs);
        assertTrue(store.delete(key) > 0);
        for (String c : List.of("ept.history_event", "ept.endpoint_event", "ept.move_event")) {
            assertEquals(0, mongo.database().getCollection(c).countDocuments(), c);
        }
    }

    @Test
    void rowsOfTheOldLayoutAreMigratedOnce() {
        // a history row as the earlier code wrote it: 5 events newest first, count 7 (2 trimmed away)
        List<Document> old = new ArrayList<>();
        for (int i = 7; i >= 3; i--) {
            old.add(new Document("classname", "epmMacEp").append("ts", 100.0 * i).append("status", "created")
                    .append("intf_id", "eth1/" + i));
        }
        String id = MongoEndpointStore.id(key, 103);
        mongo.database().getCollection(MongoEndpointStore.HISTORY).insertOne(new Document("_id", id)
                .append("fabric", key.fabric()).append("node", 103).append("vnid", key.vnid()).append("addr", key.addr())
                .append("type", "mac").append("count", 7L).append("events", old));
        assertEquals(1, store.ensureEventLog());
        assertEquals(0, store.ensureEventLog(), "once");
        Document h = row(MongoEndpointStore.HISTORY, id);
        assertEquals(1, h.getList("events", Document.class).size());
        assertEquals(3L, h.get("first_seq", Number.class).longValue());
        EventLog.attach(mongo.database(), MongoEndpointStore.HISTORY, h);
        assertEquals(old, h.getList("events", Document.class));
        var watched = store.history(key, 103);
        assertEquals(4, watched.events().size());
        assertEquals("eth1/7", watched.latest().intfId());
    }

    @Test
    void filtersOnOlderEventsAreRefused() {
        BulkQuery q = BulkQuery.parse("eq(\"events.0.status\",\"created\")", null, null, null, null, null);
        assertEquals(q, EventLog.query("ept.history", q, "eq(\"events.0.status\",\"created\")", null));
        assertThrows(FilterSyntaxException.class, () -> EventLog.query("ept.history", q, "eq(\"events.1.status\",\"created\")", null));
        assertThrows(FilterSyntaxException.class, () -> EventLog.query("ept.move", q, "eq(\"events.status\",\"created\")", null));
        assertThrows(FilterSyntaxException.class, () -> EventLog.query("ept.history", q, null, "events.3.ts|desc"));
        assertEquals(q, EventLog.query("ept.endpoint", q, "eq(\"events.1.node\",101)", null), "the endpoint row holds two");
        assertEquals(q, EventLog.query("ept.stale", q, "eq(\"events.5.node\",101)", null), "other collections unchanged");
        BulkQuery include = BulkQuery.parse(null, null, null, null, null, "addr,events");
        assertTrue(EventLog.query("ept.history", include, null, null).include().containsAll(List.of("count", "first_seq")));
    }
}
