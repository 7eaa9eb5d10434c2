package io.ept.endpoint;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.watch.WatchJob;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analysis of a batch of events of one fabric against MongoDB: each key's state is read once, the events are
 * analysed in order on the state kept in memory ({@link EndpointState#after}), and all writes go out as one ordered
 * bulk write per collection. Equivalent to loading, analysing and writing event by event, with a fraction of the
 * round trips. Calls for the same keys must be serialised (worker message groups do that).
 */
public final class EndpointBatch {

    /** What a batch produced besides the writes: watch jobs in order, new findings to announce, the stage times. */
    public record Outcome(List<WatchJob> watchJobs, List<Finding> findings, int writes, long loadNanos, long analyzeNanos,
                          long storeNanos) {
    }

    /** An analysis result that recorded a new move or rapid event (announced on the live feed once stored). */
    public record Finding(EndpointKey key, AnalysisResult result) {
    }

    private final MongoEndpointStore store;

    public EndpointBatch(MongoEndpointStore store) {
        this.store = store;
    }

    public Outcome process(String fabric, List<EpmEvent> events, EndpointAnalyzer analyzer, RapidTracker rapid) {
        long start = System.nanoTime();
        Set<EndpointKey> keys = new LinkedHashSet<>();
        for (EpmEvent ev : events) {
            keys.add(ev.key(fabric));
        }
        long loadedAt = store.cache().stamp();
        Map<EndpointKey, Long> moveCounts = new HashMap<>();
        Map<EndpointKey, EndpointState> states = new HashMap<>(store.loadAll(keys, moveCounts));
        long loaded = System.nanoTime();
        EndpointWrites writes = new EndpointWrites();
        List<WatchJob> jobs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (EpmEvent ev : events) {
            EndpointKey key = ev.key(fabric);
            // what is logged while analysing an event names its endpoint (a field of the JSON log format)
            org.jboss.logging.MDC.put("endpoint", key.vnid() + ":" + key.addr());
            try {
                EndpointState state = states.get(key);
                AnalysisResult result = analyzer.analyze(state, ev);
                states.put(key, state.after(result));
                store.collect(key, ev.node(), result, analyzer.settings(), writes, state.history().keySet(), moveCounts);
                jobs.addAll(result.watchJobs());
                if (result.newMove() != null || result.newRapid() != null) {
                    findings.add(new Finding(key, result));
                }
            } finally {
                org.jboss.logging.MDC.remove("endpoint");
            }
        }
        List<EndpointKey> evictedKeys = new ArrayList<>();
        if (rapid != null) {
            for (RapidTracker.Evicted evicted : rapid.drainEvicted()) {
                store.collectRapidCounters(evicted.key(), evicted.counters(), writes);
                evictedKeys.add(evicted.key());
            }
        }
        long analysed = System.nanoTime();
        int writeCount = writes.size();
        try {
            store.flush(writes);
        } catch (RuntimeException e) {
            // some writes may have been applied: the next batch of these keys reads the store
            store.cache().invalidateAll(states.keySet());
            throw e;
        }
        store.remember(states, moveCounts, loadedAt);
        // counters written for evicted keys are newer than what a cached endpoint row holds
        store.cache().invalidateAll(evictedKeys);
        return new Outcome(jobs, findings, writeCount, loaded - start, analysed - loaded, System.nanoTime() - analysed);
    }
}
