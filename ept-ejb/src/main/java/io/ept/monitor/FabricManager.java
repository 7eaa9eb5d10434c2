package io.ept.monitor;

import io.ept.platform.JsonSupport;
import com.mongodb.client.MongoDatabase;
import io.ept.fabric.FabricEvent;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkerGroups;
import io.ept.status.PipelineMetrics;
import io.ept.messaging.WorkQueues;
import io.ept.platform.Infrastructure;
import io.ept.cluster.FabricLease;
import io.ept.cluster.FabricLeases;
import io.ept.cluster.FabricOwnership;
import io.ept.cluster.FabricSubscribers;
import io.ept.cluster.NodeRegistry;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import io.ept.analysis.model.EpmType;
import io.ept.platform.RedisMessage;
import io.ept.platform.RedisSubscriber;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import org.bson.Document;
import io.ept.platform.config.ApicConfig;
import io.ept.platform.config.MonitorConfig;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts, stops and supervises one {@link FabricSubscriber} per running fabric (ept-reference 1.6): fabrics with
 * auto_start are started at boot and restarted when their subscriber fails, at most once per suppression period
 * (60 s by default) unless the subscriber ended for a rebuild ({@link StopReason.Kind#REBUILD}: leaf active, pair
 * type change). A fabric starts only while the worker and watcher roles are present, and only on the node that
 * holds its lease ({@link FabricOwnership}): the lease decides where a fabric runs, this manager how.
 */
@Singleton
@Startup
@DependsOn({"Infrastructure", "NodeRegistry", "FabricOwnership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@LocalBean
@Local(FabricSubscribers.class)
public class FabricManager implements FabricSubscribers {

    private static final Logger LOG = Logger.getLogger(FabricManager.class.getName());


    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    @Inject
    WorkQueues queues;

    @Inject
    NodeRegistry nodes;

    @Inject
    FabricOwnership ownership;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ApicConfig apicConfig;

    @Inject
    MonitorConfig monitorConfig;

    @Resource
    TimerService timers;

    @Inject
    PipelineMetrics metrics;

    @Inject
    WorkerGroups workerGroups;

    @Inject
    io.ept.platform.DependencyHealth health;

    private record Running(FabricSubscriber subscriber, Thread thread) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Long> lastFailureLogged = new ConcurrentHashMap<>();
    /** Fabrics whose subscriber reached running on this node since its last start by a user (credentials work). */
    private final Set<String> loggedIn = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;
    private volatile long lastSupervisionMillis;

    /** When the supervision timer last ticked (epoch millis, 0 before the first tick): liveness watches it. */
    public long lastSupervisionMillis() {
        return lastSupervisionMillis;
    }

    public long superviseSeconds() {
        return monitorConfig.superviseSeconds;
    }

    private static final long FIRST_SUPERVISION_MILLIS = 2000;

    @PostConstruct
    void init() {
        long period = Math.max(1, monitorConfig.superviseSeconds) * 1000;
        // the first tick soon after boot: fabrics come back after a crash without waiting a whole period
        timers.createIntervalTimer(Math.min(period, FIRST_SUPERVISION_MILLIS), period,
                new TimerConfig("fabric supervision", false));
        LOG.info(() -> "fabric manager ready; supervision every " + monitorConfig.superviseSeconds + " s");
    }

    @PreDestroy
    void shutdown() {
        shuttingDown = true;
        running.keySet().forEach(f -> {
            stopSubscriber(f, Duration.ofSeconds(10));
            ownership.release(f, "node " + nodes.nodeId() + " shut down");
        });
    }

    /** Supervision tick (ept-reference 1.6: every 15 s by default). */
    @Timeout
    void supervise() {
        if (shuttingDown) {
            return;
        }
        lastSupervisionMillis = System.currentTimeMillis();
        try {
            for (Document fabric : fabrics.listFabrics()) {
                if (Boolean.TRUE.equals(fabric.getBoolean("auto_start"))) {
                    supervise(fabric);
                }
            }
        } catch (RuntimeException e) {
            // Storage or Redis down: report once a minute, keep supervising.
            long last = lastFailureLogged.getOrDefault("supervise", 0L);
            if (System.currentTimeMillis() - last > 60_000) {
                lastFailureLogged.put("supervise", System.currentTimeMillis());
                LOG.log(Level.WARNING, "fabric supervision failed: " + e.getMessage());
            }
        }
    }

    /**
     * Starts or restarts one auto-start fabric's subscriber if it needs it. Synchronized like {@link #leaseTaken}: a
     * lease taken at boot and the first supervision tick would otherwise both find no subscriber and start one each.
     */
    private synchronized void supervise(Document fabric) {
        String name = fabric.getString("fabric");
        if (!ownership.holds(name)) {
            return; // another node runs it, or FabricOwnership takes its lease on its next tick
        }
        Running current = running.get(name);
        if (current != null && current.thread().isAlive()) {
            if (current.subscriber().state() == FabricSubscriber.State.RUNNING) {
                loggedIn.add(name);
            }
            return;
        }
        FabricSubscriber finished = current == null ? null : current.subscriber();
        if (finished != null && !willRetry(name, finished)) {
            fabrics.setFabricFields(name, Map.of("auto_start", false));
            return; // a permanent failure (credentials, rights, version): restarting cannot help
        }
        boolean requested = finished != null && finished.stopReason() != null
                && finished.stopReason().restartsAtOnce();
        double restartTs = fabric.get("restart_ts", Number.class) == null ? 0 : fabric.get("restart_ts", Number.class).doubleValue();
        if (!startsNow(finished != null, requested, now() - restartTs, monitorConfig.restartSuppressionSeconds)) {
            return;
        }
        startSubscriber(name, finished == null ? "auto start" : "restarting after: " + finished.failure());
    }

    /**
     * Whether the supervision starts a fabric's subscriber on this tick. The suppression period (ept-reference 1.6)
     * holds back the restart of a subscriber that ended on this node, so a failing fabric does not restart in a
     * loop; a fabric this node has not run since it booted (after a crash or a restart of the server) starts at
     * once, whenever its last start was.
     */
    static boolean startsNow(boolean endedOnThisNode, boolean restartRequested, double secondsSinceLastStart,
                             long suppressionSeconds) {
        return !endedOnThisNode || restartRequested || secondsSinceLastStart >= suppressionSeconds;
    }

    /**
     * Whether the supervision restarts a subscriber that ended. A failure that restarting cannot cure (wrong
     * credentials, rights, version, certificate) stops the fabric, except a refused login with credentials the APIC
     * accepted before on this node: an AAA server that is briefly down or rejecting must not stop monitoring for good.
     */
    private boolean willRetry(String fabric, FabricSubscriber finished) {
        StopReason reason = finished.stopReason();
        if (reason == null || reason.restartable(false)) {
            return true;
        }
        if (reason.restartable(loggedIn.contains(fabric))) { // a refused login the APIC accepted before
            long last = lastFailureLogged.getOrDefault("login:" + fabric, 0L);
            if (System.currentTimeMillis() - last > 60_000) {
                lastFailureLogged.put("login:" + fabric, System.currentTimeMillis());
                LOG.warning(() -> "fabric " + fabric + ": the APIC refused a login that it accepted before; retrying");
            }
            return true;
        }
        return false;
    }

    /**
     * Sets auto_start and starts the fabric's subscriber (restarts it when it is running) on the node that holds its
     * lease: here, on the holder (asked over Redis), or, when no node holds it, on the node that takes it next.
     */
    public synchronized void start(String fabric, String reason) {
        String why = reason == null || reason.isBlank() ? "user requested start" : reason;
        fabrics.requireFabric(fabric);
        fabrics.setFabricFields(fabric, Map.of("auto_start", true));
        if (ownership.holds(fabric)) {
            restartHere(fabric, why);
        } else if (ownership.heldElsewhere(fabric).isPresent()) {
            askHolder(fabric, "start", why);
        } else if (!ownership.takeNow(fabric, why)) {
            fabrics.addEvent(fabric, new FabricEvent(now(), "waiting to start",
                    nodes.missingRoles().isEmpty() ? "another node takes its lease" : "no active node provides "
                            + nodes.missingRoles()));
        }
    }

    private void restartHere(String fabric, String reason) {
        loggedIn.remove(fabric); // perhaps new credentials: a refused login is final again until one succeeds
        stopSubscriber(fabric, Duration.ofSeconds(30));
        startSubscriber(fabric, reason);
    }

    /** Clears auto_start and stops the fabric's subscriber, wherever it runs. */
    public synchronized void stop(String fabric, String reason) {
        String why = reason == null || reason.isBlank() ? "user requested stop" : reason;
        fabrics.requireFabric(fabric);
        fabrics.setFabricFields(fabric, Map.of("auto_start", false, "restart_ts", now()));
        stopHere(fabric, why);
        if (ownership.heldElsewhere(fabric).isPresent()) {
            askHolder(fabric, "stop", why);
        }
        fabrics.addEvent(fabric, new FabricEvent(now(), "stopped", why));
    }

    private void stopHere(String fabric, String reason) {
        stopSubscriber(fabric, Duration.ofSeconds(30));
        ownership.release(fabric, reason);
    }

    private void askHolder(String fabric, String action, String reason) {
        infrastructure.redis().publish(RedisSubscriber.FABRIC_CONTROL_CHANNEL, JsonSupport.JSON.createObjectBuilder()
                .add("fabric", fabric).add("action", action).add("reason", reason).build().toString());
    }

    /** A start or stop asked of this node because it holds the fabric's lease. */
    public void onFabricControl(@Observes RedisMessage message) {
        if (!RedisSubscriber.FABRIC_CONTROL_CHANNEL.equals(message.channel())) {
            return;
        }
        JsonObject json = message.json();
        if (json == null || !(json.get("fabric") instanceof jakarta.json.JsonString fabric)
                || !(json.get("action") instanceof jakarta.json.JsonString action)) {
            LOG.warning(() -> "ignoring malformed fabric control request: " + message.message());
            return;
        }
        String reason = json.getString("reason", "requested on another node");
        synchronized (this) {
            if (!ownership.holds(fabric.getString())) {
                return;
            }
            switch (action.getString()) {
                case "start" -> restartHere(fabric.getString(), reason);
                case "stop" -> stopHere(fabric.getString(), reason);
                default -> LOG.warning(() -> "ignoring unknown fabric control action: " + message.message());
            }
        }
    }

    @Override
    public synchronized void leaseTaken(String fabric, String reason) {
        if (shuttingDown) {
            return;
        }
        loggedIn.remove(fabric);
        stopSubscriber(fabric, Duration.ofSeconds(30)); // a leftover of an earlier lease, if any
        startSubscriber(fabric, reason);
    }

    /** Not synchronized: a lost lease stops the subscriber even while a start or stop holds the manager. */
    @Override
    public void leaseEnded(String fabric, String reason, boolean wait) {
        Running current = running.get(fabric);
        if (current == null) {
            return;
        }
        current.subscriber().revoke(reason);
        if (!wait) {
            running.remove(fabric, current); // nothing that may hang: the store may be what is unreachable
            return;
        }
        stopSubscriber(fabric, Duration.ofSeconds(10));
        try {
            fabrics.addEvent(fabric, new FabricEvent(now(), "stopped", "node " + nodes.nodeId() + ": " + reason));
        } catch (RuntimeException e) {
            LOG.warning(() -> "fabric " + fabric + ": could not log the end of its lease: " + e.getMessage());
        }
    }

    @Override
    public FabricLeases.SubscriberReport report(String fabric) {
        Status status = localStatus(fabric);
        Running current = running.get(fabric);
        double started = current == null ? 0 : current.subscriber().startedMillis() / 1000.0;
        return new FabricLeases.SubscriberReport(status.status(), status.reason(), started);
    }

    /** A fabric's monitor status; {@code node} runs its subscriber (empty when none does). */
    public record Status(String status, double uptime, String reason, String node) {

        Status(String status, double uptime, String reason) {
            this(status, uptime, reason, "");
        }
    }

    /**
     * The fabric's status wherever its subscriber runs: this node's own view when it holds the lease, else what the
     * holder recorded with its last renewal.
     */
    public Status status(String fabric) {
        if (!ownership.holds(fabric) && !running.containsKey(fabric)) {
            java.util.Optional<FabricLease> elsewhere = ownership.heldElsewhere(fabric);
            if (elsewhere.isPresent()) {
                FabricLease lease = elsewhere.get();
                double uptime = lease.started() > 0 ? Math.max(0, now() - lease.started()) : 0;
                return new Status(lease.status().isEmpty() ? "starting" : lease.status(), uptime, lease.reason(),
                        lease.owner());
            }
        }
        Status local = localStatus(fabric);
        return "stopped".equals(local.status()) ? local
                : new Status(local.status(), local.uptime(), local.reason(), nodes.nodeId());
    }

    /**
     * running / starting / stopped, or degraded while the fabric's monitor runs (or waits for its restart) but cannot
     * do its work fully: a dependency (MongoDB, Redis) or the APIC does not answer; the reason says which.
     */
    private Status localStatus(String fabric) {
        Running current = running.get(fabric);
        Document doc;
        try {
            doc = fabrics.requireFabric(fabric);
        } catch (com.mongodb.MongoException e) {
            // the store is down: what this node knows of its subscriber still answers
            if (current == null) {
                throw e;
            }
            return new Status("degraded", 0, "mongodb: " + e.getMessage());
        }
        String dependencies = health.describeProblems();
        if (current != null && current.thread().isAlive()) {
            Number ts = doc.get("restart_ts", Number.class);
            double uptime = Math.max(0, now() - (ts == null ? now() : ts.doubleValue()));
            boolean monitoring = current.subscriber().state() == FabricSubscriber.State.RUNNING;
            String apic = current.subscriber().apicProblem();
            if (dependencies != null || apic != null) {
                return new Status("degraded", uptime, dependencies != null ? dependencies : apic);
            }
            return new Status(monitoring ? "running" : "starting", uptime, "");
        }
        String reason = current == null || current.subscriber().failure() == null ? "" : current.subscriber().failure();
        if (current != null && Boolean.TRUE.equals(doc.getBoolean("auto_start")) && !shuttingDown
                && willRetry(fabric, current.subscriber())) {
            // died and waits for the supervision to restart it
            return new Status("degraded", 0, (dependencies != null ? dependencies + "; " : "") + "monitor restarting after: "
                    + reason);
        }
        return new Status("stopped", 0, reason);
    }

    /**
     * The state of each fabric's subscriber on this node, without touching the store: starting, building, running,
     * failed or stopped (a fabric whose subscriber never ran here is absent).
     */
    public Map<String, String> subscriberStates() {
        Map<String, String> states = new java.util.TreeMap<>();
        running.forEach((fabric, current) -> {
            FabricSubscriber.State state = current.subscriber().state();
            boolean alive = current.thread().isAlive();
            states.put(fabric, alive || state == FabricSubscriber.State.FAILED
                    ? state.name().toLowerCase(java.util.Locale.ROOT) : "stopped");
        });
        return states;
    }

    /** Whether the fabric's subscriber runs, here or on another node. */
    public boolean isRunning(String fabric) {
        Running current = running.get(fabric);
        return current != null && current.thread().isAlive() || ownership.heldElsewhere(fabric).isPresent();
    }

    private void startSubscriber(String fabric, String reason) {
        Set<String> missing = nodes.missingRoles();
        if (!missing.isEmpty()) {
            fabrics.addEvent(fabric, new FabricEvent(now(), "waiting to start", "no active node provides " + missing));
            return;
        }
        Document doc = fabrics.requireFabric(fabric);
        SubscriberSettings settings = SubscriberSettings.of(doc, fabrics.settings(fabric), fabrics,
                apicConfig.verifyTls, Duration.ofSeconds(monitorConfig.maxBuildSeconds));
        fabrics.setFabricFields(fabric, Map.of("restart_ts", now()));
        fabrics.addEvent(fabric, new FabricEvent(now(), "starting", reason));
        Running previous = running.get(fabric);
        if (previous != null && previous.subscriber().loggedIn()) {
            loggedIn.add(fabric);
        }
        if (previous != null && previous.thread().isAlive()) {
            // never two subscribers of one fabric: both would build the mirror and hold a websocket
            LOG.warning(() -> "fabric " + fabric + ": a subscriber still runs; stopping it before starting another");
            stopSubscriber(fabric, Duration.ofSeconds(30));
        }
        FabricSubscriber subscriber = new FabricSubscriber(settings, environment(fabric, ownership.token(fabric)),
                this::announceFlush);
        Thread thread = threads.newThread(subscriber);
        thread.setName("ept-subscriber-" + fabric);
        running.put(fabric, new Running(subscriber, thread));
        thread.start();
        LOG.info(() -> "fabric " + fabric + ": subscriber started (" + reason + ")");
    }

    private void stopSubscriber(String fabric, Duration wait) {
        Running current = running.remove(fabric);
        if (current == null) {
            return;
        }
        current.subscriber().requestStop();
        try {
            current.thread().join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (current.thread().isAlive()) {
            current.thread().interrupt();
        }
    }

    /** Asks the node running the fabric's subscriber for a dataplane refresh of one endpoint. */
    public void refresh(String fabric, int vnid, String addr, EpmType type) {
        infrastructure.redis().publish(RedisSubscriber.REFRESH_CHANNEL, JsonSupport.JSON.createObjectBuilder().add("fabric", fabric)
                .add("vnid", vnid).add("addr", addr).add("type", type.wireName()).build().toString());
    }

    /**
     * A dependency went down or came back: each fabric monitored here logs it in its event log (the dashboard's
     * history of degraded periods). While MongoDB itself is down the entry cannot be written; the log says so.
     */
    public void onDependencyChange(@Observes io.ept.platform.DependencyHealth.Change change) {
        FabricEvent event = change.healthy()
                ? new FabricEvent(now(), "running", "dependencies answer again")
                : new FabricEvent(now(), "degraded", String.join("; ", change.problems().values().stream()
                .map(io.ept.platform.DependencyHealth.Problem::describe).toList()) + "; work waits");
        running.forEach((fabric, current) -> {
            if (!current.thread().isAlive()) {
                return;
            }
            try {
                fabrics.addEvent(fabric, event);
            } catch (RuntimeException e) {
                LOG.warning(() -> "fabric " + fabric + ": could not log '" + event.status() + ": " + event.description()
                        + "': " + e.getMessage());
            }
        });
    }

    /** Observer of Redis refresh requests (public: an EJB observer must be a business method). */
    public void onRefreshRequest(@Observes RedisMessage message) {
        if (!RedisSubscriber.REFRESH_CHANNEL.equals(message.channel())) {
            return;
        }
        JsonObject json = message.json();
        if (json == null || !json.containsKey("fabric") || !json.containsKey("vnid") || !json.containsKey("addr")) {
            LOG.warning(() -> "ignoring malformed refresh request: " + message.message());
            return;
        }
        Running current = running.get(json.getString("fabric"));
        if (current == null) {
            return; // another node runs this fabric, or it is stopped
        }
        String addr = json.getString("addr");
        String type = json.getString("type", "");
        EpmType epmType = "mac".equals(type) || (type.isEmpty() && addr.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}"))
                ? EpmType.MAC : EpmType.IP;
        current.subscriber().requestRefresh(new DataplaneRefresher.Request(json.getInt("vnid"), addr, epmType));
    }

    /** Workers and watchers of every node re-read the fabric's settings. */
    public void reloadSettings(String fabric) {
        announceFlush(fabric, "settings");
    }

    /** Every node's workers drop cached lookups of this fabric's changed table. */
    void announceFlush(String fabric, String collection) {
        try {
            infrastructure.redis().publish(RedisSubscriber.FLUSH_CHANNEL, JsonSupport.JSON.createObjectBuilder().add("fabric", fabric)
                    .add("cache", collection).build().toString());
        } catch (RuntimeException e) {
            LOG.warning(() -> "cache flush broadcast for " + fabric + "/" + collection + " failed: " + e.getMessage());
        }
    }

    /**
     * What a subscriber reaches; its work carries the fencing token of the lease it was started under, and is
     * refused here once this node may no longer act on that lease.
     */
    private MonitorEnvironment environment(String fabric, long token) {
        return new MonitorEnvironment() {
            @Override
            public FabricRepository fabrics() {
                return fabrics;
            }

            @Override
            public MongoDatabase database() {
                return infrastructure.database();
            }

            @Override
            public RedisClient redis() {
                return infrastructure.redis();
            }

            @Override
            public void sendToWorkers(List<WorkItem> items) {
                checkLease();
                queues.toWorkers(items, fabric, token);
            }

            @Override
            public void sendToWatcher(List<WorkItem> items, long deliveryDelayMillis) {
                checkLease();
                queues.toWatcher(items, deliveryDelayMillis, fabric, token);
            }

            private void checkLease() {
                if (!ownership.mayAct(fabric, token)) {
                    throw new SubscriberStop(StopReason.failure("node " + nodes.nodeId()
                            + " no longer holds the lease of fabric " + fabric));
                }
            }

            @Override
            public PipelineMetrics metrics() {
                return metrics;
            }

            @Override
            public WorkerGroups workerGroups() {
                return workerGroups;
            }

            @Override
            public java.util.concurrent.ThreadFactory threads() {
                return threads;
            }
        };
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
