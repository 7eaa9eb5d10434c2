package io.ept.findings;

import io.ept.support.MongoTestServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingControlsTest {

    private static Finding move(double ts) {
        return new Finding("f1", FindingKind.MOVE, ts, 2818048, "10.1.1.1", "ipv4", 0, "epg", "bd", "vrf", "moved");
    }

    /**
     * The findings of a watcher batch's jobs are logged in one write, and a batch delivered again finds which of its
     * jobs were logged; a job logged twice keeps its first finding; findings of lone jobs are all kept.
     */
    @Test
    void aBatchJobsFindingIsRecordedOnce() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            FindingControls controls = new FindingControls();
            controls.infrastructure = mongo.infrastructure();
            controls.indexes();
            assertEquals(java.util.Set.of(), controls.recordedJobs(java.util.List.of("batch-1/0", "batch-1/1")));
            controls.recordAll(java.util.List.of(new FindingControls.JobFinding(move(1), Suppression.NONE, "batch-1/0"),
                    new FindingControls.JobFinding(move(2), Suppression.NONE, "batch-1/1")));
            assertEquals(java.util.Set.of("batch-1/0", "batch-1/1"),
                    controls.recordedJobs(java.util.List.of("batch-1/0", "batch-1/1", "batch-1/2")));
            // the same batch again, with one more job: the logged job keeps its first finding
            controls.recordAll(java.util.List.of(new FindingControls.JobFinding(move(9), Suppression.NONE, "batch-1/0"),
                    new FindingControls.JobFinding(move(3), Suppression.NONE, "batch-1/2")));
            assertEquals(1.0, controls.collection(FindingControls.LOG_COLLECTION)
                    .find(new org.bson.Document("job", "batch-1/0")).first().getDouble("ts"));
            controls.recordAll(java.util.List.of(new FindingControls.JobFinding(move(1), Suppression.NONE, "batch-2/0")));
            controls.record(move(3), Suppression.NONE);
            controls.record(move(3), Suppression.NONE);
            assertEquals(6, controls.collection(FindingControls.LOG_COLLECTION).countDocuments());
        }
    }
}
