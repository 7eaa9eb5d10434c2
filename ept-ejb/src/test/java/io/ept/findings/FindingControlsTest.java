package io.ept.findings;

import io.ept.platform.Infrastructure;
import io.ept.support.MongoTestServer;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingControlsTest {

    private static Finding move(double ts) {
        return new Finding("f1", FindingKind.MOVE, ts, 2818048, "10.1.1.1", "ipv4", 0, "epg", "bd", "vrf", "moved");
    }

    /** A watcher batch delivered again records each job's finding once; findings of lone jobs are all kept. */
    @Test
    void aBatchJobsFindingIsRecordedOnce() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            FindingControls controls = new FindingControls();
            controls.infrastructure = new Infrastructure() {
                @Override
                public MongoDatabase database() {
                    return mongo.database();
                }
            };
            controls.indexes();
            assertTrue(controls.record(move(1), Suppression.NONE, "batch-1/0"));
            assertTrue(controls.record(move(2), Suppression.NONE, "batch-1/1"));
            assertFalse(controls.record(move(1), Suppression.NONE, "batch-1/0"), "the same job again");
            assertTrue(controls.record(move(1), Suppression.NONE, "batch-2/0"));
            controls.record(move(3), Suppression.NONE);
            controls.record(move(3), Suppression.NONE);
            assertEquals(5, controls.collection(FindingControls.LOG_COLLECTION).countDocuments());
        }
    }
}
