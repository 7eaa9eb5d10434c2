package io.ept.watch;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.params.SetParams;

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
    /** Kept past the execution time so that late (paused, redelivered) executions still find their id. */
    private static final long GRACE_MILLIS = 3_600_000;

    @Inject
    Infrastructure infrastructure;

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

    public boolean isPaused(String fabric) {
        return infrastructure.redis().exists(PAUSED_PREFIX + fabric);
    }
}
