package io.ept.analysis.engine;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.model.Settings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-endpoint rapid counters (ept-reference 3.8), size-bounded like the original's per-worker cache (1024).
 * Counters are persisted on ept.endpoint on every rate calculation (reported in the analysis result) and on
 * eviction ({@link #drainEvicted()}). The bound is a Caffeine cache: which entry it drops does not change the
 * analysis, as an evicted entry's counters are persisted and a new entry starts from the endpoint row.
 *
 * <p>Thread-safety: the cache is concurrent and evicts on the writing thread; an entry is only mutated by the
 * thread processing its key, which the per-key serialisation (JMS message groups) guarantees.
 */
public final class RapidTracker {

    /** Mutable counters of one endpoint; rapidCount 0 means "not initialised from the endpoint row yet". */
    public static final class Entry {
        final EndpointKey key;
        boolean isRapid;
        double isRapidTs;
        double rapidLts;
        long rapidCount;
        long rapidLcount;
        long rapidIcount;

        Entry(EndpointKey key) {
            this.key = key;
        }

        boolean initialized() {
            return rapidCount != 0;
        }

        /** Load the persisted counters, counting the current event. */
        void initFrom(RapidCounters c) {
            isRapid = c.isRapid();
            isRapidTs = c.isRapidTs();
            rapidLts = c.rapidLts();
            rapidCount = c.rapidCount() + 1;
            rapidLcount = c.rapidLcount();
            rapidIcount = c.rapidIcount();
        }

        public RapidCounters snapshot() {
            return new RapidCounters(isRapid, isRapidTs, rapidLts, rapidCount, rapidLcount, rapidIcount);
        }
    }

    /** Outcome of one evaluation. */
    record Check(boolean rapid, boolean recalculated, boolean becameRapid, double rate) {
        static final Check NOT_RAPID = new Check(false, false, false, 0);
    }

    /** Counters of an entry dropped from the LRU; persist them on the endpoint row if it still exists. */
    public record Evicted(EndpointKey key, RapidCounters counters) {
    }

    private final Cache<EndpointKey, Entry> entries;
    /** Entries the bound dropped, snapshotted when drained: an event analysed on an entry as it was dropped counts. */
    private final List<Entry> evicted = new ArrayList<>();

    public RapidTracker(int capacity) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run) // evict on the writing thread, so size() and drainEvicted() are exact
                .<EndpointKey, Entry>evictionListener((key, entry, cause) -> {
                    if (cause.wasEvicted()) {
                        synchronized (evicted) {
                            evicted.add(entry);
                        }
                    }
                })
                .build();
    }

    /** The original's default size per fabric per worker. */
    public RapidTracker() {
        this(1024);
    }

    Entry entry(EndpointKey key) {
        return entries.get(key, Entry::new);
    }

    /** Forget an endpoint (API delete). */
    public void remove(EndpointKey key) {
        entries.invalidate(key);
    }

    /** Counters of the entries evicted since the last call that had been initialised from their endpoint row. */
    public List<Evicted> drainEvicted() {
        List<Entry> dropped;
        synchronized (evicted) {
            dropped = List.copyOf(evicted);
            evicted.clear();
        }
        List<Evicted> out = new ArrayList<>();
        for (Entry e : dropped) {
            if (e.initialized()) {
                out.add(new Evicted(e.key, e.snapshot()));
            }
        }
        return out;
    }

    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    /**
     * Rapid check using processing time {@code now}. While rapid and within the holdtime every event is counted
     * as ignored and dropped; after the holdtime the rate is recalculated at once. Otherwise the rate (events per
     * minute since the last calculation) is recalculated at most every RAPID_CALCULATE_INTERVAL seconds.
     *
     * @param increment count the event here (false when the caller already counted it)
     */
    static Check evaluate(Entry e, double now, boolean increment, Settings settings) {
        if (!e.initialized()) {
            return Check.NOT_RAPID;
        }
        boolean force = false;
        double delta = now - e.rapidLts;
        if (e.isRapid) {
            if (delta > settings.rapidHoldtime()) {
                e.isRapid = false;
                force = true;
            } else {
                e.rapidIcount++;
                if (increment) {
                    e.rapidCount++;
                }
                return new Check(true, false, false, 0);
            }
        }
        if (delta > settings.rapidCalculateInterval() || force) {
            double rate = delta > 0 ? 60.0 * (e.rapidCount - e.rapidLcount) / delta : 0;
            e.isRapid = rate > settings.rapidThreshold();
            e.rapidLts = now;
            e.rapidLcount = e.rapidCount;
            if (e.isRapid) {
                e.isRapidTs = now;
            }
            return new Check(e.isRapid, true, e.isRapid, rate);
        }
        return Check.NOT_RAPID;
    }
}
