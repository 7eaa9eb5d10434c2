package io.ept.query;

import com.mongodb.client.MongoCollection;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BulkQuery against the embedded MongoDB-protocol server: time limit accepted, paths and projections as planned. */
class BulkQueryStoreTest {

    @Test
    void queriesRunWithATimeLimitOnTheEmbeddedStore() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            MongoCollection<Document> c = mongo.database().getCollection("ept.endpoint");
            for (int i = 0; i < 30; i++) {
                c.insertOne(new Document("fabric", "f").append("vnid", 1).append("addr", "10.0.0." + i)
                        .append("events", List.of(new Document("status", "created"))));
            }
            BulkQuery q = BulkQuery.parse("and(eq(\"fabric\",\"f\"),regex(\"addr\",\"^10\\\\.0\\\\.0\\\\.1\"))",
                    "addr|desc", "0", "5", null, "addr,fabric.x,events.0.status");
            assertEquals(11, q.count(c));
            List<Document> page = q.run(c, List.of("fabric", "vnid", "addr"));
            assertEquals(5, page.size());
            assertEquals("10.0.0.19", page.get(0).getString("addr"));
        }
    }
}
