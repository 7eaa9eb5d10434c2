package io.ept.findings;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;

/**
 * Keeps the finding log bounded: entries older than the retention are deleted (every finding is logged, so the log
 * would otherwise grow with the fabric's churn for ever). Acknowledgements, snoozes, windows and the audit log are
 * made by people and stay.
 */
public final class FindingLogRetention {

    private FindingLogRetention() {
    }

    public static void ensureIndex(MongoDatabase db) {
        db.getCollection(FindingControls.LOG_COLLECTION).createIndex(Indexes.ascending("ts"));
    }

    /** Deletes log entries with ts (epoch seconds) before {@code cutoffSeconds}; returns how many. */
    public static long prune(MongoDatabase db, double cutoffSeconds) {
        return db.getCollection(FindingControls.LOG_COLLECTION).deleteMany(Filters.lt("ts", cutoffSeconds)).getDeletedCount();
    }
}
