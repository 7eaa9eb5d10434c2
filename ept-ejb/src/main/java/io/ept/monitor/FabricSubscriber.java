package io.ept.monitor;

import io.ept.platform.JsonSupport;
import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.refresh.ApicObject;
import io.ept.analysis.refresh.RefreshPlanner;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.apic.ApicException;
import io.ept.apic.ApicMo;
import io.ept.apic.ApicSession;
import io.ept.apic.ApicTrust;
import io.ept.apic.ApicTrustException;
import io.ept.apic.ApicWebsocket;
import io.ept.fabric.TrustPins;
import io.ept.fabric.FabricEvent;
import io.ept.messaging.EpmWork;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import org.bson.Document;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Projections.slice;
import static com.mongodb.client.model.Projections.fields;

/**
 * Keeps one fabric's mirror exact: logs in to the APIC, subscribes, builds (configuration, topology tables, every
 * endpoint record), replays what arrived meanwhile, then follows the websocket and keeps the session, the
 * subscriptions and the heartbeat alive (ept-reference 7.1 and 7.3). Any failure ends {@link #run()} with a
 * reason; the manager records it and restarts the subscriber.
 */
public final class FabricSubscriber implements Runnable {

    private static final Logger LOG = Logger.getLogger(FabricSubscriber.class.getName());
    private static final int MAX_QUEUED_FRAMES = 2_000_000;
    private static final String MIN_VERSION = "2.2(1n)";

    public enum State { STARTING, BUILDING, RUNNING, STOPPED, FAILED }

    /** Thrown to end the subscriber: the reason goes into the fabric event log. */
    /** How a refused login's failure begins (the supervision retries it when the credentials worked before). */
    static final String LOGIN_FAILED = "APIC login failed";

    static final class SubscriberStop extends RuntimeException {
        final boolean retry;

        SubscriberStop(String reason, boolean retry) {
            super(reason);
            this.retry = retry;
        }
    }

    private record Frame(List<String> subscriptionIds, List<ApicMo> mos, double ts) {
    }

    /** A dataplane refresh of one endpoint (API, or after a rapid endpoint calmed down). */
    public record RefreshRequest(int vnid, String addr, EpmType type) {
    }

    private final SubscriberSettings settings;
    private final MonitorEnvironment env;
    private final BiConsumer<String, String> flushAnnouncer;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Map<String, String> classBySubscription = new ConcurrentHashMap<>();
    private final Map<String, String> subscriptionByClass = new ConcurrentHashMap<>();
    private final java.util.Queue<RefreshRequest> refreshes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final RejectedRecords rejectedRecords;
    private final int maxFrameChars;
    private final TrustPins trustPins;
    private long lastOversizeEventMillis;

    private volatile State state = State.STARTING;
    private volatile boolean stopRequested;
    private volatile String failure;
    private volatile boolean retryAfterFailure = true;
    private volatile String websocketProblem;
    /** Why the APIC is not answering as it should right now (busy, heartbeat failing), or null: status degraded. */
    private volatile String apicProblem;
    private volatile boolean loggedIn;
    private volatile ApicSession session;
    private volatile ApicWebsocket websocket;
    private volatile long startedMillis = System.currentTimeMillis();

    private MoMirror mirror;
    private EpmDispatcher dispatcher;
    private String pairType = "";
    private int overlayVnid;
    private int refreshSeconds;
    private long lastTokenRefresh;
    private long lastSubscriptionRefresh;
    private long lastHeartbeat;
    private int heartbeatFailures;
    private long busyUntil;
    private int busyStreak;

    public FabricSubscriber(SubscriberSettings settings, MonitorEnvironment env, BiConsumer<String, String> flushAnnouncer) {
        this.settings = settings;
        this.env = env;
        this.flushAnnouncer = flushAnnouncer;
        this.rejectedRecords = new RejectedRecords(settings.fabric(), env.database(),
                config("ept.rejected.max-per-fabric", RejectedRecords.DEFAULT_MAX_PER_FABRIC));
        this.maxFrameChars = config("ept.apic.max-frame-bytes", ApicWebsocket.DEFAULT_MAX_FRAME_CHARS);
        this.trustPins = new TrustPins(env.fabrics());
    }

