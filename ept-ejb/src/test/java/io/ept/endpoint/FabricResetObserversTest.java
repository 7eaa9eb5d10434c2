package io.ept.endpoint;

import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.EndpointKey;
import io.ept.fabric.FabricRepository;
import io.ept.fabric.FabricSchemas;
import io.ept.platform.Infrastructure;
import io.ept.security.SecretCipher;
import io.ept.support.MongoTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 1: what each of a node's per-fabric caches does with the flush messages of ept.flush (the fan-out to
 * every node): a fabric reset drops everything of the fabric, a settings flush the settings and analyzer.
 */
class FabricResetObserversTest {
    private MongoTestServer mongo;
    private FabricRepository repository;
    private Infrastructure infrastructure;

    @BeforeEach
    void start() {
        mongo = new MongoTestServer();
        repository = new FabricRepository(mongo.database(), new SecretCipher(new byte[32]));
        infrastructure = mongo.infrastructure();
        for (String fabric : new String[]{"f1", "f2"}) {
            repository.createFabric(FabricSchemas.FABRIC.validateInput(Map.of("fabric", fabric), Set.of("fabric")));
        }
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static CacheFlush reset(String fabric) {
        return new CacheFlush(fabric, CacheFlush.FABRIC_RESET);
    }

    @Test
    void settingsAreReadAgainAfterASettingsFlushOrAReset() {
        FabricSettingsCache cache = new FabricSettingsCache();
        cache.fabrics = repository;
        assertEquals(2048, cache.settings("f1").rapidThreshold());
        repository.updateSettings("f1", Map.of("rapid_threshold", 512));
        assertEquals(2048, cache.settings("f1").rapidThreshold(), "kept until told");
        cache.onFlush(new CacheFlush("f1", "settings"));
        assertEquals(512, cache.settings("f1").rapidThreshold());
        repository.updateSettings("f1", Map.of("rapid_threshold", 600));
        cache.onFlush(reset("f1"));
        assertEquals(600, cache.settings("f1").rapidThreshold());
    }

    @Test
    void lookupsOfAResetFabricAreDropped() {
        FabricLookupsRegistry registry = new FabricLookupsRegistry();
        registry.infrastructure = infrastructure;
        MongoFabricLookups f1 = registry.lookups("f1");
        MongoFabricLookups f2 = registry.lookups("f2");
        registry.onFlush(new CacheFlush("f1", MongoFabricLookups.NODE));
        assertSame(f1, registry.lookups("f1"), "a table flush keeps the object");
        registry.onFlush(reset("f1"));
        assertNotSame(f1, registry.lookups("f1"));
        assertSame(f2, registry.lookups("f2"));
    }

    @Test
    void workerStateOfAResetFabricIsDropped() {
        EpmWorkService worker = new EpmWorkService();
        worker.infrastructure = infrastructure;
        worker.lookupsRegistry = new FabricLookupsRegistry();
        worker.lookupsRegistry.infrastructure = infrastructure;
        worker.workerConfig.stateCacheSize = 100;
        worker.workerConfig.rapidCacheSize = 1024;
        worker.init();
        EndpointKey f1 = new EndpointKey("f1", 15007697, "00:00:40:01:01:01");
        EndpointKey f2 = new EndpointKey("f2", 15007697, "00:00:40:01:01:01");
        worker.store().cache().putAll(Map.of(f1, EndpointState.empty(f1), f2, EndpointState.empty(f2)));
        var tracker = worker.analyzers().rapidTracker("f1");
        worker.analyzers().rapidTracker("f2");

        worker.onFlush(new CacheFlush("f1", "settings"));
        assertSame(tracker, worker.analyzers().rapidTracker("f1"), "settings changes keep the rapid counters");
        assertEquals(2, worker.store().cache().size());

        worker.onFlush(reset("f1"));
        assertFalse(worker.analyzers().knows("f1"), "no rapid counters of f1");
        assertTrue(worker.store().cache().lookup(java.util.List.of(f1)).entries().isEmpty(), "no endpoint state of f1");
        assertTrue(worker.analyzers().knows("f2"));
        assertEquals(1, worker.store().cache().size());
    }
}
