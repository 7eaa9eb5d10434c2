package io.ept.endpoint;

import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.EndpointKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The analysis state of recently analysed endpoint keys (and the count of their ept.move row), kept after each
 * worker batch so that the next batch of the same keys does not read back what it wrote. Write-through: an entry is
 * what the store holds after the batch's writes, in the shape a load returns. Size-bounded (a Caffeine cache,
 * concurrent: batches of different keys do not wait for each other); capacity 0 disables it.
 *
 * <p>Entries are dropped when another writer changes what the analysis reads (the watcher's endpoint flags,
 * deletes, a fabric's rebuild), locally and through ept.flush on every node. A drop leaves a tombstone stamped
 * with an invalidation clock, and a batch hands in the clock its {@link #lookup} read with the entries: a batch
 * that loaded a key before the key was invalidated does not put its (older) state back
 * ({@link #putAll(Map, Map, Map, long)}). So a
 * watcher's flag change made while a batch of the same key is in flight is never hidden by that batch's cache save
 * (the writer must change the store first, then invalidate). Each key's check and put is one atomic step of the
 * cache, and an evicted tombstone raises {@link #evictedTombstone} before its key reads as absent. The clock's tick
 * and the tombstone are one step for a lookup (a read-write lock): with two steps, a lookup between them read the
 * new clock with the old entry, and saved that entry's state back over the invalidation (seen once in
 * {@code EndpointStateCacheTest}'s concurrent test).
 */
public final class EndpointStateCache {

    /**
     * A cached state, the count of the key's move row (-1: unknown) and the batch ids its history rows record, by
     * node (see {@link EndpointBatch}).
     */
    public record Cached(EndpointState state, long moveCount, Map<Integer, List<Long>> appliedBatches) {
    }

    /** The cached entries of some keys, and the invalidation clock read together with them. */
    public record Hits(long stamp, Map<EndpointKey, Cached> entries) {
    }

    /** The key was invalidated at {@code stamp} of the invalidation clock. */
    private record Tombstone(long stamp) {
    }

    private final int capacity;
    /** Values: {@link Cached} or {@link Tombstone}. */
    private final Cache<EndpointKey, Object> entries;
    private final Map<String, Long> fabricInvalidated = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    /** Newest clock of a tombstone the bound dropped: a put loaded before it cannot know whether it is stale. */
    private final AtomicLong evictedTombstone = new AtomicLong();
    /**
     * An invalidation (clock tick and tombstone) happens under the write lock, a {@link #lookup} under the read lock:
     * a lookup never reads a clock that an invalidation has ticked while still seeing the entry it is replacing.
     */
    private final ReadWriteLock invalidation = new ReentrantReadWriteLock();

    public EndpointStateCache(int capacity) {
        this.capacity = capacity;
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run) // evict on the writing thread: no unmanaged pool threads in the container
                .<EndpointKey, Object>evictionListener((key, value, cause) -> {
                    if (value instanceof Tombstone t) {
                        evictedTombstone.accumulateAndGet(t.stamp(), Math::max);
                    }
                })
                .build();
    }

    public boolean enabled() {
        return capacity > 0;
    }

    /** The invalidation clock: a {@link #putAll(Map, Map, Map, long)} is refused for keys invalidated after it. */
    public long stamp() {
        return clock.get();
    }

    /**
     * The cached entries of those of {@code keys} that are cached, and the clock read with them: the stamp that a
     * later {@link #putAll(Map, Map, Map, long)} of states loaded from these entries (or read from the store after
     * this lookup) hands in.
     */
    public Hits lookup(Collection<EndpointKey> keys) {
        Map<EndpointKey, Cached> out = new HashMap<>();
        invalidation.readLock().lock();
        try {
            long stamp = clock.get();
            if (capacity > 0) {
                entries.getAllPresent(keys).forEach((key, value) -> {
                    if (value instanceof Cached c) {
                        out.put(key, c);
                    }
                });
            }
            return new Hits(stamp, out);
        } finally {
            invalidation.readLock().unlock();
        }
    }

    /** Puts states unconditionally (move counts unknown, no batch ids recorded). */
    public void putAll(Map<EndpointKey, EndpointState> states) {
        if (capacity > 0) {
            states.forEach((k, s) -> entries.put(k, new Cached(s, -1, Map.of())));
        }
    }

    /**
     * Puts the states a batch left, except for keys invalidated since {@code loadedAt} (the stamp of the batch's
     * {@link #lookup}). Returns how many were skipped.
     */
    public int putAll(Map<EndpointKey, EndpointState> states, Map<EndpointKey, Long> moveCounts,
                      Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches, long loadedAt) {
        int skipped = 0;
        if (capacity > 0) {
            for (Map.Entry<EndpointKey, EndpointState> e : states.entrySet()) {
                EndpointKey key = e.getKey();
                Cached fresh = new Cached(e.getValue(), moveCounts.getOrDefault(key, -1L),
                        Map.copyOf(appliedBatches.getOrDefault(key, Map.of())));
                boolean[] invalidated = {false};
                entries.asMap().compute(key, (k, current) -> {
                    invalidated[0] = current instanceof Tombstone t ? t.stamp() > loadedAt
                            : current == null && evictedTombstone.get() > loadedAt;
                    invalidated[0] |= fabricInvalidated.getOrDefault(k.fabric(), -1L) > loadedAt;
                    return invalidated[0] ? current : fresh;
                });
                if (invalidated[0]) {
                    skipped++;
                }
            }
        }
        return skipped;
    }

    public void invalidate(EndpointKey key) {
        if (capacity > 0) {
            invalidation.writeLock().lock();
            try {
                entries.put(key, new Tombstone(clock.incrementAndGet()));
            } finally {
                invalidation.writeLock().unlock();
            }
        }
    }

    public void invalidateAll(Collection<EndpointKey> keys) {
        keys.forEach(this::invalidate);
    }

    /** Stamps the fabric first, then drops its entries: a put racing with the drop is refused or dropped. */
    public void invalidateFabric(String fabric) {
        invalidation.writeLock().lock();
        try {
            fabricInvalidated.merge(fabric, clock.incrementAndGet(), Math::max);
            entries.asMap().keySet().removeIf(k -> k.fabric().equals(fabric));
        } finally {
            invalidation.writeLock().unlock();
        }
    }

    /** Cached states (tombstones not counted). */
    public int size() {
        entries.cleanUp();
        return (int) entries.asMap().values().stream().filter(v -> v instanceof Cached).count();
    }
}
