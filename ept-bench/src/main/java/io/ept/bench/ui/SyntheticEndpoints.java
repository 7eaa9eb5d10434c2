package io.ept.bench.ui;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint rows of one fabric written straight into EPT's store ({@code ept.endpoint}), shaped like those the
 * tracker writes (scalars plus the newest event), so the UI's tables can be timed at a scale the demo fabric
 * does not reach. A third are MACs, the rest IPv4 addresses spread over 40 leaves, 200 EPGs and 20 BDs/VRFs.
 */
final class SyntheticEndpoints {

    private static final int BATCH = 1000;

    private SyntheticEndpoints() {
    }

    static void insert(String mongoUri, String fabric, int count) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> endpoints = client.getDatabase("ept").getCollection("ept.endpoint");
            List<Document> batch = new ArrayList<>(BATCH);
            double now = System.currentTimeMillis() / 1000.0;
            for (int i = 0; i < count; i++) {
                batch.add(endpoint(fabric, i, now));
                if (batch.size() == BATCH) {
                    endpoints.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                endpoints.insertMany(batch);
            }
        }
    }

    private static Document endpoint(String fabric, int i, double now) {
        boolean mac = i % 3 == 0;
        String addr = mac ? String.format("00:50:56:%02X:%02X:%02X", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)
                : "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
        int bd = i % 20;
        int node = 101 + i % 40;
        double ts = now - (i * 7919L % 86_400);
        Document event = new Document("node", node).append("pod", 1).append("status", "created").append("ts", ts)
                .append("pctag", 32768 + i % 200).append("encap", "vlan-" + (100 + i % 200))
                .append("intf_id", "eth1/" + (1 + i % 48)).append("intf_name", "eth1/" + (1 + i % 48))
                .append("rw_mac", "").append("rw_bd", 0)
                .append("epg_name", "uni/tn-bench/ap-app" + i % 10 + "/epg-epg" + i % 200)
                .append("vnid_name", mac ? "uni/tn-bench/BD-bd" + bd : "uni/tn-bench/ctx-vrf" + bd % 5);
        return new Document("fabric", fabric).append("vnid", mac ? 15_000_000 + bd : 2_000_000 + bd % 5).append("addr", addr)
                .append("type", mac ? "mac" : "ipv4").append("learn_type", "epg")
                .append("is_stale", i % 97 == 0).append("is_offsubnet", i % 89 == 0).append("is_rapid", i % 83 == 0)
                .append("is_rapid_ts", 0.0).append("rapid_lts", ts).append("rapid_count", 1).append("rapid_lcount", 1)
                .append("rapid_icount", 0).append("first_learn", event).append("count", 1 + i % 50)
                .append("events", List.of(event)).append("nodes", List.of(node));
    }
}
