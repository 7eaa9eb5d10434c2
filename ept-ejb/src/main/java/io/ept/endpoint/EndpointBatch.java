package io.ept.endpoint;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.watch.WatchJob;
import io.ept.messaging.EpmBatch;

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
 *
 * <p>Redelivery (issue 17): the broker redelivers a message whose acknowledgement it never got, also when its
 * writes were stored (a dependency failed after the store write, or the process died). Every history row a batch
 * writes records the batch's id, with those of the row's few previous batches, in the same replace; the history
 * rows are written last. An event whose row already records the batch was stored with everything it changed and
 * is skipped. Comparing with the row's newest event is not enough: a bounce entry created and deleted at the same
 * timestamp differs from its newest event, and was stored twice.
 */
public final class EndpointBatch {

    /** What a batch produced besides the writes: watch jobs in order, new findings to announce, the stage times. */
    public record Outcome(List<WatchJob> watchJobs, List<Finding> findings, int writes, int alreadyApplied,
                          long loadNanos, long analyzeNanos, long storeNanos) {
    }

    /** An analysis result that recorded a new move or rapid event (announced on the live feed once stored). */
    public record Finding(EndpointKey key, AnalysisResult result) {
    }

    private final MongoEndpointStore store;

    public EndpointBatch(MongoEndpointStore store) {
        this.store = store;
    }

    /**
     * Analyses and stores {@code events} of batch {@code batchId} ({@link EpmBatch#NO_ID}: unknown,
     * every event is analysed).
     */
    public Outcome process(String fabric, long batchId, List<EpmEvent> events, EndpointAnalyzer analyzer,
                           RapidTracker rapid) {
        long start = System.nanoTime();
        Set<EndpointKey> keys = new LinkedHashSet<>();
        for (EpmEvent ev : events) {
            keys.add(ev.key(fabric));
        }
        MongoEndpointStore.Loaded loaded = store.loadForAnalysis(keys);
        Map<EndpointKey, Long> moveCounts = loaded.moveCounts();
        Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches = loaded.appliedBatches();
        Map<EndpointKey, EndpointState> states = new HashMap<>(loaded.states());
        long readDone = System.nanoTime();
        int alreadyApplied = 0;
        EndpointWrites writes = new EndpointWrites();
        List<WatchJob> jobs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (EpmEvent ev : events) {
            EndpointKey key = ev.key(fabric);
            if (batchId != EpmBatch.NO_ID
                    && appliedBatches.getOrDefault(key, Map.of()).getOrDefault(ev.node(), List.of()).contains(batchId)) {
                alreadyApplied++;
                continue;
            }
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
        if (batchId != EpmBatch.NO_ID) {
            store.recordBatch(writes, batchId, appliedBatches);
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
        store.remember(states, moveCounts, appliedBatches, loaded.cacheStamp());
        // counters written for evicted keys are newer than what a cached endpoint row holds
        store.cache().invalidateAll(evictedKeys);
        return new Outcome(jobs, findings, writeCount, alreadyApplied, readDone - start, analysed - readDone, System.nanoTime() - analysed);
    }
}
