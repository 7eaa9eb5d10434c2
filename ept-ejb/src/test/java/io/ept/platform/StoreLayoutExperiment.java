package io.ept.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import io.ept.store.EmbeddedH2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Issue 16, step 1: relative cost of the write shapes a history layout can use, on the embedded backend (one
 * thread, 1,000 writes per bulk call). Not part of the build: {@code -Dept.layout.experiment=true}.
 */
@EnabledIfSystemProperty(named = "ept.layout.experiment", matches = "true")
class StoreLayoutExperiment {

    @TempDir
    Path dir;

    static Document event(int i) {
        return new Document("classname", "epmIpEp").append("ts", 1.7e9 + i).append("status", "created")
                .append("remote", 0).append("pctag", 32771).append("flags", List.of("ip", "local", "vpc-attached"))
                .append("tunnel_flags", "").append("encap", "vlan-101").append("intf_id", "po" + (i % 9))
                .append("intf_name", "vpc-" + i % 9).append("rw_mac", "00:00:40:01:01:01").append("rw_bd", 15925190)
                .append("epg_name", "uni/tn-t1/ap-ap1/epg-e" + i % 5).append("vnid_name", "uni/tn-t1/ctx-v1");
    }

    static Document row(int r) {
        return new Document("_id", "f1|2818048|10.0." + (r / 250) + "." + (r % 250) + "|" + (101 + r % 20))
                .append("fabric", "f1").append("vnid", 2818048).append("addr", "10.0." + (r / 250) + "." + (r % 250))
                .append("node", 101 + r % 20).append("type", "ip").append("is_stale", false).append("is_offsubnet", false)
                .append("count", 64L);
    }

    @Test
    void measure() {
        MongoServer server = new MongoServer(new EmbeddedH2Backend(new MVStore.Builder().fileName(dir.resolve("x.mv").toString()).open()));
        try (MongoClient c = MongoClients.create(server.bindAndGetConnectionString())) {
            var db = c.getDatabase("ept");
            int rows = 20_000;
            MongoCollection<Document> big = db.getCollection("big");
            MongoCollection<Document> small = db.getCollection("small");
            List<Document> events = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                events.add(event(i));
            }
            bulk(big, rows, r -> new InsertOneModel<>(row(r).append("events", events)));
            bulk(small, rows, r -> new InsertOneModel<>(row(r).append("events", List.of(event(r)))));
            MongoCollection<Document> ev = db.getCollection("ev");
            UpdateOptions none = new UpdateOptions();
            for (int round = 0; round < 2; round++) {
                report("insert small event docs", bulk(ev, rows, r -> new InsertOneModel<>(new Document("_id", row(r).getString("_id") + "|" + (1000 + r))
                        .append("fabric", "f1").append("event", event(r)))), rows);
                int off = round * rows;
                report("replace-upsert small event docs by _id", bulk(ev, rows, r -> new ReplaceOneModel<>(new Document("_id", "x|" + (off + r)),
                        new Document("_id", "x|" + (off + r)).append("fabric", "f1").append("event", event(r)), new ReplaceOptions().upsert(true))), rows);
                report("$set small rows by _id (scalars, count, events=[e])", bulk(small, rows, r -> new UpdateOneModel<>(new Document("_id", row(r).getString("_id")),
                        Updates.combine(Updates.set("count", 65L + r), Updates.set("is_stale", false), Updates.set("events", List.of(event(r)))), none)), rows);
                report("$push/$slice 64 on 25 KB rows by _id", bulk(big, rows, r -> new UpdateOneModel<>(new Document("_id", row(r).getString("_id")),
                        Updates.combine(Updates.pushEach("events", List.of(event(r)), new PushOptions().position(0).slice(64)), Updates.inc("count", 1L)), none)), rows);
                ev.deleteMany(new Document());
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static long bulk(MongoCollection<Document> c, int n, IntFunction<WriteModel<Document>> f) {
        long start = System.nanoTime();
        List<WriteModel<Document>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(f.apply(i));
            if (batch.size() == 1000) {
                c.bulkWrite(batch, new BulkWriteOptions().ordered(true));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            c.bulkWrite(batch);
        }
        return System.nanoTime() - start;
    }

    private static void report(String what, long nanos, int n) {
        System.out.printf("LAYOUT %-55s %,10.0f writes/s%n", what, n / (nanos / 1e9));
    }
}
