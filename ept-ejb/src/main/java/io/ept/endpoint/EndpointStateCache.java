package io.ept.endpoint;

import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.EndpointKey;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analysis state of recently analysed endpoint keys, kept after each worker batch so that the next batch of
 * the same keys does not read them back (reading a history row from the embedded server copies the whole row, up
 * to 64 events, for the one event the analysis needs). Write-through: an entry is what the store holds after the
 * batch's writes, in the shape a load returns. Entries are dropped when another writer changes what the analysis
 * reads (the watcher's endpoint flags, deletes, a fabric's rebuild), locally and through ept.flush on every node.
 * LRU-bounded; capacity 0 disables it.
 */
public final class EndpointStateCache {

    private final int capacity;
    private final LinkedHashMap<EndpointKey, EndpointState> entries;

    public EndpointStateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EndpointKey, EndpointState> eldest) {
                return size() > EndpointStateCache.this.capacity;
            }
        };
    }

    public boolean enabled() {
        return capacity > 0;
    }

    /** The cached states of those of {@code keys} that are cached. */
    public synchronized Map<EndpointKey, EndpointState> getAll(Collection<EndpointKey> keys) {
        Map<EndpointKey, EndpointState> out = new HashMap<>();
        if (capacity > 0) {
            for (EndpointKey key : keys) {
                EndpointState s = entries.get(key);
                if (s != null) {
                    out.put(key, s);
                }
            }
        }
        return out;
    }

    public synchronized void putAll(Map<EndpointKey, EndpointState> states) {
        if (capacity > 0) {
            entries.putAll(states);
        }
    }

    public synchronized void invalidate(EndpointKey key) {
        entries.remove(key);
    }

    public synchronized void invalidateAll(Collection<EndpointKey> keys) {
        keys.forEach(entries::remove);
    }

    public synchronized void invalidateFabric(String fabric) {
        entries.keySet().removeIf(k -> k.fabric().equals(fabric));
    }

    public synchronized int size() {
        return entries.size();
    }
}
