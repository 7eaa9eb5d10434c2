package io.ept.findings;

import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingLogRetentionTest {

    @Test
    void entriesBeforeTheCutoffGoTheRestStay() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            var log = mongo.database().getCollection(FindingControls.LOG_COLLECTION);
            for (int ts = 100; ts < 110; ts++) {
                log.insertOne(new Document("fabric", ts % 2 == 0 ? "a" : "b").append("ts", ts + 0.5).append("kind", "move"));
            }
            FindingLogRetention.ensureIndex(mongo.database());
            assertEquals(5, FindingLogRetention.prune(mongo.database(), 105.0));
            assertEquals(5, log.countDocuments());
            assertEquals(105.5, log.find().sort(new Document("ts", 1)).first().getDouble("ts"));
            assertEquals(0, FindingLogRetention.prune(mongo.database(), 105.0), "nothing twice");
        }
    }
}
