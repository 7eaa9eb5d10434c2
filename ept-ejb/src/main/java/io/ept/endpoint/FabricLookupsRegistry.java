package io.ept.endpoint;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One cached {@link MongoFabricLookups} per fabric on this node, flushed by ept.flush messages. */
@ApplicationScoped
public class FabricLookupsRegistry {

    @Inject
    Infrastructure infrastructure;

    private final Map<String, MongoFabricLookups> byFabric = new ConcurrentHashMap<>();

    public MongoFabricLookups lookups(String fabric) {
        return byFabric.computeIfAbsent(fabric, f -> new MongoFabricLookups(infrastructure.database(), f));
    }

    void onFlush(@Observes CacheFlush flush) {
        if (flush.resetsFabric()) {
            byFabric.remove(flush.fabric());
            return;
        }
        MongoFabricLookups lookups = byFabric.get(flush.fabric());
        if (lookups != null) {
            lookups.flush(flush.cache());
        }
    }
}
