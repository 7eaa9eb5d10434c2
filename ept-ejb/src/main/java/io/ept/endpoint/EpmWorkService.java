package io.ept.endpoint;

import io.ept.platform.JsonSupport;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.events.LiveEvent;
import io.ept.events.LiveEvents;
import io.ept.fabric.FabricNotFoundException;
import io.ept.messaging.EpmBatch;
import io.ept.messaging.EpmWork;
import io.ept.platform.Infrastructure;
import io.ept.status.PipelineMetrics;
import io.ept.watch.WatchScheduler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.ept.platform.config.WorkerConfig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Worker side of the analysis: takes a batch of epm events of one message group, loads the state of their endpoint
 * keys (from the state cache or MongoDB), runs the {@link EndpointAnalyzer} on each event in order, persists the
 * results with bulk writes ({@link EndpointBatch}) and sends the watch jobs. Calls for one key are serialised by
 * the JMS message group, so the per-fabric analyzer and state cache may be shared by all consumers.
 */
@ApplicationScoped
public class EpmWorkService {
    private static final Logger LOG = Logger.getLogger(EpmWorkService.class.getName());
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

    @Inject
    PipelineMetrics metrics;

    @Inject
    WorkerConfig workerConfig = new WorkerConfig();

    private MongoEndpointStore store;
    private FabricAnalyzers analyzers;

    @PostConstruct
    void init() {
        analyzers = new FabricAnalyzers(workerConfig.rapidCacheSize, lookupsRegistry::lookups, Clock.systemUTC());
        store = new MongoEndpointStore(infrastructure.database(), new EndpointStateCache(workerConfig.stateCacheSize));
        store.createIndexes();
        long converted = store.ensureStringIds();
        if (converted > 0) {
            LOG.info(() -> "endpoint records given string ids: " + converted);
        }
        long logged = store.ensureEventLog();
        if (logged > 0) {
            LOG.info(() -> "endpoint records whose event lists moved to event documents: " + logged);
        }
    }

    public MongoEndpointStore store() {
        return store;
    }

    /** The per-fabric analyzers and rapid counters of this node (for tests). */
    FabricAnalyzers analyzers() {
        return analyzers;
    }

    /** Work type "epm" (messages of an earlier version still queued): one event, analysed as a batch of one. */
    public void handleEpm(String body) {
        EpmWork work = EpmWork.fromJson(body);
        handle(new EpmBatch(work.fabric(), work.build(), EpmBatch.NO_ID, List.of(work.event())));
    }

    /**
     * Work type "epm_batch": the events of one worker message group, in order. Loads each key's state once, analyses
     * the events one after the other on the state in memory, then writes everything with one ordered bulk write per
     * collection and sends the watch jobs.
     */
    public void handleBatch(String body) {
        handle(EpmBatch.fromJson(body));
    }

    private void handle(EpmBatch batch) {
        long start = System.nanoTime();
        String fabric = batch.fabric();
        Settings settings;
        try {
            settings = settingsCache.settings(fabric);
        } catch (FabricNotFoundException e) {
            // queued before its fabric was deleted: analysing it would bring back records (and state) of the fabric
            LOG.fine(() -> "dropping " + batch.events().size() + " events of deleted fabric " + fabric);
            return;
        }
        EndpointAnalyzer analyzer = analyzers.analyzer(fabric, settings);
        EndpointBatch.Outcome outcome = new EndpointBatch(store).process(fabric, batch.id(), batch.events(),
                analyzer, analyzers.rapidTracker(fabric));
        if (outcome.alreadyApplied() > 0) {
            metrics.alreadyStored(outcome.alreadyApplied());
            LOG.info(() -> "redelivered batch " + Long.toHexString(batch.id()) + " of fabric " + fabric + ": "
                    + outcome.alreadyApplied() + " of its " + batch.events().size()
                    + " events were stored by an earlier delivery and are not applied again");
        }
        metrics.storeWrites(outcome.writes());
        haltIfCrashTestAsks(batch);
        List<LiveEvent> live = new ArrayList<>();
        outcome.findings().forEach(f -> live.addAll(liveEvents(f.key(), f.result())));
        liveEvents.publishAll(live);
        if (!outcome.watchJobs().isEmpty()) {
            // watch jobs sent (after coalescing per watch key)
            metrics.watchJobs(watchScheduler.send(outcome.watchJobs(), analyzer.settings()));
        }
        if (batch.build() != null) {
            infrastructure.redis().incrBy(String.format(BUILD_DONE_KEY, fabric, batch.build()), batch.events().size());
        }
        List<Double> liveTs = new ArrayList<>();
        if (batch.build() == null) {
            for (EpmEvent ev : batch.events()) {
                if (!ev.force()) {
                    liveTs.add(ev.ts());
                }
            }
        }
        metrics.processedBatch(batch.events().size(), batch.build() != null, liveTs, outcome.loadNanos(),
                outcome.analyzeNanos(), outcome.storeNanos(), System.nanoTime() - start);
    }

