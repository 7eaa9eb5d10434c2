package io.ept.analysis.support;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.lookup.InMemoryFabricLookups;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.Settings;
import io.ept.analysis.store.InMemoryEndpointStore;
import io.ept.analysis.watch.WatchJob;

import java.util.ArrayList;
import java.util.List;

/** Analyzer + in-memory store on the fixed topology; records every emitted watch job. */
public final class Harness {
    public final InMemoryFabricLookups lookups;
    public final Settings settings;
    public final FakeClock clock = new FakeClock(1_000_000);
    public final RapidTracker rapid = new RapidTracker();
    public final InMemoryEndpointStore store;
    public final EndpointAnalyzer analyzer;
    public final List<WatchJob> jobs = new ArrayList<>();
    public AnalysisResult last;

    public Harness() {
        this(Settings.builder().analyzeRapid(false).build());
    }

    public Harness(Settings settings) {
        this(settings, Topology.lookups());
    }

    public Harness(Settings settings, InMemoryFabricLookups lookups) {
        this.lookups = lookups;
        this.settings = settings;
        this.store = new InMemoryEndpointStore(settings.endpointCap());
        this.analyzer = new EndpointAnalyzer(settings, lookups, rapid, clock);
    }

    public AnalysisResult feed(EpmEvent ev) {
        EndpointKey key = ev.key(Topology.FABRIC);
        last = analyzer.analyze(store.state(key), ev);
        store.apply(key, last);
        jobs.addAll(last.watchJobs());
        return last;
    }

    public void feedAll(EpmEvent... events) {
        for (EpmEvent e : events) {
            feed(e);
        }
    }

    public static EndpointKey key(int vnid, String addr) {
        return new EndpointKey(Topology.FABRIC, vnid, addr);
    }

    public Endpoint endpoint(int vnid, String addr) {
        return store.endpoint(key(vnid, addr));
    }

    public NodeHistory history(int vnid, String addr, int node) {
        return store.history(key(vnid, addr), node);
    }

    public HistoryEvent latest(int vnid, String addr, int node) {
        NodeHistory h = history(vnid, addr, node);
        return h == null ? null : h.latest();
    }

    public <T extends WatchJob> List<T> jobs(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (WatchJob j : jobs) {
            if (type.isInstance(j)) {
                out.add(type.cast(j));
            }
        }
        return out;
    }
}