    /** A MicroProfile Config value, or the default outside a container (unit tests). */
    private static int config(String name, int fallback) {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(name, Integer.class)
                    .filter(v -> v > 0).orElse(fallback);
        } catch (RuntimeException | LinkageError e) {
            return fallback;
        }
    }

    /** How the APIC {@code host} is trusted: CAs with ept.apic.verify-tls, else its pinned certificate. */
    private ApicTrust trust(String host) {
        return ApicTrust.of(settings.verifyTls(), ApicSession.trustHost(host),
                trustPins.pins(fabric(), TrustPins.Kind.APIC_CERT));
    }

    public String fabric() {
        return settings.fabric();
    }

    /** Whether this subscriber's login to the APIC succeeded. */
    public boolean loggedIn() {
        return loggedIn;
    }

    /** Why the APIC does not answer as it should right now, or null. */
    public String apicProblem() {
        return apicProblem;
    }

    public State state() {
        return state;
    }

    public String failure() {
        return failure;
    }

    /** False when restarting cannot help (bad credentials, missing rights, unsupported APIC). */
    public boolean retryAfterFailure() {
        return retryAfterFailure;
    }

    public long startedMillis() {
        return startedMillis;
    }

    public void requestStop() {
        stopRequested = true;
    }

    /** Queues a refresh; it runs on the subscriber's thread between websocket batches. */
    public void requestRefresh(RefreshRequest request) {
        refreshes.add(request);
    }

    @Override
    public void run() {
        startedMillis = System.currentTimeMillis();
        org.jboss.logging.MDC.put("fabric", fabric()); // fields of the JSON log
        org.jboss.logging.MDC.put("component", "subscriber");
        try {
            startUp();
            state = State.RUNNING;
            while (!stopRequested) {
                processFrames(1000);
                maintain();
            }
            state = State.STOPPED;
        } catch (SubscriberStop stop) {
            fail(stop.getMessage(), stop.retry);
        } catch (ApicException e) {
            fail(e.getMessage(), true);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "fabric " + fabric() + " subscriber failed", e);
            fail("unexpected failure: " + e, true);
        } finally {
            closeSocket(websocket);
            env.redis().del(pauseKey());
        }
    }

    private void fail(String reason, boolean retry) {
        if (stopRequested) {
            state = State.STOPPED;
            return;
        }
        failure = reason;
        retryAfterFailure = retry;
        state = State.FAILED;
        event("failed", reason);
        LOG.warning(() -> "fabric " + fabric() + " monitor stopped: " + reason);
    }

    // ---------------------------------------------------------------- start-up (ept-reference 7.1)

    private void startUp() {
        session = connect();
        loggedIn = true;
        if (!session.hasAdminReadOnAll()) {
            throw new SubscriberStop("insufficient permissions: user '" + settings.username()
                    + "' needs admin read rights in security domain all", false);
        }
        ApicMo info = withBackoff(() -> session.mo("info", Map.of()));
        String controller = info == null ? "?" : info.attr("id");
        event("initializing", "connected to apic-" + controller + ", " + session.base().getHost());
        checkVersions();
        ApicMo overlay = withBackoff(() -> session.mo("uni/tn-infra/ctx-overlay-1", Map.of()));
        if (overlay == null || overlay.attr("scope").isEmpty()) {
            throw new SubscriberStop("failed to determine overlay vnid from uni/tn-infra/ctx-overlay-1", true);
        }
        overlayVnid = Integer.parseInt(overlay.attr("scope"));
        ApicMo protPol = withBackoff(() -> session.mo("uni/fabric/protpol", Map.of()));
        pairType = protPol == null ? "explicit" : protPol.attr("pairT");
        ApicMo format = withBackoff(() -> session.mo("uni/fabric/format-default", Map.of()));
        String tz = format == null ? "" : ("utc".equals(format.attr("displayFormat")) ? "UTC" : format.attr("tz"));
        env.fabrics().setSettingsFields(fabric(), Map.of("overlay_vnid", overlayVnid, "vpc_pair_type", pairType, "tz", tz));

        // Watchers hold their rechecks until the endpoint build is acknowledged (max build time as safety net).
        env.redis().set(pauseKey(), "1", SetParams.setParams().ex(settings.maxBuildTime().toSeconds()));
        state = State.BUILDING;
        openWebsocket();
        for (String cls : ApicClasses.SLOW) {
            subscribe(cls);
        }
        for (String cls : ApicClasses.CONFIG) {
            subscribe(cls);
        }
        for (String cls : ApicClasses.OPTIONAL_CONFIG) {
            try {
                subscribe(cls);
            } catch (ApicException e) {
                if (e.status() != 400) {
                    throw e;
                }
            }
        }
        double buildTs = now();
        Map<String, List<ApicMo>> classes = withBackoff(() -> FabricReader.readTopologyClasses(session));
        mirror = new MoMirror(fabric(), env, flushAnnouncer);
        mirror.replaceAll(classes, buildTs);
        if (mirror.table("ept.node").isEmpty()) {
            throw new SubscriberStop("no nodes found in fabricNode", true);
        }
        dispatcher = new EpmDispatcher(fabric(), env, overlayVnid, rejectedRecords);
        if (!settings.queueInitEvents()) {
            dropQueuedFrames(cls -> !ApicClasses.EPM.contains(cls), "configuration");
        }
        processFrames(0); // configuration events that arrived during the build
        buildEndpoints();
        env.metrics().buildCompleted(fabric(), (System.currentTimeMillis() - startedMillis) / 1000.0);
        event("running", "fabric monitor running: " + dispatcher.buildMessages() + " endpoint records analysed"
                + (dispatcher.rejected() > 0 ? ", " + dispatcher.rejected() + " rejected (see ept.rejected)" : ""));
        env.redis().del(pauseKey());
    }

    private ApicSession connect() {
        List<String> candidates = new ArrayList<>();
        candidates.add(settings.hostname());
        settings.controllers().stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
        List<String> problems = new ArrayList<>();
        for (String host : candidates) {
            try {
                return ApicSession.login(host, settings.username(), settings.password(), trust(host),
                        Duration.ofSeconds(10), Duration.ofSeconds(120)).timeRequests(env.metrics()::apicRequest);
            } catch (ApicTrustException e) {
                // a changed certificate is not a reason to try the next APIC: stop until an admin accepts it
                throw new SubscriberStop(e.getMessage(), false);
            } catch (ApicException e) {
                problems.add(host + ": " + e.getMessage());
                if (e.status() == 401) {
                    throw new SubscriberStop(LOGIN_FAILED + " for user '" + settings.username() + "' on " + host
                            + ": " + e.getMessage(), false);
                }
            } catch (IllegalArgumentException e) {
                throw new SubscriberStop(e.getMessage(), false);
            }
        }
        throw new SubscriberStop("failed to connect to any APIC: " + String.join("; ", problems), true);
    }

    private void checkVersions() {
        refreshSeconds = settings.subscriptionRefreshSeconds();
        List<ApicMo> versions = new ArrayList<>();
        versions.addAll(withBackoff(() -> FabricReader.readClass(session, "firmwareCtrlrRunning", Map.of())));
        versions.addAll(withBackoff(() -> FabricReader.readClass(session, "firmwareRunning", Map.of())));
        boolean anyBelow4 = false;
        for (ApicMo fw : versions) {
            String version = fw.attr("version").replaceFirst("^n9000-1", "");
            if (AciVersion.compare(version, MIN_VERSION) < 0 && fw.className().equals("firmwareCtrlrRunning")) {
                throw new SubscriberStop("APIC version " + version + " is older than the minimum " + MIN_VERSION, false);
            }
            if (AciVersion.major(version) < 4) {
                anyBelow4 = true;
            }
        }
        if (anyBelow4 && refreshSeconds > 60) {
            event("warning", "subscription refresh limited to 60 seconds: a controller or switch runs a version older than 4.0");
            refreshSeconds = 60;
        }
    }

    private void buildEndpoints() {
        String build = UUID.randomUUID().toString();
        // rows of an earlier run that the APIC no longer has get deletes; a new fabric has none to look for
        boolean earlierRows = env.database().getCollection("ept.history").find(eq("fabric", fabric()))
                .projection(include("node")).first() != null;
        SeenRecords seen = new SeenRecords();
        for (String cls : ApicClasses.EPM) {
            subscribe(cls);
            double queryTs = now();
            withBackoff(() -> session.readAll("/api/class/" + cls + ".json", Map.of(), ApicClasses.orderBy(cls), mo -> {
                EpmEvent event = dispatcher.dispatch(mo, queryTs, false, WorkItem.PRIORITY_NORMAL, build);
                if (event != null && earlierRows) {
                    seen.add(event.node(), event.vnid(), event.keyAddr());
                }
                if (dispatcher.buildMessages() % 1000 == 0) {
                    throttleBuild(build);
                }
            }));
            dispatcher.flush();
        }
        event("initializing", "analyzing " + dispatcher.buildMessages() + " endpoint records");
        if (earlierRows) {
            queueVanishedEndpointDeletes(seen, build);
        }
        dispatcher.flush();
        if (!settings.queueInitEpmEvents()) {
            dropQueuedFrames(ApicClasses.EPM::contains, "endpoint");
        }
        processFrames(0); // endpoint events that arrived during the build
        event("initializing", "building endpoint db");
        awaitBuild(build, dispatcher.buildMessages());
    }

    /**
     * Keeps the build at most {@code ept.subscriber.max-build-backlog} records ahead of the workers: reading the APIC
     * is faster than analysing, and millions of queued records would fill the heap (and take CPU the workers need).
     */
    private void throttleBuild(String build) {
        long limit = env.workerGroups().maxBuildBacklog();
        if (limit <= 0) {
            return;
        }
        dispatcher.flush();
        String key = String.format(io.ept.endpoint.EpmWorkService.BUILD_DONE_KEY, fabric(), build);
        while (!stopRequested) {
            String done = env.redis().get(key);
            long processed = done == null ? 0 : Long.parseLong(done);
            if (dispatcher.buildMessages() - processed <= limit) {
                return;
            }
            processFrames(200);
            maintain();
        }
    }

    /** History rows the APIC no longer has (the endpoint vanished while EPT was not watching) get deletes. */
    private void queueVanishedEndpointDeletes(SeenRecords seen, String build) {
        double ts = now();
        for (Document row : env.database().getCollection("ept.history").find(eq("fabric", fabric()))
                .projection(fields(include("node", "vnid", "addr", "type"), slice("events", 1)))
                .batchSize(io.ept.platform.KeyFilter.BATCH_SIZE)) {
            int node = row.get("node", Number.class).intValue();
            int vnid = row.get("vnid", Number.class).intValue();
            String addr = row.getString("addr");
            List<Document> events = row.getList("events", Document.class, List.of());
            if (events.isEmpty() || "deleted".equals(events.get(0).getString("status"))
                    || seen.contains(node, vnid, addr)) {
                continue;
            }
            boolean mac = "mac".equals(row.getString("type"));
            List<EpmClass> classes = mac ? List.of(EpmClass.MAC_EP) : List.of(EpmClass.RS_MAC_EP_TO_IP_EP_ATT, EpmClass.IP_EP);
            for (EpmClass cls : classes) {
                dispatcher.queue(new EpmWork(fabric(), EpmEvent.syntheticDelete(cls, node, vnid, addr, ts), build),
                        WorkItem.PRIORITY_NORMAL);
            }
        }
    }

    /** Waits until the workers processed every build message (their Redis counter), then lets watchers resume. */
    private void awaitBuild(String build, long expected) {
        long deadline = System.currentTimeMillis() + settings.maxBuildTime().toMillis();
        String key = "ept:build:" + fabric() + ":" + build + ":done";
        try {
            while (!stopRequested) {
                String done = env.redis().get(key);
                long processed = done == null ? 0 : Long.parseLong(done);
                if (processed >= expected) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    event("warning", "epm max build time(" + settings.maxBuildTime().toSeconds()
                            + ") exceeded while waiting for workers: " + processed + " of " + expected + " processed");
                    return;
                }
                processFrames(500);
                maintain();
            }
        } finally {
            env.redis().del(key);
        }
    }

    // ---------------------------------------------------------------- events

    private void openWebsocket() {
        ApicWebsocket previous = websocket;
        websocketProblem = null;
        ApicWebsocket opened;
        try {
            opened = ApicWebsocket.connect(session.websocketUri(), session.trust(), Duration.ofSeconds(30), maxFrameChars,
                    websocketListener());
        } catch (ApicTrustException e) {
            throw new SubscriberStop(e.getMessage(), false);
        }
        websocket = opened;
        env.metrics().websocketOpened(fabric());
        closeSocket(previous);
    }

    private ApicWebsocket.Listener websocketListener() {
        return new ApicWebsocket.Listener() {
                    @Override
                    public void onEvents(List<String> ids, List<ApicMo> mos, long receivedMillis) {
                        if (frames.size() >= MAX_QUEUED_FRAMES) {
                            websocketProblem = "event backlog exceeded " + MAX_QUEUED_FRAMES + " frames";
                            env.metrics().dropped(fabric(), "unknown", mos.size());
                            return;
                        }
                        frames.add(new Frame(ids, mos, receivedMillis / 1000.0));
                    }

                    @Override
                    public void onMalformedFrame(String frame, String problem) {
                        LOG.warning(() -> "fabric " + fabric() + ": malformed websocket frame (" + problem + "): "
                                + RejectedRecords.truncate(frame, 300));
                        rejectedRecords.frame(frame, problem, now());
                        env.metrics().dropped(fabric(), "unknown", 1);
                    }

                    @Override
                    public void onOversizeFrame(String prefix, long chars, int limit) {
                        String problem = "websocket frame of " + chars + " characters exceeds the limit of " + limit
                                + " (ept.apic.max-frame-bytes): discarded, its events are lost";
                        LOG.warning(() -> "fabric " + fabric() + ": " + problem);
                        rejectedRecords.frame(prefix, problem, now());
                        env.metrics().dropped(fabric(), "unknown", 1);
                        long nowMillis = System.currentTimeMillis();
                        if (nowMillis - lastOversizeEventMillis > 60_000) { // at most one monitor event a minute
                            lastOversizeEventMillis = nowMillis;
                            event("warning", problem + " (see ept.rejected)");
                        }
                    }

                    @Override
                    public void onClosed(String reason) {
                        websocketProblem = reason;
                    }
                };
    }

    private void subscribe(String cls) {
        String id = withBackoff(() -> session.subscribe("/api/class/" + cls + ".json", refreshTimeout()));
        String old = subscriptionByClass.put(cls, id);
        if (old != null) {
            classBySubscription.remove(old);
        }
        classBySubscription.put(id, cls);
    }

    private Integer refreshTimeout() {
        return refreshSeconds > 60 ? refreshSeconds + 30 : null;
    }

    private void dropQueuedFrames(java.util.function.Predicate<String> ofClass, String what) {
        int dropped = 0;
        List<Frame> kept = new ArrayList<>();
        Frame frame;
        while ((frame = frames.poll()) != null) {
            if (frame.mos().stream().anyMatch(mo -> ofClass.test(mo.className()))) {
                dropped++;
            } else {
                kept.add(frame);
            }
        }
        frames.addAll(kept);
        if (dropped > 0) {
            int count = dropped;
            LOG.info(() -> "fabric " + fabric() + ": " + count + " " + what
                    + " event frames received during the build were not queued (queue_init setting off)");
        }
    }

    /**
     * Handles queued websocket frames; waits up to {@code waitMillis} for the first one (less when queued epm events
     * are due to be sent). Epm events are sent once the dispatcher's batching window has passed, so a worker
     * message carries many events even when frames trickle in.
     */
    private void processFrames(long waitMillis) {
        runRefreshes();
        List<Frame> batch = new ArrayList<>();
        try {
            long wait = dispatcher == null ? waitMillis : Math.min(waitMillis, dispatcher.millisUntilDue());
            Frame first = wait > 0 ? frames.poll(wait, TimeUnit.MILLISECONDS) : frames.poll();
            if (first == null) {
                if (dispatcher != null) {
                    dispatcher.flushIfDue();
                }
                return;
            }
            batch.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            return;
        }
        frames.drainTo(batch, 50_000);
        List<ApicMo> configEvents = new ArrayList<>();
        for (Frame frame : batch) {
            for (ApicMo mo : frame.mos()) {
                String cls = mo.className();
                if (ApicClasses.EPM.contains(cls)) {
                    dispatcher.dispatch(mo, frame.ts(), false, WorkItem.PRIORITY_NORMAL, null);
                } else if ("fabricNode".equals(cls)) {
                    handleNodeEvent(mo, frame.ts());
                } else if ("fabricProtPol".equals(cls)) {
                    String pairT = mo.attr("pairT");
                    if (!pairT.isEmpty() && !pairT.equals(pairType)) {
                        throw new SubscriberStop("restart: vPC pair type changed from " + pairType + " to " + pairT, true);
                    }
                } else if ("fabricExplicitGEp".equals(cls) || "fabricAutoGEp".equals(cls)) {
                    softReset("vPC domain " + mo.status() + ": " + mo.dn());
                } else {
                    configEvents.add(resolveConfigEvent(mo));
                }
            }
        }
        dispatcher.flushIfDue();
        if (!configEvents.isEmpty()) {
            mirror.apply(configEvents, now());
        }
    }

    /**
     * ept-reference 3.11: every object the APIC returns becomes a create event, every live history row it did not
     * return a delete; all forced and sent ahead of the backlog. Runs after the build only.
     */
    private void runRefreshes() {
        if (state != State.RUNNING && state != State.BUILDING || dispatcher == null) {
            return;
        }
        RefreshRequest request;
        while ((request = refreshes.poll()) != null) {
            RefreshRequest r = request;
            List<ApicObject> results = new ArrayList<>();
            if (r.type() == EpmType.MAC) {
                withBackoff(() -> session.readAll("/api/class/epmMacEp.json", RefreshPlanner.macQuery(r.addr()), null))
                        .forEach(mo -> results.add(new ApicObject(mo.className(), mo.attributes())));
            } else {
                withBackoff(() -> session.readAll("/api/class/epmDb.json", RefreshPlanner.ipQuery(r.addr()), null))
                        .forEach(mo -> results.add(new ApicObject(mo.className(), mo.attributes())));
            }
            EndpointKey key = new EndpointKey(fabric(), r.vnid(), r.addr());
            List<EpmEvent> events = refreshPlanner().refresh(key, r.type(), results,
                    new MongoEndpointStore(env.database()).load(key).history().values());
            for (EpmEvent event : events) {
                dispatcher.queue(new EpmWork(fabric(), event, null), WorkItem.PRIORITY_REFRESH);
            }
            dispatcher.flush();
            LOG.fine(() -> "fabric " + fabric() + ": refresh of " + key + " sent " + events.size() + " events");
        }
    }

    private RefreshPlanner refreshPlanner() {
        return new RefreshPlanner(new io.ept.analysis.parse.EpmEventParser(overlayVnid));
    }

    /**
     * vpcRsVpcConf events are not trusted (CSCvm84902) and a modified event for an unknown object cannot be
     * merged: both are re-read from the APIC; not found means deleted.
     */
    private ApicMo resolveConfigEvent(ApicMo mo) {
        boolean untrusted = "vpcRsVpcConf".equals(mo.className());
        boolean unknownModified = "modified".equals(mo.status()) && !mirror.knows(mo.className(), mo.dn());
        if (!untrusted && !unknownModified) {
            return mo;
        }
        ApicMo current = withBackoff(() -> session.mo(mo.dn(), Map.of()));
        if (current == null) {
            return new ApicMo(mo.className(), Map.of("dn", mo.dn(), "status", "deleted"), List.of());
        }
        Map<String, String> attributes = new LinkedHashMap<>(current.attributes());
        attributes.put("status", "created");
        return new ApicMo(current.className(), attributes, List.of());
    }

    /** ept-reference 3.12: a leaf leaving the active state loses its entries; one (re)joining forces a rebuild. */
    private void handleNodeEvent(ApicMo mo, double ts) {
        int node = Dns.node(mo.dn());
        Document known = mirror.table("ept.node").get(node);
        String fabricSt = mo.attr("fabricSt");
        if (known != null && !mo.attr("name").isEmpty() && !mo.attr("name").equals(known.getString("name"))) {
            env.database().getCollection("ept.node").updateOne(
                    new Document("fabric", fabric()).append("node", node), new Document("$set", new Document("name", mo.attr("name"))));
            known.put("name", mo.attr("name"));
        }
        if (fabricSt.isEmpty()) {
            return;
        }
        if (known != null) {
            if (!"leaf".equals(known.getString("role"))) {
                return;
            }
            if ("active".equals(fabricSt)) {
                throw new SubscriberStop("restart: leaf " + node + " became active", true);
            }
            env.database().getCollection("ept.node").updateOne(
                    new Document("fabric", fabric()).append("node", node), new Document("$set", new Document("state", fabricSt)));
            String body = JsonSupport.JSON.createObjectBuilder().add("fabric", fabric()).add("ts", ts).add("node", node)
                    .add("status", fabricSt).build().toString();
            env.sendToWatcher(List.of(new WorkItem(WorkTypes.WATCH_NODE, fabric() + "|node|" + node,
                    WorkItem.PRIORITY_CONTROL, body)), 0);
            event("warning", "leaf " + node + " is " + fabricSt + ": its endpoints are removed");
        } else if ("active".equals(fabricSt)) {
            int pod = Math.max(1, Dns.pod(mo.dn()));
            ApicMo current = withBackoff(() -> session.mo("topology/pod-" + pod + "/node-" + node, Map.of()));
            if (current != null && "leaf".equals(current.attr("role"))) {
                throw new SubscriberStop("restart: new leaf " + node + " became active", true);
            }
        }
    }

    /** vPC domain change: re-read node, vPC, port-channel and tunnel state; any failure becomes a hard restart. */
    private void softReset(String reason) {
        event("soft-reset", reason);
        try {
            Map<String, List<ApicMo>> classes = new HashMap<>();
            for (String cls : List.of("fabricNode", "fabricAutoGEp", "pcAggrIf", "pcRsMbrIfs", "tunnelIf",
                    "vpcRsVpcConf", "topSystem", "firmwareRunning", "firmwareCtrlrRunning")) {
                classes.put(cls, FabricReader.readClass(session, cls, Map.of()));
            }
            classes.put("fabricExplicitGEp", FabricReader.readClass(session, "fabricExplicitGEp",
                    Map.of("rsp-subtree", "full", "rsp-subtree-class", "fabricNodePEp")));
            mirror.replaceClasses(classes, now());
        } catch (RuntimeException e) {
            throw new SubscriberStop("restart: soft reset failed: " + e.getMessage(), true);
        }
    }

    // ---------------------------------------------------------------- keep-alive (ept-reference 7.3)

    private void maintain() {
        if (websocketProblem != null || websocket == null || !websocket.isOpen()) {
            throw new SubscriberStop("websocket is not connected or event handler thread has died"
                    + (websocketProblem != null ? ": " + websocketProblem : ""), true);
        }
        long now = System.currentTimeMillis();
        if (now < busyUntil) {
            return;
        }
        try {
            if (now - session.loginTimeMillis() >= lifetimeMillis()) {
                gracefulResubscribe();
                return;
            }
            if (now - lastTokenRefresh >= session.refreshTimeoutSeconds() * 1000L / 2) {
                session.refreshToken();
                lastTokenRefresh = now;
            }
            if (now - lastSubscriptionRefresh >= refreshSeconds * 1000L) {
                for (Map.Entry<String, String> s : subscriptionByClass.entrySet()) {
                    try {
                        session.refreshSubscription(s.getValue(), refreshTimeout());
                    } catch (ApicException e) {
                        if (e.isBusy()) {
                            throw e;
                        }
                        throw new SubscriberStop("failed to refresh " + s.getKey() + " id " + s.getValue() + ": "
                                + e.getMessage(), true);
                    }
                }
                lastSubscriptionRefresh = now;
            }
            if (settings.heartbeatIntervalSeconds() > 0 && now - lastHeartbeat >= settings.heartbeatIntervalSeconds() * 1000L) {
                lastHeartbeat = now;
                try {
                    session.get("/api/mo/uni.json", Duration.ofSeconds(settings.heartbeatTimeoutSeconds()));
                    heartbeatFailures = 0;
                } catch (ApicException e) {
                    if (e.isBusy()) {
                        throw e; // busy is an answer: the APIC is alive, so back off rather than count a failure
                    }
                    heartbeatFailures++;
                    apicProblem = "APIC heartbeat failed (" + heartbeatFailures + "/" + settings.heartbeatMaxRetries() + "): "
                            + e.getMessage();
                    LOG.warning(() -> "fabric " + fabric() + " heartbeat failed (" + heartbeatFailures + "/"
                            + settings.heartbeatMaxRetries() + "): " + e.getMessage());
                    if (heartbeatFailures >= settings.heartbeatMaxRetries()) {
                        throw new SubscriberStop("apic heartbeat failure: " + e.getMessage(), true);
                    }
                }
            }
            busyStreak = 0;
            apicProblem = null;
        } catch (ApicException e) {
            if (!e.isBusy()) {
                throw e;
            }
            backOff(e);
        }
    }

    private long lifetimeMillis() {
        long lifetime = Math.min(settings.sessionTimeoutSeconds(), session.maximumLifetimeSeconds());
        lifetime = Math.max(900, Math.min(86400, lifetime));
        return (long) (lifetime * 1000 * 0.95);
    }

    /** Before the session's maximum lifetime: new login, new websocket, resubscribe, then drop the old socket. */
    private void gracefulResubscribe() {
        event("re-initializing", "graceful resubscribe before the APIC session lifetime ends");
        session = connect();
        lastTokenRefresh = System.currentTimeMillis();
        openWebsocket();
        for (String cls : new ArrayList<>(subscriptionByClass.keySet())) {
            subscribe(cls);
        }
        lastSubscriptionRefresh = System.currentTimeMillis();
    }

    /** 429/503 mean "slow down": wait with exponential back-off instead of failing. */
    private void backOff(ApicException e) {
        busyStreak++;
        long delay = Math.min(60_000, 1000L << Math.min(6, busyStreak - 1));
        busyUntil = System.currentTimeMillis() + delay;
        apicProblem = "APIC busy (" + e.status() + "), backing off";
        LOG.info(() -> "fabric " + fabric() + ": APIC busy (" + e.status() + "), backing off " + delay + " ms");
        if (busyStreak == 1) {
            event("warning", "APIC busy (" + e.status() + "): backing off instead of restarting");
        }
    }

    private <T> T withBackoff(Supplier<T> call) {
        long deadline = System.currentTimeMillis() + 300_000;
        int attempt = 0;
        while (true) {
            try {
                T result = call.get();
                if (attempt > 0) {
                    apicProblem = null;
                }
                return result;
            } catch (ApicException e) {
                if (!e.isBusy() || System.currentTimeMillis() > deadline || stopRequested) {
                    throw e;
                }
                apicProblem = "APIC busy (" + e.status() + "), retrying";
                long delay = Math.min(30_000, 500L << Math.min(6, attempt));
                LOG.info(() -> "fabric " + fabric() + ": APIC busy (" + e.status() + "), retrying in " + delay + " ms");
                if (attempt++ == 0) {
                    event("warning", "APIC busy (" + e.status() + "): backing off instead of restarting");
                }
                sleep(delay);
            }
        }
    }

    private void withBackoff(Runnable call) {
        withBackoff(() -> {
            call.run();
            return null;
        });
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    private void event(String status, String description) {
        env.fabrics().addEvent(fabric(), new FabricEvent(now(), status, description));
    }

    private String pauseKey() {
        return "ept:watch-paused:" + fabric();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static void closeSocket(ApicWebsocket socket) {
        if (socket != null) {
            socket.close();
        }
    }
}
