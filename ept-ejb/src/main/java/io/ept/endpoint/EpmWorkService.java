package io.ept.endpoint;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.events.LiveEvent;
import io.ept.events.LiveEvents;
import io.ept.messaging.EpmWork;
import io.ept.platform.Infrastructure;
import io.ept.watch.WatchScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker side of the analysis: parses an epm event, loads the state of its endpoint key from MongoDB, runs the
 * {@link EndpointAnalyzer}, persists the result and sends the watch jobs. Calls for one key are serialised by the
 * JMS message group, so the per-fabric analyzer may be shared by all consumers.
 */
@ApplicationScoped
public class EpmWorkService {
    /** Redis counter of processed messages of a build, awaited by the subscriber (end-of-build barrier). */
    public static final String BUILD_DONE_KEY = "ept:build:%s:%s:done";

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricSettingsCache settingsCache;

    @Inject
    FabricLookupsRegistry lookupsRegistry;

    @Inject
    WatchScheduler watchScheduler;

    @Inject
    LiveEvents liveEvents;

    private MongoEndpointStore store;
    /** Rapid counters survive settings reloads; the analyzer is rebuilt with the new settings. */
    private final Map<String, RapidTracker> rapidTrackers = new ConcurrentHashMap<>();
    private final Map<String, EndpointAnalyzer> analyzers = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        store = new MongoEndpointStore(infrastructure.database());
        store.createIndexes();
    }

    public MongoEndpointStore store() {
        return store;
    }

    /** Work type "epm": one parsed event ({@link EpmWork}) of a websocket, build, refresh or node-down. */
    public void handleEpm(String body) {
        EpmWork work = EpmWork.fromJson(body);
        analyze(work.fabric(), work.event());
        if (work.build() != null) {
            infrastructure.redis().incr(String.format(BUILD_DONE_KEY, work.fabric(), work.build()));
        }
    }

    /** Work type "endpoint_delete": {"fabric","vnid","addr"}. */
    public void handleDelete(String body) {
        EndpointKey key;
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            jakarta.json.JsonObject json = reader.readObject();
            key = new EndpointKey(json.getString("fabric"), json.getInt("vnid"), json.getString("addr"));
        } catch (RuntimeException e) {
            throw new io.ept.messaging.UnprocessableWorkException("malformed endpoint delete: " + body, e);
        }
        deleteEndpoint(key);
    }

    /** API delete of an endpoint: forget its rapid counters and cascade-delete its records. */
    public long deleteEndpoint(EndpointKey key) {
        rapidTrackers.computeIfAbsent(key.fabric(), f -> new RapidTracker()).remove(key);
        return store.delete(key);
    }

    private void analyze(String fabric, EpmEvent ev) {
        Settings settings = settingsCache.settings(fabric);
        EndpointAnalyzer analyzer = analyzer(fabric, settings);
        EndpointKey key = ev.key(fabric);
        AnalysisResult result = analyzer.analyze(store.load(key), ev);
        store.apply(key, ev.node(), result, analyzer.settings());
        publishFindings(key, result);
        for (RapidTracker.Evicted evicted : rapidTrackers.get(fabric).drainEvicted()) {
            store.saveRapidCounters(evicted.key(), evicted.counters());
        }
        if (!result.watchJobs().isEmpty()) {
            watchScheduler.send(result.watchJobs(), analyzer.settings());
        }
    }

    private void publishFindings(EndpointKey key, AnalysisResult result) {
        if (result.newMove() != null) {
            var src = result.newMove().src();
            var dst = result.newMove().dst();
            liveEvents.publish(new LiveEvent(key.fabric(), "move", dst.ts(), key.vnid(), key.addr(), dst.node(),
                    "moved from node " + src.node() + " " + src.intfName() + " to node " + dst.node() + " " + dst.intfName()));
        }
        if (result.newRapid() != null) {
            liveEvents.publish(new LiveEvent(key.fabric(), "rapid", result.newRapid().ts(), key.vnid(), key.addr(), 0,
                    String.format("rapid endpoint, %.0f events per minute", result.newRapid().rate())));
        }
    }

    private EndpointAnalyzer analyzer(String fabric, Settings settings) {
        EndpointAnalyzer current = analyzers.get(fabric);
        if (current != null && current.settings() == settings) {
            return current;
        }
        RapidTracker rapid = rapidTrackers.computeIfAbsent(fabric, f -> new RapidTracker());
        EndpointAnalyzer fresh = new EndpointAnalyzer(settings, lookupsRegistry.lookups(fabric), rapid,
                Clock.systemUTC());
        analyzers.put(fabric, fresh);
        return fresh;
    }

    void onFlush(@Observes CacheFlush flush) {
        if (flush.concernsSettings()) {
            analyzers.remove(flush.fabric());
        }
    }
}
