package io.ept.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import io.ept.store.EmbeddedH2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Issue 16: CPU cost per analysed event of the worker's write pattern on the embedded backend, measured as process
 * CPU time (client, server and H2's background serialisation together), so the figure holds on a busy machine.
 * The pattern: per event one event document inserted under its row's next seq and its history row replaced; rows
 * of 780 hosts on 20 nodes, batches of 50 events; with {@code -Dept.layout.cap=N} the event documents beyond N per row
 * are trimmed as {@code EventLog} does. Not part of the build: {@code -Dept.layout.experiment=true}.
 */
@EnabledIfSystemProperty(named = "ept.layout.experiment", matches = "true")
class StoreWritePatternExperiment {

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        for (String variant : System.getProperty("ept.layout.variants", "1000:0:16").split(",")) {
            String[] v = variant.split(":");
            int delay = Integer.parseInt(v[0]);
            int split = Integer.parseInt(v[1]);
            int bufferMb = v.length > 2 ? Integer.parseInt(v[2]) : 16;
            MVStore.Builder builder = new MVStore.Builder().fileName(java.nio.file.Files.createTempFile(dir, "x", ".mv").toString())
                    .autoCommitBufferSize(bufferMb * 1024);
            if (split > 0) {
                builder.pageSplitSize(split);
            }
            MVStore store = builder.open();
            store.setAutoCommitDelay(delay);
            System.out.println("PATTERN variant commit delay " + delay + " ms, page split " + split + ", commit buffer "
                    + bufferMb + " MB");
            measure(store);
        }
    }

    private void measure(MVStore store) {
        MongoServer server = new MongoServer(new EmbeddedH2Backend(store));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (MongoClient c = MongoClients.create(server.bindAndGetConnectionString())) {
            var db = c.getDatabase("ept");
            MongoCollection<Document> rows = db.getCollection("ept.history");
            MongoCollection<Document> events = db.getCollection("ept.history_event");
            int hosts = 780;
            int nodes = 20;
            long[] seq = new long[hosts * nodes];
            // the per-row cap of event documents (0: no trimming); a small one reaches the steady state of a cap of 64
            int cap = Integer.getInteger("ept.layout.cap", 0);
            Random random = new Random(1);
            for (int round = 0; round < 3; round++) {
                int n = round == 0 ? 200_000 : 60_000; // round 0 fills the collections to the bench's size
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                List<WriteModel<Document>> ev = new ArrayList<>();
                List<WriteModel<Document>> rw = new ArrayList<>();
                List<String> trims = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int r = random.nextInt(hosts * nodes);
                    String rowId = "bench|2818048|10.0." + (r / nodes / 250) + "." + (r / nodes % 250) + "|" + (101 + r % nodes);
                    long s = ++seq[r];
                    if (cap > 0 && s % cap == 0 && s > cap) {
                        // EventLog's lazy trim: the events one to two caps back, in the batch's delete
                        for (long t = s - 2L * cap + 1; t <= s - cap; t++) {
                            trims.add(rowId + "|" + t);
                        }
                    }
                    Document event = StoreLayoutExperiment.event(i);
                    ev.add(new InsertOneModel<>(new Document("_id", rowId + "|" + s).append("fabric", "bench")
                            .append("vnid", 2818048).append("addr", "10.0.0.1").append("node", 101 + r % nodes)
                            .append("seq", s).append("event", event)));
                    rw.add(new ReplaceOneModel<>(new Document("_id", rowId), new Document("_id", rowId)
                            .append("fabric", "bench").append("vnid", 2818048).append("addr", "10.0.0.1")
                            .append("node", 101 + r % nodes).append("type", "ipv4").append("is_stale", false)
                            .append("count", s).append("first_seq", Math.max(1, s - 63)).append("events", List.of(event)),
                            new ReplaceOptions().upsert(true)));
                    if (ev.size() == 50) {
                        events.bulkWrite(ev, new BulkWriteOptions().ordered(false));
                        rows.bulkWrite(rw);
                        if (!trims.isEmpty()) {
                            events.deleteMany(com.mongodb.client.model.Filters.in("_id", trims));
                        }
                        ev.clear();
                        rw.clear();
                        trims.clear();
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
                System.out.printf("PATTERN round %d: %,d events, %,.0f events/s, %.3f CPU ms per event%n", round, n,
                        n / seconds, cpuMs / n);
            }
        } finally {
            server.shutdownNow();
        }
    }
}