    /**
     * The crash test's kill point ({@code ept.worker.halt-after-store-write}): a live batch holding an event of that
     * address has just been stored; halting now leaves its message unacknowledged, for the broker to redeliver.
     */
    private void haltIfCrashTestAsks(EpmBatch batch) {
        String addr = workerConfig.haltAfterStoreWrite.orElse(null);
        if (addr != null && batch.build() == null
                && batch.events().stream().anyMatch(ev -> addr.equalsIgnoreCase(ev.addr()))) {
            LOG.severe(() -> "ept.worker.halt-after-store-write=" + addr + ": halting the JVM after storing a batch of "
                    + batch.events().size() + " events, before its acknowledgement");
            infrastructure.awaitStoreWritten(); // the test is about writes the store kept
            Runtime.getRuntime().halt(137);
        }
    }

    /** Work type "endpoint_delete": {"fabric","vnid","addr"}. */
    public void handleDelete(String body) {
        EndpointKey key;
        try (var reader = JsonSupport.JSON.createReader(new java.io.StringReader(body))) {
            jakarta.json.JsonObject json = reader.readObject();
            key = new EndpointKey(json.getString("fabric"), json.getInt("vnid"), json.getString("addr"));
        } catch (RuntimeException e) {
            throw new io.ept.messaging.UnprocessableWorkException("malformed endpoint delete: " + body, e);
        }
        deleteEndpoint(key);
    }

    /** API delete of an endpoint: forget its rapid counters and cascade-delete its records. */
    public long deleteEndpoint(EndpointKey key) {
        analyzers.forgetEndpoint(key);
        return store.delete(key);
    }

    private static List<LiveEvent> liveEvents(EndpointKey key, AnalysisResult result) {
        List<LiveEvent> out = new ArrayList<>(1);
        if (result.newMove() != null) {
            var src = result.newMove().src();
            var dst = result.newMove().dst();
            out.add(new LiveEvent(key.fabric(), "move", dst.ts(), key.vnid(), key.addr(), dst.node(),
                    "moved from node " + src.node() + " " + src.intfName() + " to node " + dst.node() + " " + dst.intfName()));
        }
        if (result.newRapid() != null) {
            out.add(new LiveEvent(key.fabric(), "rapid", result.newRapid().ts(), key.vnid(), key.addr(), 0,
                    String.format("rapid endpoint, %.0f events per minute", result.newRapid().rate())));
        }
        return out;
    }

    void onFlush(@Observes CacheFlush flush) {
        if (flush.resetsFabric()) {
            // deleted or created: nothing of an earlier fabric of this name may reach the new one
            analyzers.forget(flush.fabric());
            store.cache().invalidateFabric(flush.fabric());
            return;
        }
        if (flush.concernsSettings()) {
            analyzers.settingsChanged(flush.fabric());
        }
        EndpointKey changed = flush.endpointKey();
        if (changed != null) {
            store.cache().invalidate(changed);
        } else if (MongoFabricLookups.ALL.equals(flush.cache()) || MongoFabricLookups.NODE.equals(flush.cache())) {
            // every (re)build announces ept.node: drop what was kept of a fabric that may have been deleted meanwhile
            store.cache().invalidateFabric(flush.fabric());
        }
    }
}
