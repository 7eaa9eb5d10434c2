package io.ept.bench.scenario;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The raw write rate of the store EPT uses, measured on the same server in the same run: documents shaped like an
 * ept.history row (one event) with the same unique index, written straight through the MongoDB driver one document
 * per insert by one thread and by as many threads as EPT has workers, and in batches of 1000 by one thread (the best
 * the store can do, and what EPT's bulk writes compare with). Then updates of those small rows by {@code _id}, 1000
 * per call, the other write a store design with one small document per node entry makes (a flag or a count). Uses
 * its own database, dropped afterwards.
 */
public final class RawStoreScenario {

    private static final Logger LOG = Logger.getLogger(RawStoreScenario.class.getName());
    private static final String DATABASE = "ept-bench-raw";

    /** Documents per second: one per insert with one and with {@code threads} threads; 1000 per insert, one thread. */
    public record Result(int threads, double singleThreadInsertsPerSecond, double singleInsertsPerSecond,
                         double batchedInsertsPerSecond, double batchedUpdatesPerSecond, long documents) {
    }

    private RawStoreScenario() {
    }

    /**
     * Measures after a pass of half the duration whose figures are dropped: the bench runs this right after EPT's
     * start, when the embedded store's insert path is not compiled yet, and cold passes gave 11,000-30,000 batched
     * inserts/s between runs of the same code (so the pipeline/raw ratio swung with them).
     */
    public static Result run(String mongoUri, int threads, int seconds) throws Exception {
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(mongoUri))
                .applyToConnectionPoolSettings(b -> b.maxSize(Math.max(threads, 8))).build();
        try (MongoClient client = MongoClients.create(settings)) {
            var db = client.getDatabase(DATABASE);
            Result warmUp = measure(db, threads, Math.max(1, seconds / 2));
            LOG.info(() -> String.format("raw store warm-up (not reported): %,.0f inserts/s in batches of 1000",
                    warmUp.batchedInsertsPerSecond()));
            Result r = measure(db, threads, seconds);
            LOG.info(() -> String.format("raw store: %,.0f inserts/s (1 thread), %,.0f inserts/s (%d threads), "
                    + "%,.0f inserts/s in batches of 1000, %,.0f updates/s by _id in batches of 1000",
                    r.singleThreadInsertsPerSecond(), r.singleInsertsPerSecond(), threads, r.batchedInsertsPerSecond(),
                    r.batchedUpdatesPerSecond()));
            return r;
        }
    }

    private static Result measure(MongoDatabase db, int threads, int seconds) throws Exception {
        db.drop();
        MongoCollection<Document> one = db.getCollection("one-thread");
        one.createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), new IndexOptions().unique(true));
        long oneStart = System.nanoTime();
        long oneDeadline = oneStart + seconds * 1_000_000_000L;
        long oneCount = 0;
        while (System.nanoTime() < oneDeadline) {
            one.insertOne(historyRow(oneCount++));
        }
        double oneRate = oneCount / ((System.nanoTime() - oneStart) / 1e9);

        MongoCollection<Document> single = db.getCollection("single");
        single.createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), new IndexOptions().unique(true));
        AtomicLong counter = new AtomicLong();
        long singleDeadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < singleDeadline) {
                    single.insertOne(historyRow(counter.getAndIncrement()));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double singleRate = counter.get() / ((System.nanoTime() - start) / 1e9);

        MongoCollection<Document> batched = db.getCollection("batched");
        batched.createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), new IndexOptions().unique(true));
        long n = 0;
        start = System.nanoTime();
        long batchDeadline = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < batchDeadline) {
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                batch.add(historyRow(n++));
            }
            batched.insertMany(batch);
        }
        double batchedRate = n / ((System.nanoTime() - start) / 1e9);

        // the rows just inserted, updated by _id in random order (as a storm touches keys), 1000 per call
        List<Object> ids = new ArrayList<>();
        batched.find().projection(new Document("_id", 1)).forEach(d -> ids.add(d.get("_id")));
        java.util.Collections.shuffle(ids, new java.util.Random(1));
        long updates = 0;
        start = System.nanoTime();
        long updateDeadline = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < updateDeadline && !ids.isEmpty()) {
            List<UpdateOneModel<Document>> batch = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                Object id = ids.get((int) (updates++ % ids.size()));
                batch.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(Updates.set("is_stale", (updates & 1) == 0),
                        Updates.inc("count", 1L))));
            }
            batched.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        }
        double updateRate = updates / ((System.nanoTime() - start) / 1e9);
        db.drop();
        return new Result(threads, oneRate, singleRate, batchedRate, updateRate, oneCount + counter.get() + n);
    }

    /** A history row as EPT writes it for a new node entry of an endpoint. */
    static Document historyRow(long i) {
        String addr = String.format("10.%d.%d.%d", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
        Document event = new Document("classname", "epmIpEp").append("ts", 1.7e9 + i).append("status", "created")
                .append("remote", 0).append("pctag", 49153).append("flags", List.of("ip", "local"))
                .append("tunnel_flags", "").append("encap", "vlan-101").append("intf_id", "eth1/1")
                .append("intf_name", "eth1/1").append("rw_mac", "").append("rw_bd", 0).append("epg_name", "uni/tn-t/ap-a/epg-e")
                .append("vnid_name", "uni/tn-t/ctx-v");
        return new Document("fabric", "raw").append("node", 101 + (int) (i >> 24)).append("vnid", 2100000)
                .append("addr", addr).append("type", "ip").append("is_stale", false).append("is_offsubnet", false)
                .append("count", 1L).append("events", List.of(event));
    }
}
