package io.ept.endpoint;

import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.EndpointKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analysis state of recently analysed endpoint keys (and the count of their ept.move row), kept after each
 * worker batch so that the next batch of the same keys does not read back what it wrote. Write-through: an entry is
 * what the store holds after the batch's writes, in the shape a load returns. Size-bounded (a Caffeine cache,
 * concurrent: batches of different keys do not wait for each other); capacity 0 disables it.
 *
 * <p>Entries are dropped when another writer changes what the analysis reads (the watcher's endpoint flags,
 * deletes, a fabric's rebuild), locally and through ept.flush on every node. A drop leaves a tombstone stamped
 * with an invalidation clock, and a batch hands in the clock it read before loading: a batch that loaded a key
 * before the key was invalidated does not put its (older) state back ({@link #putAll(Map, Map, long)}). So a
 * watcher's flag change made while a batch of the same key is in flight is never hidden by that batch's cache save
 * (the writer must change the store first, then invalidate). Each key's check and put is one atomic step of the
 * cache, and an evicted tombstone raises {@link #evictedTombstone} before its key reads as absent.
 */
public final class EndpointStateCache {

    /** A cached state and the count of the key's move row (-1: unknown). */
    private record Entry(EndpointState state, long moveCount) {
    }

    /** The key was invalidated at {@code stamp} of the invalidation clock. */
    private record Tombstone(long stamp) {
    }

    private final int capacity;
    /** Values: {@link Entry} or {@link Tombstone}. */
    private final Cache<EndpointKey, Object> entries;
    private final Map<String, Long> fabricInvalidated = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    /** Newest clock of a tombstone the bound dropped: a put loaded before it cannot know whether it is stale. */
    private final AtomicLong evictedTombstone = new AtomicLong();

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

    /** The invalidation clock: read it before loading the states a later {@link #putAll(Map, Map, long)} saves. */
    public long stamp() {
        return clock.get();
    }

    /** The cached states of those of {@code keys} that are cached. */
    public Map<EndpointKey, EndpointState> getAll(Collection<EndpointKey> keys) {
        Map<EndpointKey, EndpointState> out = new HashMap<>();
        if (capacity > 0) {
            entries.getAllPresent(keys).forEach((key, value) -> {
                if (value instanceof Entry e) {
                    out.put(key, e.state());
                }
            });
        }
        return out;
    }

    /** Move row counts of those of {@code keys} that are cached with a known count. */
    public Map<EndpointKey, Long> moveCounts(Collection<EndpointKey> keys) {
        Map<EndpointKey, Long> out = new HashMap<>();
        if (capacity > 0) {
            entries.getAllPresent(keys).forEach((key, value) -> {
                if (value instanceof Entry e && e.moveCount() >= 0) {
                    out.put(key, e.moveCount());
                }
            });
        }
        return out;
    }

    /** Puts states unconditionally (move counts unknown). */
    public void putAll(Map<EndpointKey, EndpointState> states) {
        if (capacity > 0) {
            states.forEach((k, s) -> entries.put(k, new Entry(s, -1)));
        }
    }

    /**
     * Puts the states a batch left, except for keys invalidated since {@code loadedAt} (the {@link #stamp()} read
     * before the batch loaded them). Returns how many were skipped.
     */
    public int putAll(Map<EndpointKey, EndpointState> states, Map<EndpointKey, Long> moveCounts, long loadedAt) {
        int skipped = 0;
        if (capacity > 0) {
            for (Map.Entry<EndpointKey, EndpointState> e : states.entrySet()) {
                EndpointKey key = e.getKey();
                Entry fresh = new Entry(e.getValue(), moveCounts.getOrDefault(key, -1L));
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
            entries.put(key, new Tombstone(clock.incrementAndGet()));
        }
    }

    public void invalidateAll(Collection<EndpointKey> keys) {
        keys.forEach(this::invalidate);
    }

    /** Stamps the fabric first, then drops its entries: a put racing with the drop is refused or dropped. */
    public void invalidateFabric(String fabric) {
        fabricInvalidated.merge(fabric, clock.incrementAndGet(), Math::max);
        entries.asMap().keySet().removeIf(k -> k.fabric().equals(fabric));
    }

    /** Cached states (tombstones not counted). */
    public int size() {
        entries.cleanUp();
        return (int) entries.asMap().values().stream().filter(v -> v instanceof Entry).count();
    }
}
