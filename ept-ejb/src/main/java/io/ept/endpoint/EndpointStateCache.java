package io.ept.endpoint;

import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.EndpointKey;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analysis state of recently analysed endpoint keys (and the count of their ept.move row), kept after each
 * worker batch so that the next batch of the same keys does not read back what it wrote. Write-through: an entry is
 * what the store holds after the batch's writes, in the shape a load returns. LRU-bounded; capacity 0 disables it.
 *
 * <p>Entries are dropped when another writer changes what the analysis reads (the watcher's endpoint flags,
 * deletes, a fabric's rebuild), locally and through ept.flush on every node. A drop leaves a tombstone stamped
 * with an invalidation clock, and a batch hands in the clock it read before loading: a batch that loaded a key
 * before the key was invalidated does not put its (older) state back ({@link #putAll(Map, Map, long)}). So a
 * watcher's flag change made while a batch of the same key is in flight is never hidden by that batch's cache save
 * (the writer must change the store first, then invalidate).
 */
public final class EndpointStateCache {

    /** A cached state and the count of the key's move row (-1: unknown). */
    private record Entry(EndpointState state, long moveCount) {
    }

    private final int capacity;
    /** Values: {@link Entry}, or a Long tombstone (the clock of the invalidation). */
    private final LinkedHashMap<EndpointKey, Object> entries;
    private final Map<String, Long> fabricInvalidated = new HashMap<>();
    private long clock;
    /** Newest clock of a tombstone the LRU dropped: a put loaded before it cannot know whether it is stale. */
    private long evictedTombstone;

    public EndpointStateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EndpointKey, Object> eldest) {
                if (size() > EndpointStateCache.this.capacity) {
                    if (eldest.getValue() instanceof Long stamp) {
                        evictedTombstone = Math.max(evictedTombstone, stamp);
                    }
                    return true;
                }
                return false;
            }
        };
    }

    public boolean enabled() {
        return capacity > 0;
    }

    /** The invalidation clock: read it before loading the states a later {@link #putAll(Map, Map, long)} saves. */
    public synchronized long stamp() {
        return clock;
    }

    /** The cached states of those of {@code keys} that are cached. */
    public synchronized Map<EndpointKey, EndpointState> getAll(Collection<EndpointKey> keys) {
        Map<EndpointKey, EndpointState> out = new HashMap<>();
        if (capacity > 0) {
            for (EndpointKey key : keys) {
                if (entries.get(key) instanceof Entry e) {
                    out.put(key, e.state());
                }
            }
        }
        return out;
    }

    /** Move row counts of those of {@code keys} that are cached with a known count. */
    public synchronized Map<EndpointKey, Long> moveCounts(Collection<EndpointKey> keys) {
        Map<EndpointKey, Long> out = new HashMap<>();
        for (EndpointKey key : keys) {
            if (entries.get(key) instanceof Entry e && e.moveCount() >= 0) {
                out.put(key, e.moveCount());
            }
        }
        return out;
    }

    /** Puts states unconditionally (move counts unknown). */
    public synchronized void putAll(Map<EndpointKey, EndpointState> states) {
        if (capacity > 0) {
            states.forEach((k, s) -> entries.put(k, new Entry(s, -1)));
        }
    }

    /**
     * Puts the states a batch left, except for keys invalidated since {@code loadedAt} (the {@link #stamp()} read
     * before the batch loaded them). Returns how many were skipped.
     */
    public synchronized int putAll(Map<EndpointKey, EndpointState> states, Map<EndpointKey, Long> moveCounts,
                                   long loadedAt) {
        int skipped = 0;
        if (capacity > 0) {
            for (Map.Entry<EndpointKey, EndpointState> e : states.entrySet()) {
                EndpointKey key = e.getKey();
                Object current = entries.get(key);
                boolean invalidated = current instanceof Long stamp ? stamp > loadedAt
                        : current == null && evictedTombstone > loadedAt;
                if (invalidated || fabricInvalidated.getOrDefault(key.fabric(), -1L) > loadedAt) {
                    skipped++;
                    continue;
                }
                entries.put(key, new Entry(e.getValue(), moveCounts.getOrDefault(key, -1L)));
            }
        }
        return skipped;
    }

    public synchronized void invalidate(EndpointKey key) {
        if (capacity > 0) {
            entries.put(key, ++clock);
        }
    }

    public synchronized void invalidateAll(Collection<EndpointKey> keys) {
        keys.forEach(this::invalidate);
    }

    public synchronized void invalidateFabric(String fabric) {
        entries.keySet().removeIf(k -> k.fabric().equals(fabric));
        fabricInvalidated.put(fabric, ++clock);
    }

    /** Cached states (tombstones not counted). */
    public synchronized int size() {
        return (int) entries.values().stream().filter(v -> v instanceof Entry).count();
    }
}
