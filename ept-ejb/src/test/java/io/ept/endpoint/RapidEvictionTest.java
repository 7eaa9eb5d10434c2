package io.ept.endpoint;

import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.support.FakeClock;
import io.ept.analysis.support.Topology;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The rapid tracker's bound is a Caffeine cache (frequency-aware), no longer an exact LRU. Where an LRU of the same
 * size keeps an endpoint's counters, the analysis must be exactly the same as with room for every endpoint: here a
 * flapping endpoint seen in every batch, among cold endpoints that each pass once in a while, with room for 3.
 * (Below the number of endpoints seen per batch no policy keeps them all, and the analysis of a reloaded entry
 * differs a little, as it always did: the event that reloads it is recorded in the history before the rapid check.)
 */
class RapidEvictionTest {

    final MongoTestServer roomy = new MongoTestServer();
    final MongoTestServer tight = new MongoTestServer();

    @AfterEach
    void stop() {
        roomy.close();
        tight.close();
    }

    /** Per round (50 ms), one batch: the flapping endpoint, then two of 30 cold endpoints in turn. */
    static List<List<EpmEvent>> rounds() {
        List<List<EpmEvent>> out = new ArrayList<>();
        for (int round = 0; round < 900; round++) {
            List<EpmEvent> batch = new ArrayList<>();
            double ts = 1_000_000 + round * 0.05;
            String intf = "eth1/" + (round % 2 + 1);
            batch.add(mac(ts, "created", 103, BD1, "vlan-101", "00:00:40:01:03:00", "local", intf, E1));
            for (int cold = 0; cold < 2; cold++) {
                String m = String.format("00:00:40:01:04:%02X", (2 * round + cold) % 30);
                batch.add(mac(ts, "created", 103, BD1, "vlan-101", m, "local", intf, E1));
            }
            out.add(batch);
        }
        return out;
    }

    private record Run(List<String> outcomes, List<Document> rapidRecords, List<Document> history) {
    }

    private static Run run(MongoTestServer mongo, int capacity) {
        Settings settings = Settings.builder().rapidThreshold(600).rapidHoldtime(20).build();
        MongoEndpointStore store = new MongoEndpointStore(mongo.database());
        store.createIndexes();
        FakeClock clock = new FakeClock(1_000_000);
        RapidTracker rapid = new RapidTracker(capacity);
        EndpointAnalyzer analyzer = new EndpointAnalyzer(settings, Topology.lookups(), rapid, clock);
        List<String> outcomes = new ArrayList<>();
        for (List<EpmEvent> batch : rounds()) {
            clock.advance(0.05);
            EndpointBatch.Outcome o = new EndpointBatch(store).process(Topology.FABRIC, io.ept.messaging.EpmBatch.newId(), batch, analyzer, rapid);
            outcomes.add(o.watchJobs() + " " + o.findings().stream().map(f -> f.result().outcome()).toList());
        }
        return new Run(outcomes, rows(mongo, MongoEndpointStore.RAPID), rows(mongo, MongoEndpointStore.HISTORY));
    }

    @Test
    void aBoundedTrackerGivesTheSameAnalysisAsOneWithRoomForAll() {
        Run all = run(roomy, 1024);
        Run bounded = run(tight, 3);
        assertFalse(all.rapidRecords().isEmpty(), "the flapping endpoint is found rapid");
        assertEquals(all.rapidRecords(), bounded.rapidRecords());
        assertEquals(all.outcomes(), bounded.outcomes(), "watch jobs and findings, batch by batch");
        assertEquals(all.history(), bounded.history(), "the same events processed and dropped");
    }

    private static List<Document> rows(MongoTestServer mongo, String collection) {
        List<Document> out = new ArrayList<>();
        for (Document d : mongo.database().getCollection(collection).find()) {
            d.remove("_id");
            d.remove(MongoEndpointStore.APPLIED_BATCHES); // random batch ids differ between the runs
            out.add(d);
        }
        out.sort((x, y) -> (x.get("addr") + "|" + x.get("node")).compareTo(y.get("addr") + "|" + y.get("node")));
        return out;
    }
}
