package io.ept.monitor;

import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;
import io.ept.apic.ApicWebsocket;
import io.ept.messaging.EpmBatch;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The full build against the simulator, MongoDB and redis: what is sent, what is waited for, what the log says. */
class BuildCoordinatorTest {

    private MonitorTestBed bed;
    private final StopSignal stop = new StopSignal();

    @BeforeEach
    void start() throws IOException {
        bed = new MonitorTestBed(true);
    }

    @AfterEach
    void stop() throws IOException {
        bed.close();
    }

    /** The subscriber's event loop, recording whether the watchers stayed paused while the build waited. */
    private final class Host implements BuildCoordinator.Host {
        final FabricEventLog events = bed.events();
        final WebsocketFrames frames = new WebsocketFrames(MonitorTestBed.FABRIC, bed.env(),
                new RejectedRecords(MonitorTestBed.FABRIC, bed.mongo.database(), 100), events);
        EventLoop loop;
        boolean building;
        boolean pausedWhileWaiting = true;
        int waits;

        BuildCoordinator coordinator(SubscriberSettings settings) {
            ApicConnection apic = new ApicConnection(settings, bed.env(), frames, events, stop,
                    ApicWebsocket.DEFAULT_MAX_FRAME_CHARS);
            loop = new EventLoop(MonitorTestBed.FABRIC, bed.env(), apic, frames,
                    new DataplaneRefresher(MonitorTestBed.FABRIC, bed.env(), apic),
                    new RejectedRecords(MonitorTestBed.FABRIC, bed.mongo.database(), 100), events, stop, () -> building = true,
                    new WebsocketRecovery(MonitorTestBed.FABRIC, apic, events, new EndpointReconciler(MonitorTestBed.FABRIC,
                            bed.env(), apic, stop, events, settings.maxBuildTime()), stop));
            return new BuildCoordinator(settings, bed.env(), apic, frames, events, stop, (fabric, table) -> { });
        }

        @Override
        public void building() {
            loop.building();
        }

        @Override
        public EventRouter startRouting(MoMirror mirror, int overlayVnid, String pairType) {
            return loop.startRouting(mirror, overlayVnid, pairType);
        }

        @Override
        public void handleQueuedEvents() {
            loop.handleQueuedEvents();
        }

        @Override
        public void handleEventsFor(long waitMillis) {
            waits++;
            pausedWhileWaiting &= bed.redis().exists(BuildCoordinator.pauseKey(MonitorTestBed.FABRIC));
            loop.handleEventsFor(waitMillis);
        }
    }

    private SubscriberSettings settings(Duration maxBuildTime) {
        SubscriberSettings s = bed.settings();
        return new SubscriberSettings(s.fabric(), s.hostname(), s.username(), s.password(), s.controllers(),
                s.subscriptionRefreshSeconds(), s.sessionTimeoutSeconds(), s.heartbeatIntervalSeconds(),
                s.heartbeatMaxRetries(), s.heartbeatTimeoutSeconds(), s.queueInitEvents(), s.queueInitEpmEvents(),
                s.verifyTls(), maxBuildTime);
    }

    @Test
    void anEndpointTheApicNoLongerHasGetsDeletesWithTheBuild() {
        bed.mongo.database().getCollection("ept.history").insertOne(new Document("fabric", MonitorTestBed.FABRIC)
                .append("node", 101).append("vnid", 2916352).append("addr", "10.99.99.99").append("type", "ip")
                .append("events", List.of(new Document("status", "created"))));
        bed.acknowledgeBuilds();
        Host host = new Host();
        host.coordinator(settings(Duration.ofSeconds(60))).build(host, System.currentTimeMillis());

        List<EpmEvent> deletes = bed.sentBatches().stream().filter(b -> b.build() != null)
                .flatMap(b -> b.events().stream()).filter(e -> e.synthetic() && e.status() == EventStatus.DELETED).toList();
        assertEquals(2, deletes.size(), "rs and epmIpEp deletes: " + deletes);
        assertTrue(deletes.stream().allMatch(e -> e.node() == 101 && e.vnid() == 2916352), deletes.toString());
        assertTrue(host.building);
        assertTrue(host.pausedWhileWaiting);
        assertFalse(bed.redis().exists(BuildCoordinator.pauseKey(MonitorTestBed.FABRIC)), "watchers resumed");
        Document settings = bed.fabrics.settings(MonitorTestBed.FABRIC);
        assertTrue(settings.get("overlay_vnid", Number.class).intValue() > 0, settings.toJson());
        assertTrue(bed.logged("initializing", "building endpoint db"));
    }

    @Test
    void workersThatDoNotFinishInTheMaxBuildTimeAreWarnedAboutAndTheFabricRunsAnyway() {
        Host host = new Host(); // no worker acknowledges
        host.coordinator(settings(Duration.ofSeconds(2))).build(host, System.currentTimeMillis());

        long built = builtEvents(bed.sentBatches());
        assertTrue(host.waits > 0);
        assertTrue(bed.logged("warning", "epm max build time(2) exceeded while waiting for workers: 0 of " + built
                + " processed"), String.valueOf(bed.loggedEvents()));
        assertTrue(bed.logged("running", "fabric monitor running: " + built + " endpoint records analysed"));
        assertFalse(bed.redis().exists(BuildCoordinator.pauseKey(MonitorTestBed.FABRIC)));
    }

    @Test
    void aRefusedLoginStopsTheBuildBeforeAnythingIsPausedOrSent() {
        Host host = new Host();
        SubscriberSettings s = settings(Duration.ofSeconds(60));
        SubscriberSettings wrongUser = new SubscriberSettings(s.fabric(), s.hostname(), "nobody", s.password(),
                s.controllers(), 60, 5400, 300, 3, 5, true, true, false, s.maxBuildTime());
        SubscriberStop stopped = org.junit.jupiter.api.Assertions.assertThrows(SubscriberStop.class,
                () -> host.coordinator(wrongUser).build(host, System.currentTimeMillis()));
        assertEquals(StopReason.Kind.LOGIN_REFUSED, stopped.reason().kind());
        assertFalse(host.building, "nothing was paused or subscribed");
        assertTrue(bed.sentBatches().isEmpty());
    }

    static long builtEvents(List<EpmBatch> batches) {
        return batches.stream().filter(b -> b.build() != null).mapToLong(b -> b.events().size()).sum();
    }
}
