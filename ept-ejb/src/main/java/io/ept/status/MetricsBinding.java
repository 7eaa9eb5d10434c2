package io.ept.status;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.QueueStatistics;
import io.ept.messaging.WorkQueues;
import io.ept.monitor.FabricManager;
import io.ept.platform.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts EPT's meters ({@link EptMeters}) on the MeterRegistry of WildFly's micrometer subsystem, injected by CDI, and
 * refreshes the per-fabric values every 10 seconds. Without the subsystem (a WildFly not configured by
 * wildfly-config) there is no registry and EPT runs without metrics.
 */
@Singleton
@Startup
@DependsOn({"Infrastructure", "FabricManager"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MetricsBinding {

    private static final Logger LOG = Logger.getLogger(MetricsBinding.class.getName());
    /** Collections of the findings, by the kind label. */
    static final Map<String, String> FINDINGS = new LinkedHashMap<>();

    static {
        FINDINGS.put("move", MongoEndpointStore.MOVE);
        FINDINGS.put("stale", MongoEndpointStore.STALE);
        FINDINGS.put("offsubnet", MongoEndpointStore.OFFSUBNET);
        FINDINGS.put("rapid", MongoEndpointStore.RAPID);
        FINDINGS.put("clear", MongoEndpointStore.REMEDIATE);
    }

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    PipelineMetrics pipeline;

    @Inject
    QueueStatistics queueStatistics;

    @Inject
    WorkQueues queues;

    @Inject
    FabricManager manager;

    @Inject
    FabricRepository fabrics;

    @Inject
    Infrastructure infrastructure;

    private volatile EptMeters meters;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Map<String, Map<String, Map<String, Long>>> endpoints = Map.of();
    private volatile Map<String, Map<String, Long>> findings = Map.of();
    private volatile long countsDueMillis;
    private volatile Map<String, String> countedStates = Map.of();
    private volatile boolean failing;

    @PostConstruct
    void bind() {
        if (!registries.isResolvable()) {
            LOG.info("no Micrometer registry (WildFly's micrometer subsystem is not configured): EPT exports no metrics");
            return;
        }
        meters = new EptMeters(registries.get(), pipeline, queueStatistics::read);
        LOG.info("EPT metrics registered on WildFly's micrometer registry (Prometheus: /metrics on the management interface)");
    }

    @PreDestroy
    void unbind() {
        EptMeters current = meters;
        meters = null;
        if (current != null) {
            current.close();
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    public void refresh() {
        EptMeters current = meters;
        if (current == null || !refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            Set<String> names = new TreeSet<>();
            fabrics.listFabrics().forEach(d -> names.add(d.getString("fabric")));
            Map<String, String> subscribers = new TreeMap<>();
            Map<String, String> states = manager.subscriberStates();
            for (String fabric : names) {
                subscribers.put(fabric, states.getOrDefault(fabric, "stopped"));
            }
            long now = System.currentTimeMillis();
            // recount on schedule, and at once when a fabric appears, goes or changes state (a build finished)
            if (now >= countsDueMillis || !subscribers.equals(countedStates)) {
                countedStates = subscribers;
                recount(names);
                // the embedded store locks ept.endpoint while it scans: a slow count is repeated less often
                countsDueMillis = System.currentTimeMillis() + Math.max(30_000, 10 * (System.currentTimeMillis() - now));
            }
            Map<String, Double> oldest = new HashMap<>();
            queues.firstMessageTimestamps().forEach((queue, ts) -> oldest.put(queue, Math.max(0, now - ts) / 1000.0));
            current.update(new EptMeters.Snapshot(endpoints, findings, subscribers, oldest));
            // A fabric created since the listing above already has counters and times (its subscriber started):
            // list again, so that only fabrics that are really gone are forgotten. A fabric's document exists
            // before its subscriber records anything, so this second listing sees every fabric that has.
            Set<String> existing = new TreeSet<>(names);
            fabrics.listFabrics().forEach(d -> existing.add(d.getString("fabric")));
            current.forgetFabricsExcept(existing);
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "EPT metrics not refreshed: " + e.getMessage());
            }
        } finally {
            refreshing.set(false);
        }
    }

    private void recount(Set<String> names) {
        MongoDatabase db = infrastructure.database();
        Map<String, Map<String, Map<String, Long>>> eps = new TreeMap<>();
        for (String fabric : names) {
            Map<String, Map<String, Long>> types = eps.computeIfAbsent(fabric, f -> new TreeMap<>());
            for (String type : List.of("mac", "ipv4", "ipv6")) {
                Map<String, Long> states = types.computeIfAbsent(type, t -> new TreeMap<>());
                for (String state : List.of("active", "stale", "offsubnet", "rapid")) {
                    states.put(state, 0L);
                }
            }
        }
        Map<String, Bson> stateFilters = new LinkedHashMap<>();
        stateFilters.put("active", Filters.in("events.0.status", "created", "modified"));
        stateFilters.put("stale", Filters.eq("is_stale", true));
        stateFilters.put("offsubnet", Filters.eq("is_offsubnet", true));
        stateFilters.put("rapid", Filters.eq("is_rapid", true));
        stateFilters.forEach((state, filter) -> {
            for (Document group : db.getCollection(MongoEndpointStore.ENDPOINT).aggregate(List.of(Aggregates.match(filter),
                    Aggregates.group(new Document("fabric", "$fabric").append("type", "$type"), Accumulators.sum("n", 1))))) {
                Document id = group.get("_id", Document.class);
                Map<String, Map<String, Long>> types = eps.get(String.valueOf(id.get("fabric")));
                Map<String, Long> states = types == null ? null : types.get(String.valueOf(id.get("type")));
                if (states != null) { // only known fabrics and types: label values stay bounded
                    states.put(state, ((Number) group.get("n")).longValue());
                }
            }
        });
        Map<String, Map<String, Long>> found = new TreeMap<>();
        for (String fabric : names) {
            Map<String, Long> kinds = found.computeIfAbsent(fabric, f -> new TreeMap<>());
            FINDINGS.keySet().forEach(k -> kinds.put(k, 0L));
        }
        FINDINGS.forEach((kind, collection) -> {
            for (Document group : db.getCollection(collection).aggregate(List.of(
                    Aggregates.group("$fabric", Accumulators.sum("n", 1))))) {
                Map<String, Long> kinds = found.get(String.valueOf(group.get("_id")));
                if (kinds != null) {
                    kinds.put(kind, ((Number) group.get("n")).longValue());
                }
            }
        });
        endpoints = eps;
        findings = found;
    }
}
