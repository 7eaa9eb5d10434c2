package io.ept.monitor;

import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RejectedRecordsTest {

    @Test
    void keepsABoundedNumberOfTruncatedRecordsPerFabric() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            RejectedRecords one = new RejectedRecords("one", mongo.database(), 10);
            RejectedRecords two = new RejectedRecords("two", mongo.database(), 10);
            String huge = "x".repeat(1 << 20);
            for (int i = 0; i < 100; i++) {
                one.frame(i + ":" + huge, "frame " + i, i);
                assertTrue(mongo.database().getCollection("ept.rejected").countDocuments(new Document("fabric", "one")) <= 10,
                        "never more than the bound");
            }
            two.frame("small", "ok", 1);
            one.trim();
            List<Document> kept = mongo.database().getCollection("ept.rejected").find(new Document("fabric", "one"))
                    .sort(new Document("ts", 1)).into(new ArrayList<>());
            assertEquals(10, kept.size());
            assertEquals("frame 90", kept.get(0).getString("reason"), "the newest are kept");
            assertEquals("frame 99", kept.get(9).getString("reason"));
            for (Document d : kept) {
                assertTrue(d.getString("frame").length() <= RejectedRecords.MAX_TEXT + 3);
                assertEquals(Boolean.TRUE, d.getBoolean("truncated"));
                assertTrue(d.getInteger("length") > 1 << 20);
            }
            assertEquals(1, mongo.database().getCollection("ept.rejected").countDocuments(new Document("fabric", "two")),
                    "other fabrics keep their records");
            assertEquals(100, one.total());
        }
    }

    @Test
    void objectsKeepFewShortAttributes() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            RejectedRecords records = new RejectedRecords("f", mongo.database(), 5);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < 500; i++) {
                attributes.put("a" + i, "v".repeat(10_000));
            }
            attributes.put("dotted.key", "x");
            records.object("epmIpEp", Map.copyOf(Map.of("dn", "d".repeat(100_000), "$where", "1")), "bad dn", 1);
            records.object("epmIpEp", attributes, "r".repeat(100_000), 2);
            List<Document> docs = mongo.database().getCollection("ept.rejected").find().sort(new Document("ts", 1))
                    .into(new ArrayList<>());
            Document first = docs.get(0).get("attributes", Document.class);
            assertTrue(first.getString("dn").length() <= RejectedRecords.MAX_VALUE + 3);
            assertTrue(first.containsKey("_where"), first.keySet().toString());
            Document second = docs.get(1).get("attributes", Document.class);
            assertTrue(second.size() <= RejectedRecords.MAX_ATTRIBUTES + 1);
            assertEquals(Boolean.TRUE, second.getBoolean("_truncated"));
            assertTrue(docs.get(1).getString("reason").length() <= RejectedRecords.MAX_REASON + 3);
        }
    }
}
