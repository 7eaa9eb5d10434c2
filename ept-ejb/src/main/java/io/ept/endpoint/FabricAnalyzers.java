package io.ept.endpoint;

import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.Settings;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The per-fabric analysis state a worker node keeps in memory: one {@link EndpointAnalyzer} per fabric (rebuilt when
 * the fabric's settings change) and its {@link RapidTracker} (rapid counters survive settings changes, as they are
 * the endpoints' running counts). {@link #forget} drops both: a deleted fabric must leave nothing behind for a new
 * fabric of the same name.
 */
final class FabricAnalyzers {

    private final int rapidCacheSize;
    private final Function<String, FabricLookups> lookups;
    private final Clock clock;
    private final Map<String, RapidTracker> rapidTrackers = new ConcurrentHashMap<>();
    private final Map<String, EndpointAnalyzer> analyzers = new ConcurrentHashMap<>();

    FabricAnalyzers(int rapidCacheSize, Function<String, FabricLookups> lookups, Clock clock) {
        this.rapidCacheSize = rapidCacheSize;
        this.lookups = lookups;
        this.clock = clock;
    }

    /** The fabric's analyzer for {@code settings}: the current one while the settings are the same object. */
    EndpointAnalyzer analyzer(String fabric, Settings settings) {
        EndpointAnalyzer current = analyzers.get(fabric);
        if (current != null && current.settings() == settings) {
            return current;
        }
        EndpointAnalyzer fresh = new EndpointAnalyzer(settings, lookups.apply(fabric), rapidTracker(fabric), clock);
        analyzers.put(fabric, fresh);
        return fresh;
    }

    RapidTracker rapidTracker(String fabric) {
        return rapidTrackers.computeIfAbsent(fabric, f -> new RapidTracker(rapidCacheSize));
    }

    /** API delete of one endpoint: its rapid counters start again from zero. */
    void forgetEndpoint(EndpointKey key) {
        RapidTracker tracker = rapidTrackers.get(key.fabric());
        if (tracker != null) {
            tracker.remove(key);
        }
    }

    /** The settings changed: the next batch builds a new analyzer (the rapid counters stay). */
    void settingsChanged(String fabric) {
        analyzers.remove(fabric);
    }

    /** The fabric was deleted or created: drop its analyzer and every rapid counter. */
    void forget(String fabric) {
        analyzers.remove(fabric);
        rapidTrackers.remove(fabric);
    }

    boolean knows(String fabric) {
        return analyzers.containsKey(fabric) || rapidTrackers.containsKey(fabric);
    }
}
