package io.ept.endpoint;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.support.FakeClock;
import io.ept.analysis.support.Topology;
import io.ept.analysis.watch.WatchJob;
import io.ept.messaging.EpmBatch;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch (state read once, analysed in memory, one bulk write per collection) must leave exactly the same records
 * and emit the same watch jobs as analysing and writing event by event.
 */
class EndpointBatchTest {

    final MongoTestServer oneByOne = new MongoTestServer();
    final MongoTestServer batched = new MongoTestServer();

    @AfterEach
    void stop() {
        oneByOne.close();
        batched.close();
    }

    /**
     * Learns, XR learns with bounce, moves between leafs, IP deletes and relearns of a few endpoints, and bounce
     * entries deleted at the timestamp they were created at.
     */
    static List<EpmEvent> scenario() {
        int[] leafs = {101, 102, 103, 104};
        List<EpmEvent> out = new ArrayList<>();
        double ts = 1_000_000;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 5; i++) {
                String m = String.format("00:00:40:01:02:%02X", i);
                String a = (i == 4 ? "10.9.9." : "10.1.1.") + (20 + i);
                int local = leafs[(i + round) % leafs.length];
                int previous = leafs[(i + round + 3) % leafs.length];
                ts += 1;
                String intf = "eth1/" + (1 + round % 3);
                out.add(mac(ts, "created", local, BD1, "vlan-101", m, "local", intf, E1));
                out.add(ip(ts, "created", local, BD1, "vlan-101", a, "local", intf, E1));
                out.add(rs(ts, "created", local, BD1, "vlan-101", m, a));
                for (int other : leafs) {
                    if (other != local) {
                        String flags = other == previous ? "bounce" : "";
                        out.add(ip(ts + 0.5, "created", other, 0, "", a, flags, "tunnel" + local, E1));
                        out.add(mac(ts + 0.5, "created", other, BD1, "", m, flags, "tunnel" + local, E1));
                    }
                }
                if (round % 3 == 2) {
                    out.add(ip(ts + 0.7, "deleted", local, BD1, "vlan-101", a, "", "", 0));
                }
                if (round % 2 == 1) {
                    // a created and a deleted event of one entry at one timestamp (seen in ClusterFailoverIT)
                    out.add(mac(ts + 0.5, "deleted", previous, BD1, "", m, "", "", 0));
                }
            }
        }
        return out;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "state cache of {0} keys")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 3, 1000})
    void batchesLeaveTheSameRecordsAsOneEventAtATime(int cacheSize) {
        Settings settings = Settings.builder().notifyMoveSyslog(true).build();
        List<EpmEvent> events = scenario();

        MongoEndpointStore single = new MongoEndpointStore(oneByOne.database());
        single.createIndexes();
        EndpointAnalyzer a1 = new EndpointAnalyzer(settings, Topology.lookups(), new RapidTracker(), new FakeClock(2_000_000));
        List<WatchJob> jobs1 = new ArrayList<>();
        for (EpmEvent ev : events) {
            EndpointKey key = ev.key(Topology.FABRIC);
            AnalysisResult r = a1.analyze(single.load(key), ev);
            single.apply(key, ev.node(), r, settings);
            jobs1.addAll(r.watchJobs());
        }

        MongoEndpointStore many = new MongoEndpointStore(batched.database(), new EndpointStateCache(cacheSize));
        many.createIndexes();
        RapidTracker rapid = new RapidTracker();
        EndpointAnalyzer a2 = new EndpointAnalyzer(settings, Topology.lookups(), rapid, new FakeClock(2_000_000));
        List<WatchJob> jobs2 = new ArrayList<>();
        EndpointBatch batch = new EndpointBatch(many);
        for (int from = 0; from < events.size(); from += 37) {
            jobs2.addAll(batch.process(Topology.FABRIC, EpmBatch.newId(), events.subList(from, Math.min(events.size(), from + 37)), a2, rapid)
                    .watchJobs());
        }

        assertEquals(jobs1, jobs2, "watch jobs");
        for (String collection : MongoEndpointStore.ENDPOINT_COLLECTIONS) {
            assertEquals(rows(oneByOne, collection), rows(batched, collection), collection);
        }
        assertTrue(rows(batched, MongoEndpointStore.MOVE).size() > 0, "the scenario has moves");
    }

    /**
     * Issue 17: a worker message redelivered after its writes were stored (the broker never saw the acknowledgement:
     * a dependency failed after the store write, or the process died) must add nothing: no event, move or
     * finding twice. Each batch is processed twice, with the state kept in memory (same node) or read back from
     * the store (another node, or after a restart); then every batch is delivered once more, after the later ones
     * (a killed node's in-doubt work is redelivered when the node is back).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "state cache of {0} keys")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1000})
    void aRedeliveredBatchAddsNothing(int cacheSize) {
        Settings settings = Settings.builder().notifyMoveSyslog(true).build();
        List<EpmEvent> events = scenario();
        MongoEndpointStore once = new MongoEndpointStore(oneByOne.database());
        once.createIndexes();
        RapidTracker rapid1 = new RapidTracker();
        EndpointAnalyzer a1 = new EndpointAnalyzer(settings, Topology.lookups(), rapid1, new FakeClock(2_000_000));
        MongoEndpointStore twice = new MongoEndpointStore(batched.database(), new EndpointStateCache(cacheSize));
        twice.createIndexes();
        RapidTracker rapid2 = new RapidTracker();
        EndpointAnalyzer a2 = new EndpointAnalyzer(settings, Topology.lookups(), rapid2, new FakeClock(2_000_000));
        List<Long> ids = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int from = 0; from < events.size(); from += 37) {
            List<EpmEvent> batch = events.subList(from, Math.min(events.size(), from + 37));
            long id = EpmBatch.newId();
            ids.add(id);
            new EndpointBatch(once).process(Topology.FABRIC, id, batch, a1, rapid1);
            new EndpointBatch(twice).process(Topology.FABRIC, id, batch, a2, rapid2);
            skipped.add(new EndpointBatch(twice).process(Topology.FABRIC, id, batch, a2, rapid2).alreadyApplied());
        }
        for (int i = 0, from = 0; from < events.size(); i++, from += 37) {
            new EndpointBatch(twice).process(Topology.FABRIC, ids.get(i),
                    events.subList(from, Math.min(events.size(), from + 37)), a2, rapid2);
        }
        for (String collection : MongoEndpointStore.ENDPOINT_COLLECTIONS) {
            assertEquals(rows(oneByOne, collection), rows(batched, collection), collection);
        }
        assertTrue(skipped.stream().allMatch(n -> n > 0), "every redelivery recognised: " + skipped);
    }

    /** A batch with the same events but another id is new work from the APIC: analysed as usual. */
    @Test
    void theSameEventsInAnotherBatchAreAnalysed() {
        Settings settings = Settings.builder().build();
        MongoEndpointStore store = new MongoEndpointStore(batched.database());
        store.createIndexes();
        RapidTracker rapid = new RapidTracker();
        EndpointAnalyzer analyzer = new EndpointAnalyzer(settings, Topology.lookups(), rapid, new FakeClock(2_000_000));
        String m = "00:00:40:01:02:0A";
        List<EpmEvent> bounce = List.of(mac(1_000_000, "created", 102, BD1, "", m, "bounce", "tunnel101", E1),
                mac(1_000_000, "deleted", 102, BD1, "", m, "", "", 0));
        assertEquals(0, new EndpointBatch(store).process(Topology.FABRIC, EpmBatch.newId(), bounce, analyzer, rapid)
                .alreadyApplied());
        assertEquals(0, new EndpointBatch(store).process(Topology.FABRIC, EpmBatch.newId(), bounce, analyzer, rapid)
                .alreadyApplied());
        assertEquals(4, batched.database().getCollection(EventLog.collection(MongoEndpointStore.HISTORY))
                .countDocuments(), "each delivery of new work stores its events");
    }

    @Test
    void rowsWithObjectIdsGetStringIdsOnceAndLoadLikeNewOnes() {
        Settings settings = Settings.builder().build();
        List<EpmEvent> events = scenario().subList(0, 40);
        MongoEndpointStore store = new MongoEndpointStore(batched.database());
        store.createIndexes();
        RapidTracker rapid = new RapidTracker();
        EndpointAnalyzer analyzer = new EndpointAnalyzer(settings, Topology.lookups(), rapid, new FakeClock(2_000_000));
        new EndpointBatch(store).process(Topology.FABRIC, EpmBatch.newId(), events, analyzer, rapid);
        EndpointKey key = events.get(1).key(Topology.FABRIC);
        var before = store.load(key);
        // as an older EPT wrote them: the same rows with ObjectIds
        for (String collection : MongoEndpointStore.ENDPOINT_COLLECTIONS) {
            var c = batched.database().getCollection(collection);
            List<Document> all = c.find().into(new ArrayList<>());
            c.deleteMany(new Document());
            for (Document d : all) {
                d.put("_id", new org.bson.types.ObjectId());
                c.insertOne(d);
            }
        }
        assertTrue(store.ensureStringIds() > 0);
        assertEquals(0, store.ensureStringIds(), "only once");
        assertEquals(before, store.load(key));
        assertEquals(MongoEndpointStore.id(key), batched.database().getCollection(MongoEndpointStore.ENDPOINT)
                .find(MongoEndpointStore.keyFilter(key)).first().get("_id"));
    }

    private static List<Document> rows(MongoTestServer mongo, String collection) {
        List<Document> out = new ArrayList<>();
        for (Document d : mongo.database().getCollection(collection).find()) {
            d.remove("_id");
            // which batches a row records differs between the runs compared (ids are random)
            d.remove(MongoEndpointStore.APPLIED_BATCHES);
            out.add(d);
        }
        out.sort((x, y) -> (x.get("addr") + "|" + x.get("vnid") + "|" + x.get("node"))
                .compareTo(y.get("addr") + "|" + y.get("vnid") + "|" + y.get("node")));
        return out;
    }
}
