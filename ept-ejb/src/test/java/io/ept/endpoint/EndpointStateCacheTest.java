package io.ept.endpoint;

import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.EndpointKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's state cache: bound, invalidation clock, and the issue-16 race under real concurrency. */
class EndpointStateCacheTest {

    private static EndpointKey key(String fabric, int i) {
        return new EndpointKey(fabric, 1, "10.0.0." + i);
    }

    private static void save(EndpointStateCache cache, EndpointKey key, long version, long loadedAt) {
        cache.putAll(Map.of(key, EndpointState.empty(key)), Map.of(key, version), Map.of(), loadedAt);
    }

    @Test
    void boundedAndDisabledAtZero() {
        EndpointStateCache cache = new EndpointStateCache(3);
        for (int i = 0; i < 50; i++) {
            save(cache, key("f", i), i, cache.stamp());
            assertTrue(cache.size() <= 3, "bounded: " + cache.size());
        }
        EndpointStateCache off = new EndpointStateCache(0);
        save(off, key("f", 1), 1, off.stamp());
        assertEquals(0, off.size());
        assertTrue(off.lookup(List.of(key("f", 1))).entries().isEmpty());
    }

    @Test
    void aKeyInvalidatedAfterTheBatchLoadedIsNotPutBack() {
        EndpointStateCache cache = new EndpointStateCache(10);
        EndpointKey k = key("f", 1);
        long loadedAt = cache.stamp();
        cache.invalidate(k);
        assertEquals(1, cache.putAll(Map.of(k, EndpointState.empty(k)), Map.of(k, 1L), Map.of(), loadedAt));
        assertTrue(cache.lookup(List.of(k)).entries().isEmpty());
        save(cache, k, 2, cache.stamp()); // loaded after the invalidation: cached
        assertEquals(2L, cache.lookup(List.of(k)).entries().get(k).moveCount());
    }

    @Test
    void anEvictedTombstoneStillRefusesAnOlderLoad() {
        EndpointStateCache cache = new EndpointStateCache(2);
        EndpointKey k = key("f", 1);
        long loadedAt = cache.stamp();
        cache.invalidate(k);
        for (int i = 10; i < 40; i++) {
            cache.invalidate(key("f", i)); // pushes k's tombstone out
        }
        assertEquals(1, cache.putAll(Map.of(k, EndpointState.empty(k)), Map.of(k, 1L), Map.of(), loadedAt));
        assertTrue(cache.lookup(List.of(k)).entries().isEmpty());
    }

    @Test
    void aFabricInvalidationDropsItsKeysAndRefusesOlderLoads() {
        EndpointStateCache cache = new EndpointStateCache(10);
        long loadedAt = cache.stamp();
        save(cache, key("a", 1), 1, loadedAt);
        save(cache, key("b", 1), 1, loadedAt);
        cache.invalidateFabric("a");
        assertEquals(1, cache.size());
        assertEquals(1, cache.putAll(Map.of(key("a", 2), EndpointState.empty(key("a", 2))), Map.of(), Map.of(), loadedAt));
        save(cache, key("b", 2), 1, loadedAt);
        assertEquals(2, cache.size(), "other fabrics are not affected");
    }

    /**
     * Batches (serialised per key, as the worker's message groups do) load a key's version and save it; watchers
     * change the store and then invalidate, concurrently. Whatever the interleaving and evictions, a cached value is
     * never older than the store: a watcher's change is never hidden by a batch's cache save.
     */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {4, 1000})
    void aWatcherChangeIsNeverHiddenByAConcurrentBatchSave(int capacity) throws Exception {
        EndpointStateCache cache = new EndpointStateCache(capacity);
        int keys = 16;
        Map<EndpointKey, AtomicLong> store = new ConcurrentHashMap<>();
        for (int i = 0; i < keys; i++) {
            store.put(key("f", i), new AtomicLong());
        }
        ExecutorService pool = Executors.newFixedThreadPool(keys + 4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            EndpointKey k = key("f", i);
            running.add(pool.submit(() -> {
                for (int n = 0; n < 3000; n++) {
                    EndpointStateCache.Hits hits = cache.lookup(List.of(k));
                    EndpointStateCache.Cached cached = hits.entries().get(k);
                    long version = cached != null ? cached.moveCount() : store.get(k).get();
                    Thread.yield();
                    save(cache, k, version, hits.stamp());
                }
            }));
        }
        for (int w = 0; w < 4; w++) {
            running.add(pool.submit(() -> {
                for (int n = 0; n < 3000; n++) {
                    EndpointKey k = key("f", ThreadLocalRandom.current().nextInt(keys));
                    store.get(k).incrementAndGet(); // the store first, then the cache
                    cache.invalidate(k);
                }
            }));
        }
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (int i = 0; i < keys; i++) {
            EndpointKey k = key("f", i);
            EndpointStateCache.Cached cached = cache.lookup(List.of(k)).entries().get(k);
            if (cached != null) {
                assertEquals(store.get(k).get(), cached.moveCount(), "cached value of " + k);
            }
        }
    }
}
