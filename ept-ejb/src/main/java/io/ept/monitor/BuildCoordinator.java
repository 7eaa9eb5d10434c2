package io.ept.monitor;

import io.ept.apic.ApicMo;
import redis.clients.jedis.params.SetParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A fabric's full build at every subscriber start (ept-reference 7.1): login and checks, the APIC's facts (overlay
 * vnid, vPC pair type, time zone), watchers paused, subscriptions, the configuration mirror, then every endpoint
 * record sent to the workers with deletes for rows the APIC no longer has, and the wait until the workers have
 * analysed them all. Events arriving meanwhile are replayed through the subscriber's event loop.
 */
public final class BuildCoordinator {

    static final String MIN_VERSION = "2.2(1n)";

    /** What the build needs from the subscriber that runs it. */
    public interface Host {
        /** The watchers are paused and the subscriptions are about to start. */
        void building();

        /** The configuration is mirrored: websocket events are routed from now on. */
        EventRouter startRouting(MoMirror mirror, int overlayVnid, String pairType);

        /** Handles the events queued so far without waiting and without the keep-alive. */
        void handleQueuedEvents();

        /** Handles events for up to {@code waitMillis} and keeps the APIC link alive (while waiting for workers). */
        void handleEventsFor(long waitMillis);
    }

    private final SubscriberSettings settings;
    private final MonitorEnvironment env;
    private final ApicConnection apic;
    private final WebsocketFrames frames;
    private final FabricEventLog events;
    private final StopSignal stop;
    private final BiConsumer<String, String> flushAnnouncer;
    private final EndpointReconciler endpoints;

    public BuildCoordinator(SubscriberSettings settings, MonitorEnvironment env, ApicConnection apic,
                            WebsocketFrames frames, FabricEventLog events, StopSignal stop,
                            BiConsumer<String, String> flushAnnouncer) {
        this.settings = settings;
        this.env = env;
        this.apic = apic;
        this.frames = frames;
        this.events = events;
        this.stop = stop;
        this.flushAnnouncer = flushAnnouncer;
        this.endpoints = new EndpointReconciler(settings.fabric(), env, apic, stop, events, settings.maxBuildTime());
    }

    private String fabric() {
        return settings.fabric();
    }

    /** The key that holds the watchers' rechecks while the build runs. */
    public static String pauseKey(String fabric) {
        return "ept:watch-paused:" + fabric;
    }

    /** Runs the build; the subscriber is running when it returns. */
    public void build(Host host, long startedMillis) {
        apic.logIn();
        ApicMo info = apic.call(() -> apic.session().mo("info", Map.of()));
        String controller = info == null ? "?" : info.attr("id");
        events.add("initializing", "connected to apic-" + controller + ", " + apic.session().base().getHost());
        checkVersions();
        ApicMo overlay = apic.call(() -> apic.session().mo("uni/tn-infra/ctx-overlay-1", Map.of()));
        if (overlay == null || overlay.attr("scope").isEmpty()) {
            throw new SubscriberStop(StopReason.failure("failed to determine overlay vnid from uni/tn-infra/ctx-overlay-1"));
        }
        int overlayVnid = Integer.parseInt(overlay.attr("scope"));
        ApicMo protPol = apic.call(() -> apic.session().mo("uni/fabric/protpol", Map.of()));
        String pairType = protPol == null ? "explicit" : protPol.attr("pairT");
        ApicMo format = apic.call(() -> apic.session().mo("uni/fabric/format-default", Map.of()));
        String tz = format == null ? "" : ("utc".equals(format.attr("displayFormat")) ? "UTC" : format.attr("tz"));
        env.fabrics().setSettingsFields(fabric(), Map.of("overlay_vnid", overlayVnid, "vpc_pair_type", pairType, "tz", tz));

        // Watchers hold their rechecks until the endpoint build is acknowledged (max build time as safety net).
        env.redis().set(pauseKey(fabric()), "1", SetParams.setParams().ex(settings.maxBuildTime().toSeconds()));
        host.building();
        apic.openWebsocket();
        for (String cls : ApicClasses.SLOW) {
            apic.subscribe(cls);
        }
        for (String cls : ApicClasses.CONFIG) {
            apic.subscribe(cls);
        }
        for (String cls : ApicClasses.OPTIONAL_CONFIG) {
            apic.subscribeIfKnown(cls);
        }
        double buildTs = FabricEventLog.now();
        // the subscriptions are refreshed between the steps: mirroring a large fabric outlasts an unrefreshed one
        Map<String, List<ApicMo>> classes = apic.call(() -> FabricReader.readTopologyClasses(apic.session(), apic::maintain));
        MoMirror mirror = new MoMirror(fabric(), env, flushAnnouncer);
        mirror.replaceAll(classes, buildTs, apic::maintain);
        if (!mirror.hasRows("ept.node")) {
            throw new SubscriberStop(StopReason.failure("no nodes found in fabricNode"));
        }
        EventRouter router = host.startRouting(mirror, overlayVnid, pairType);
        if (!settings.queueInitEvents()) {
            frames.drop(cls -> !ApicClasses.EPM.contains(cls), "configuration");
        }
        host.handleQueuedEvents(); // configuration events that arrived during the build
        EpmDispatcher dispatcher = router.dispatcher();
        buildEndpoints(host, dispatcher);
        env.metrics().buildCompleted(fabric(), (System.currentTimeMillis() - startedMillis) / 1000.0);
        events.add("running", "fabric monitor running: " + dispatcher.buildMessages() + " endpoint records analysed"
                + (dispatcher.rejected() > 0 ? ", " + dispatcher.rejected() + " rejected (see ept.rejected)" : ""));
        env.redis().del(pauseKey(fabric()));
    }

    private void checkVersions() {
        List<ApicMo> versions = new ArrayList<>();
        versions.addAll(apic.call(() -> FabricReader.readClass(apic.session(), "firmwareCtrlrRunning", Map.of())));
        versions.addAll(apic.call(() -> FabricReader.readClass(apic.session(), "firmwareRunning", Map.of())));
        boolean anyBelow4 = false;
        for (ApicMo fw : versions) {
            String version = fw.attr("version").replaceFirst("^n9000-1", "");
            if (AciVersion.compare(version, MIN_VERSION) < 0 && fw.className().equals("firmwareCtrlrRunning")) {
                throw new SubscriberStop(StopReason.permanent("APIC version " + version + " is older than the minimum "
                        + MIN_VERSION));
            }
            if (AciVersion.major(version) < 4) {
                anyBelow4 = true;
            }
        }
        if (anyBelow4 && apic.refreshSeconds() > 60) {
            events.add("warning", "subscription refresh limited to 60 seconds: a controller or switch runs a version older than 4.0");
            apic.limitRefreshSeconds(60);
        }
    }

    private void buildEndpoints(Host host, EpmDispatcher dispatcher) {
        String build = UUID.randomUUID().toString();
        for (String cls : ApicClasses.EPM) {
            apic.subscribe(cls);
        }
        long expected = endpoints.sendAll(host, dispatcher, build);
        events.add("initializing", "analyzing " + expected + " endpoint records");
        if (!settings.queueInitEpmEvents()) {
            frames.drop(ApicClasses.EPM::contains, "endpoint");
        }
        host.handleQueuedEvents(); // endpoint events that arrived during the build
        events.add("initializing", "building endpoint db");
        endpoints.awaitWorkers(host, build, expected);
    }
}
