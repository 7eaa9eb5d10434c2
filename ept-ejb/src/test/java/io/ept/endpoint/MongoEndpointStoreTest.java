package io.ept.endpoint;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.support.FakeClock;
import io.ept.analysis.support.Harness;
import io.ept.analysis.support.Topology;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchStale;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.VRF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event sequences through the analyzer and {@link MongoEndpointStore} (mongo-java-server over a socket); the
 * same sequence through the in-memory reference store must give the same state.
 */
class MongoEndpointStoreTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String IP1 = "10.1.1.101";

    final MongoTestServer mongo = new MongoTestServer();
    final MongoEndpointStore store = new MongoEndpointStore(mongo.database());
    final List<WatchJob> jobs = new ArrayList<>();
    Settings settings = Settings.builder().analyzeRapid(false).notifyMoveSyslog(true).build();
    Harness reference = new Harness(settings);
    EndpointAnalyzer analyzer = new EndpointAnalyzer(settings, Topology.lookups(), new RapidTracker(),
            new FakeClock(1_000_000));

    {
        store.createIndexes();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    void useSettings(Settings s) {
        settings = s;
        reference = new Harness(s);
        analyzer = new EndpointAnalyzer(s, Topology.lookups(), new RapidTracker(), new FakeClock(1_000_000));
    }

    void feed(EpmEvent... events) {
        for (EpmEvent ev : events) {
            EndpointKey key = ev.key(Topology.FABRIC);
            AnalysisResult r = analyzer.analyze(store.load(key), ev);
            store.apply(key, ev.node(), r, settings);
            jobs.addAll(r.watchJobs());
            reference.feed(ev);
        }
    }

    Document doc(String collection, EndpointKey key) {
        return mongo.database().getCollection(collection).find(MongoEndpointStore.keyFilter(key)).first();
    }

    Document history(EndpointKey key, int node) {
        return mongo.database().getCollection(MongoEndpointStore.HISTORY).find(MongoEndpointStore.nodeFilter(key, node))
                .first();
    }

    /** The state loaded from MongoDB equals the reference (latest events, flags, counts). */
    void assertSameAsReference(EndpointKey key) {
        var ref = reference.store.state(key);
        var loaded = store.load(key);
        assertEquals(ref.history().keySet(), loaded.history().keySet());
        ref.history().forEach((node, row) -> {
            var l = loaded.history().get(node);
            assertEquals(row.latest(), l.latest(), "latest history event of node " + node);
            assertEquals(row.count(), l.count());
            assertEquals(row.isStale(), l.isStale());
            assertEquals(row.isOffsubnet(), l.isOffsubnet());
            assertEquals(row.watchStaleTs(), l.watchStaleTs());
        });
        if (ref.endpoint() == null) {
            assertNull(loaded.endpoint());
            return;
        }
        assertEquals(ref.endpoint().count(), loaded.endpoint().count());
        assertEquals(ref.endpoint().events().subList(0, Math.min(2, ref.endpoint().events().size())),
                loaded.endpoint().events());
        assertEquals(ref.endpoint().firstLearn(), loaded.endpoint().firstLearn());
        assertEquals(ref.endpoint().learnType(), loaded.endpoint().learnType());
        assertEquals(ref.lastMove(), loaded.lastMove());
    }

    @Test
    void macLocalAndRemoteLearnWritesHistoryAndEndpointDocuments() {
        feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1),
                mac(101, "created", 104, BD1, "", MAC1, "", "tunnel103", E1));
        EndpointKey key = Harness.key(BD1, MAC1);
        Document h103 = history(key, 103);
        assertEquals("mac", h103.getString("type"));
        assertEquals(1L, h103.get("count", Number.class).longValue());
        Document e = h103.getList("events", Document.class).get(0);
        assertEquals("epmMacEp", e.getString("classname"));
        assertEquals("eth1/1", e.getString("intf_id"));
        assertEquals("vlan-101", e.getString("encap"));
        assertEquals(List.of("local"), e.getList("flags", String.class));
        assertEquals(103, history(key, 104).getList("events", Document.class).get(0).getInteger("remote"));

        Document ep = doc(MongoEndpointStore.ENDPOINT, key);
        assertEquals("mac", ep.getString("type"));
        assertEquals("epg", ep.getString("learn_type"));
        assertEquals(List.of(0x0000L, 0x40010101L), ep.getList("addr_byte", Long.class));
        assertEquals(1L, ep.get("count", Number.class).longValue());
        assertEquals(103, ep.get("first_learn", Document.class).getInteger("node"));
        assertEquals(103, ep.getList("events", Document.class).get(0).getInteger("node"));
        assertFalse(ep.getBoolean("is_stale"));
        assertSameAsReference(key);
    }

    @Test
    void ipMoveIsPushedNewestFirstAndNotDuplicatedOnRedelivery() {
        feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1),
                rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1),
                ip(200, "created", 104, BD1, "vlan-101", IP1, "local", "eth1/2", E1),
                rs(201, "created", 104, BD1, "vlan-101", MAC1, IP1),
                rs(202, "deleted", 103, BD1, "vlan-101", MAC1, IP1),
                ip(202, "created", 103, 0, "", IP1, "", "tunnel104", E1));
        EndpointKey key = Harness.key(VRF, IP1);
        Document move = doc(MongoEndpointStore.MOVE, key);
        assertEquals("ipv4", move.getString("type"));
        assertEquals(1L, move.get("count", Number.class).longValue());
        Document m = move.getList("events", Document.class).get(0);
        assertEquals(103, m.get("src", Document.class).getInteger("node"));
        assertEquals(104, m.get("dst", Document.class).getInteger("node"));
        assertEquals(MAC1, m.get("dst", Document.class).getString("rw_mac"));
        Document ep = doc(MongoEndpointStore.ENDPOINT, key);
        List<Document> events = ep.getList("events", Document.class);
        assertEquals(104, events.get(0).getInteger("node"));
        assertEquals(103, events.get(1).getInteger("node"));
        assertEquals(List.of(0x0a010165L), ep.getList("addr_byte", Long.class));
        assertSameAsReference(key);

        // JMS redelivery of the last event: nothing changes
        EpmEvent again = ip(202, "created", 103, 0, "", IP1, "", "tunnel104", E1);
        store.apply(key, again.node(), analyzer.analyze(store.load(key), again), settings);
        assertEquals(1L, doc(MongoEndpointStore.MOVE, key).get("count", Number.class).longValue());
        assertEquals(2L, doc(MongoEndpointStore.ENDPOINT, key).get("count", Number.class).longValue());
    }

    @Test
    void listsAreCappedNewestFirstWithTotalCounts() {
        useSettings(Settings.builder().analyzeRapid(false).maxPerNodeEndpointEvents(3).maxEndpointEvents(4).build());
        for (int i = 0; i < 6; i++) {
            // alternate the local interface: each event is a history change and a new endpoint event
            feed(mac(100 + i * 100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/" + (i + 1), E1));
        }
        EndpointKey key = Harness.key(BD1, MAC1);
        var db = mongo.database();
        // the rows keep only their newest event(s); the lists are event documents, trimmed lazily (issue 16)
        assertEquals(1, history(key, 103).getList("events", Document.class).size());
        assertEquals(2, doc(MongoEndpointStore.ENDPOINT, key).getList("events", Document.class).size());
        assertEquals(3, db.getCollection(EventLog.collection(MongoEndpointStore.HISTORY)).countDocuments(),
                "seq 6 = 2 caps: seqs 1-3 deleted");
        assertEquals(6, db.getCollection(EventLog.collection(MongoEndpointStore.ENDPOINT)).countDocuments());
        Document h = EventLog.attach(db, MongoEndpointStore.HISTORY, history(key, 103));
        assertEquals(6L, h.get("count", Number.class).longValue());
        List<Document> events = h.getList("events", Document.class);
        assertEquals(3, events.size());
        assertEquals("eth1/6", events.get(0).getString("intf_id"));
        assertEquals("eth1/4", events.get(2).getString("intf_id"));
        Document ep = EventLog.attach(db, MongoEndpointStore.ENDPOINT, doc(MongoEndpointStore.ENDPOINT, key));
        assertEquals(6L, ep.get("count", Number.class).longValue());
        assertEquals(4, ep.getList("events", Document.class).size());
        assertEquals("eth1/6", ep.getList("events", Document.class).get(0).getString("intf_id"));
        assertEquals("eth1/3", ep.getList("events", Document.class).get(3).getString("intf_id"));
        assertEquals("eth1/1", ep.get("first_learn", Document.class).getString("intf_id"));
        Document move = EventLog.attach(db, MongoEndpointStore.MOVE, doc(MongoEndpointStore.MOVE, key));
        assertEquals(4, move.getList("events", Document.class).size());
        assertEquals("eth1/6", move.getList("events", Document.class).get(0).get("dst", Document.class).getString("intf_id"));
        assertEquals(5L, doc(MongoEndpointStore.MOVE, key).get("count", Number.class).longValue());
        assertSameAsReference(key);
    }

    @Test
    void transitoryDeleteIsOverwrittenInPlace() {
        feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1),
                mac(150, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0),
                mac(152, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        EndpointKey key = Harness.key(BD1, MAC1);
        Document ep = EventLog.attach(mongo.database(), MongoEndpointStore.ENDPOINT, doc(MongoEndpointStore.ENDPOINT, key));
        List<Document> events = ep.getList("events", Document.class);
        assertEquals(2, events.size(), "the delete was overwritten by the re-learn");
        assertEquals(104, events.get(0).getInteger("node"));
        assertEquals(2L, ep.get("count", Number.class).longValue());
        assertSameAsReference(key);
    }

    @Test
    void staleFlagsAndWatchBookkeepingArePersisted() {
        feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1),
                rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1),
                ip(110, "created", 104, 0, "", IP1, "", "tunnel102", E1));
        EndpointKey key = Harness.key(VRF, IP1);
        Document h = history(key, 104);
        assertTrue(h.getBoolean("is_stale"));
        assertEquals(110.0, h.get("watch_stale_ts", Number.class).doubleValue());
        assertEquals(103, h.get("watch_stale_event", Document.class).getInteger("expected_remote"));
        assertEquals(1, jobs.stream().filter(j -> j instanceof WatchStale).count());
        assertSameAsReference(key);

        // watcher side: records, flag, remediate
        WatchStale job = (WatchStale) jobs.stream().filter(j -> j instanceof WatchStale).findFirst().orElseThrow();
        store.setEndpointStale(key);
        store.pushStale(key, 104, EndpointType.IPV4, job.event(), 64);
        store.pushRemediate(key, 104, EndpointType.IPV4, RemediateEvent.clear(160, Topology.VRF_NAME, "stale"), false,
                "ssh: connection refused", 64);
        assertTrue(store.endpoint(key).isStale());
        StaleEvent last = store.lastStale(key, 104);
        assertEquals(job.event(), last);
        Document remediate = mongo.database().getCollection(MongoEndpointStore.REMEDIATE)
                .find(and(eq("addr", IP1), eq("node", 104))).first();
        Document r = remediate.getList("events", Document.class).get(0);
        assertEquals("clear", r.getString("action"));
        assertFalse(r.getBoolean("success"));
        assertEquals(3, store.history(key, 104).events().size() + 2, "history of 104 has one event");
        assertEquals(1, store.historyOfNode(Topology.FABRIC, 104).size());
    }

    @Test
    void deleteCascadesToEveryCollectionOfTheKey() {
        feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1),
                rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1),
                ip(110, "created", 104, 0, "", IP1, "", "tunnel102", E1),
                mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        EndpointKey key = Harness.key(VRF, IP1);
        store.pushStale(key, 104, EndpointType.IPV4, ((WatchStale) jobs.get(0)).event(), 64);
        assertEquals(1 + 2 + 1, store.delete(key));
        for (String c : MongoEndpointStore.ENDPOINT_COLLECTIONS) {
            assertNull(doc(c, key), c);
        }
        assertTrue(store.load(Harness.key(BD1, MAC1)).endpoint() != null, "other keys untouched");
    }
}
