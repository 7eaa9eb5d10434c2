package io.ept.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Small synchronised LRU map; a loader result (including "not found") is cached until evicted or cleared. */
final class LruCache<K, V> {
    private final LinkedHashMap<K, V> map;

    LruCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(K key, Function<K, V> loader) {
        synchronized (map) {
            V v = map.get(key);
            if (v != null) {
                return v;
            }
        }
        // loaded outside the lock: a database round trip must not block other lookups
        V loaded = loader.apply(key);
        synchronized (map) {
            map.put(key, loaded);
        }
        return loaded;
    }

    void clear() {
        synchronized (map) {
            map.clear();
        }
    }

    int size() {
        synchronized (map) {
            return map.size();
        }
    }
}
