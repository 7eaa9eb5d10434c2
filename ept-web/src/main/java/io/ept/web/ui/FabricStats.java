package io.ept.web.ui;

import io.ept.application.EndpointQueries;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Active endpoint counts of every fabric (ept-reference 6: active = the newest event is created or modified),
 * from one aggregation over ept.endpoint. Home and dashboards show them on every visit while the embedded storage
 * answers such a query only by scanning (and locking) the collection, so the counts are cached: older than
 * {@link #FRESH_MILLIS} (or ten times as long as the last count took) they are recounted in the background while
 * pages keep showing the previous counts; only the very first visit waits for a count.
 */
@ApplicationScoped
public class FabricStats {

    static final long FRESH_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(FabricStats.class.getName());

    public record Counts(long mac, long ipv4, long ipv6) {
        static final Counts NONE = new Counts(0, 0, 0);

        public long total() {
            return mac + ipv4 + ipv6;
        }
    }

    /** @param until when the counts are due for a recount */
    private record Snapshot(Map<String, Counts> counts, long until) {
    }

    @Inject
    EndpointQueries endpoints;

    @Resource
    ManagedExecutorService executor;

    private volatile Snapshot snapshot;
    private final AtomicBoolean recounting = new AtomicBoolean();

    public Counts activeCounts(String fabric) {
        Snapshot current = snapshot;
        if (current == null) {
            current = recount();
        } else if (System.currentTimeMillis() > current.until() && recounting.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    recount();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "endpoint counts not refreshed: " + e.getMessage());
                } finally {
                    recounting.set(false);
                }
            });
        }
        return current.counts().getOrDefault(fabric, Counts.NONE);
    }

    private synchronized Snapshot recount() {
        long started = System.currentTimeMillis();
        Map<String, Counts> counts = new HashMap<>();
        endpoints.activeCounts().forEach((fabric, byType) -> counts.put(fabric, new Counts(byType.getOrDefault("mac", 0L),
                byType.getOrDefault("ipv4", 0L), byType.getOrDefault("ipv6", 0L))));
        long now = System.currentTimeMillis();
        // the embedded storage locks ept.endpoint while it scans: a slow count is repeated less often, so that
        // counting never takes more than a tenth of the analysis' time on that collection
        Snapshot fresh = new Snapshot(counts, now + Math.max(FRESH_MILLIS, 10 * (now - started)));
        snapshot = fresh;
        return fresh;
    }
}
