package io.ept.web.ui;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.ept.endpoint.MongoEndpointStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Active endpoint counts per fabric (ept-reference 6: active = the newest event is created or modified), in one
 * aggregation per fabric and cached for {@link #CACHE_MILLIS}: home and dashboard show them on every visit, and
 * the embedded storage answers such a query only by scanning ept.endpoint.
 */
@ApplicationScoped
public class FabricStats {

    static final long CACHE_MILLIS = 15_000;

    public record Counts(long mac, long ipv4, long ipv6) {
        public long total() {
            return mac + ipv4 + ipv6;
        }
    }

    private record Cached(Counts counts, long at) {
    }

    @Inject
    UiServices services;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Counts activeCounts(String fabric) {
        Cached cached = cache.get(fabric);
        if (cached != null && System.currentTimeMillis() - cached.at() < CACHE_MILLIS) {
            return cached.counts();
        }
        long mac = 0;
        long ipv4 = 0;
        long ipv6 = 0;
        for (Document group : services.collection(MongoEndpointStore.ENDPOINT).aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("fabric", fabric), activeFilter())),
                Aggregates.group("$type", Accumulators.sum("n", 1))))) {
            long n = ((Number) group.get("n")).longValue();
            switch (String.valueOf(group.get("_id"))) {
                case "mac" -> mac = n;
                case "ipv4" -> ipv4 = n;
                case "ipv6" -> ipv6 = n;
                default -> { }
            }
        }
        Counts counts = new Counts(mac, ipv4, ipv6);
        cache.put(fabric, new Cached(counts, System.currentTimeMillis()));
        return counts;
    }

    /** An endpoint is active when its newest event is a learn (created or modified), not a delete. */
    public static org.bson.conversions.Bson activeFilter() {
        return Filters.in("events.0.status", "created", "modified");
    }
}
