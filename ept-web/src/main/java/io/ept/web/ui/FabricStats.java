package io.ept.web.ui;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.ept.endpoint.MongoEndpointStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.HashMap;
import java.util.List;
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
    UiServices services;

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
        Map<String, long[]> byFabric = new HashMap<>();
        for (Document group : services.collection(MongoEndpointStore.ENDPOINT).aggregate(List.of(
                Aggregates.match(activeFilter()),
                Aggregates.group(new Document("fabric", "$fabric").append("type", "$type"), Accumulators.sum("n", 1))))) {
            Document id = group.get("_id", Document.class);
            long[] counts = byFabric.computeIfAbsent(String.valueOf(id.get("fabric")), f -> new long[3]);
            long n = ((Number) group.get("n")).longValue();
            switch (String.valueOf(id.get("type"))) {
                case "mac" -> counts[0] = n;
                case "ipv4" -> counts[1] = n;
                case "ipv6" -> counts[2] = n;
                default -> { }
            }
        }
        Map<String, Counts> counts = new HashMap<>();
        byFabric.forEach((fabric, c) -> counts.put(fabric, new Counts(c[0], c[1], c[2])));
        long now = System.currentTimeMillis();
        // the embedded storage locks ept.endpoint while it scans: a slow count is repeated less often, so that
        // counting never takes more than a tenth of the analysis' time on that collection
        Snapshot fresh = new Snapshot(counts, now + Math.max(FRESH_MILLIS, 10 * (now - started)));
        snapshot = fresh;
        return fresh;
    }

    /** An endpoint is active when its newest event is a learn (created or modified), not a delete. */
    public static Bson activeFilter() {
        return Filters.in("events.0.status", "created", "modified");
    }
}
