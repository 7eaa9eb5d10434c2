package io.ept.watch;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.Objects;

/**
 * Cluster-wide watch bookkeeping in Redis. {@code ept:watch:<watchKey>} holds the id of the latest scheduled
 * execution for a watch key ("a newer watch for the same key supersedes the older"): a due job whose id is no
 * longer there is dropped. {@code ept:watch-paused:<fabric>} is set by the subscriber during a build.
 */
@ApplicationScoped
public class WatchRegistry {
    static final String LATEST_PREFIX = "ept:watch:";
    static final String PAUSED_PREFIX = "ept:watch-paused:";
    static final String BATCH_PREFIX = "ept:watch-batch:";
    /** Kept past the execution time so that late (paused, redelivered) executions still find their id. */
    private static final long GRACE_MILLIS = 3_600_000;

    @Inject
    Infrastructure infrastructure;

    /** A delayed execution to be marked as the latest of its watch key. */
    public record Latest(String watchKey, String id, long delayMillis) {
    }

    /** {@link #markLatest(String, String, long)} for many keys in one round trip. */
    public void markLatest(java.util.List<Latest> marks) {
        if (marks.isEmpty()) {
            return;
        }
        try (var pipeline = infrastructure.redis().pipelined()) {
            for (Latest m : marks) {
                pipeline.set(LATEST_PREFIX + m.watchKey(), m.id(), SetParams.setParams().px(m.delayMillis() + GRACE_MILLIS));
            }
            pipeline.sync();
        }
    }

    public void markLatest(String watchKey, String id, long delayMillis) {
        infrastructure.redis().set(LATEST_PREFIX + watchKey, id, SetParams.setParams().px(delayMillis + GRACE_MILLIS));
    }

    public boolean isLatest(String watchKey, String id) {
        return Objects.equals(infrastructure.redis().get(LATEST_PREFIX + watchKey), id);
    }

    /** A scheduled execution exists for the key (used for "rapid watch pending"). */
    public boolean isPending(String watchKey) {
        return infrastructure.redis().exists(LATEST_PREFIX + watchKey);
    }

    /** The execution ran: forget it unless a newer one was scheduled meanwhile. */
    public void done(String watchKey, String id) {
        if (isLatest(watchKey, id)) {
            infrastructure.redis().del(LATEST_PREFIX + watchKey);
        }
    }

    /**
     * How many jobs of watcher batch {@code batchId} ran before one failed ({@link WatchService#handleBatch}); 0 when
     * none failed. Kept a day: longer than the redelivery of the batch can take.
     */
    public int batchProgress(String batchId) {
        String done = infrastructure.redis().get(BATCH_PREFIX + batchId);
        try {
            return done == null ? 0 : Math.max(0, Integer.parseInt(done));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void saveBatchProgress(String batchId, int done) {
        infrastructure.redis().set(BATCH_PREFIX + batchId, String.valueOf(done), SetParams.setParams().px(86_400_000L));
    }

    public boolean isPaused(String fabric) {
        return infrastructure.redis().exists(PAUSED_PREFIX + fabric);
    }

    /**
     * The fabric was deleted or created: its pending rechecks lose their latest id, so the delayed jobs still queued
     * are dropped when due instead of acting on a new fabric of the same name. Returns how many were pending.
     */
    public long forgetFabric(String fabric) {
        var redis = infrastructure.redis();
        long forgotten = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        // watch keys are "fabric,vnid,addr[,node]"; glob characters in a name would widen the match, so escape them
        ScanParams match = new ScanParams().match(LATEST_PREFIX + fabric.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + ",*")
                .count(1000);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                forgotten += redis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        redis.del(PAUSED_PREFIX + fabric);
        return forgotten;
    }
}
