package io.ept.monitor;

import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ept.sim.topology.Topology;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wired subscriber on its own thread against the simulator: build, then configuration and node events; a
 * leaf coming back ends it with a typed rebuild reason, a requested stop ends it without one.
 */
class FabricSubscriberTest {

    private MonitorTestBed bed;
    private FabricSubscriber subscriber;
    private Thread thread;

    @BeforeEach
    void start() throws IOException {
        bed = new MonitorTestBed(true);
        bed.acknowledgeBuilds();
        subscriber = new FabricSubscriber(bed.settings(), bed.env(), (fabric, table) -> { });
        thread = new Thread(subscriber, "test-subscriber");
        thread.start();
        await(() -> subscriber.state() == FabricSubscriber.State.RUNNING || !thread.isAlive(), "running");
        assertEquals(FabricSubscriber.State.RUNNING, subscriber.state(), "failure: " + subscriber.failure());
    }

    @AfterEach
    void stop() throws Exception {
        subscriber.requestStop();
        thread.join(10_000);
        bed.close();
    }

    /** Waits (at most a minute) for a state the subscriber's thread reaches. */
    private static void await(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    @Test
    void theBuildSendsEveryEndpointRecordAndResumesTheWatchers() {
        long built = bed.sentBatches().stream().filter(b -> b.build() != null).mapToLong(b -> b.events().size()).sum();
        assertTrue(built > 0);
        assertTrue(bed.logged("running", "fabric monitor running: " + built + " endpoint records analysed"),
                String.valueOf(bed.loggedEvents()));
        assertFalse(bed.redis().exists(BuildCoordinator.pauseKey(MonitorTestBed.FABRIC)), "watchers resumed");
        assertTrue(subscriber.loggedIn());
        assertNull(subscriber.apicProblem());
    }

    @Test
    void aLeafLeavingHandsItsEndpointsToTheWatcherAndItsReturnEndsTheSubscriberForARebuild() throws Exception {
        bed.sim.control().leafDown(101);
        await(() -> bed.toWatcher.stream().anyMatch(i -> WorkTypes.WATCH_NODE.equals(i.type())), "watch_node");
        WorkItem watch = bed.toWatcher.get(0);
        assertEquals(MonitorTestBed.FABRIC + "|node|101", watch.groupKey());
        await(() -> "inactive".equals(node(101).getString("state")), "node state");
        assertEquals(FabricSubscriber.State.RUNNING, subscriber.state());

        bed.sim.control().leafUp(101);
        thread.join(30_000);
        assertEquals(FabricSubscriber.State.FAILED, subscriber.state());
        assertEquals(new StopReason(StopReason.Kind.REBUILD, "restart: leaf 101 became active"), subscriber.stopReason());
        assertTrue(bed.logged("failed", "restart: leaf 101 became active"));
        assertFalse(bed.redis().exists(BuildCoordinator.pauseKey(MonitorTestBed.FABRIC)));
    }

    @Test
    void aRequestedStopIsNoFailure() throws Exception {
        subscriber.requestStop();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertEquals(FabricSubscriber.State.STOPPED, subscriber.state());
        assertNull(subscriber.stopReason());
    }

    @Test
    void aDroppedWebsocketIsReopenedAndResubscribedWithoutARebuild() throws Exception {
        assertTrue(bed.sim.control().dropWebsockets() > 0);
        await(() -> bed.logged("running", "websocket gap reconciled"), "the gap reconciled");
        await(() -> subscriber.apicProblem() == null, "status back to running");
        assertTrue(thread.isAlive());
        assertEquals(FabricSubscriber.State.RUNNING, subscriber.state());
        assertTrue(bed.logged("degraded", "websocket is not connected"), String.valueOf(bed.loggedEvents()));
        assertEquals(1, bed.loggedEvents().stream().filter(e -> e.description().startsWith("fabric monitor running")).count(),
                "built once: no rebuild");
        assertFalse(bed.loggedEvents().stream().anyMatch(e -> e.status().equals("failed")), String.valueOf(bed.loggedEvents()));

        // every subscription is live again on the new socket: a move's events arrive
        long before = received(bed);
        Topology.Endpoint host = hostOnOneLeaf(bed);
        assertTrue(bed.sim.control().move(host.mac, host.leaf == 101 ? 102 : 101, "eth1/41", null, null, null) > 0);
        await(() -> received(bed) > before, "live events on the reopened websocket");
    }

    @Test
    void aHostMovedWhileTheWebsocketWasDownEndsUpWithTheRightStoredState() throws Exception {
        try (MonitorTestBed analysed = new MonitorTestBed(true)) {
            analysed.analyseWork();
            FabricSubscriber monitor = new FabricSubscriber(analysed.settings(), analysed.env(), (fabric, table) -> { });
            Thread running = new Thread(monitor, "test-subscriber-analysed");
            running.start();
            try {
                await(() -> monitor.state() == FabricSubscriber.State.RUNNING || !running.isAlive(), "running");
                Topology.Endpoint host = hostOnOneLeaf(analysed);
                int from = host.leaf;
                int to = from == 101 ? 102 : 101;
                await(() -> liveNodes(analysed, host.mac).contains(from), "the host stored on leaf " + from);

                // no websocket (logins refused, so it cannot be reopened) while the host moves: its events are lost
                analysed.sim.control().faults().refuseLogins(true);
                assertTrue(analysed.sim.control().dropWebsockets() > 0);
                assertTrue(analysed.sim.control().move(host.mac, to, "eth1/42", null, null, null) > 0);
                await(() -> String.valueOf(monitor.apicProblem()).contains("resubscribing"), "degraded: resubscribing");
                assertEquals(0, liveEventsSent(analysed), "nothing of the move arrived");
                analysed.sim.control().faults().refuseLogins(false);

                await(() -> analysed.logged("running", "websocket gap reconciled"), "the gap reconciled");
                await(() -> liveNodes(analysed, host.mac).equals(truthNodes(analysed, host.mac)),
                        "stored nodes " + liveNodes(analysed, host.mac) + " = simulator's " + truthNodes(analysed, host.mac));
                assertTrue(liveNodes(analysed, host.mac).contains(to));
                assertFalse(liveNodes(analysed, host.mac).contains(from) && !truthNodes(analysed, host.mac).contains(from));
                Document local = analysed.mongo.database().getCollection("ept.history").find(new Document("fabric",
                        MonitorTestBed.FABRIC).append("addr", host.mac).append("node", to)).first();
                assertEquals("eth1/42", local.getList("events", Document.class).get(0).getString("intf_id"));
                assertEquals(FabricSubscriber.State.RUNNING, monitor.state());
                await(() -> monitor.apicProblem() == null, "status back to running");
            } finally {
                monitor.requestStop();
                running.join(10_000);
            }
        }
    }

    @Test
    void repeatedResubscribeFailuresEndTheSubscriberForARestart() throws Exception {
        try (MonitorTestBed failing = new MonitorTestBed(true)) {
            failing.acknowledgeBuilds();
            FabricSubscriber monitor = new FabricSubscriber(failing.settings(), failing.env(), (fabric, table) -> { },
                    new io.ept.platform.Backoff(50, 100, 3));
            Thread running = new Thread(monitor, "test-subscriber-failing");
            running.start();
            await(() -> monitor.state() == FabricSubscriber.State.RUNNING || !running.isAlive(), "running");
            failing.sim.control().faults().refuseLogins(true);
            failing.sim.control().dropWebsockets();
            running.join(30_000);
            assertEquals(FabricSubscriber.State.FAILED, monitor.state());
            StopReason reason = monitor.stopReason();
            assertEquals(StopReason.Kind.LOGIN_REFUSED, reason.kind(), reason.description());
            assertTrue(reason.description().contains("resubscribing failed 3 times"), reason.description());
            assertTrue(reason.restartable(monitor.loggedIn()), "the supervision restarts it: these credentials worked");
        }
    }

    private static Topology.Endpoint hostOnOneLeaf(MonitorTestBed bed) {
        return bed.sim.control().topology().endpoints.stream()
                .filter(e -> e.leaf != null && e.vpc == null && e.mac != null).findFirst().orElseThrow();
    }

    /** Nodes whose stored MAC history of {@code mac} does not end in a delete. */
    private static java.util.Set<Integer> liveNodes(MonitorTestBed bed, String mac) {
        java.util.Set<Integer> nodes = new java.util.TreeSet<>();
        for (Document row : bed.mongo.database().getCollection("ept.history").find(new Document("fabric",
                MonitorTestBed.FABRIC).append("addr", mac.toUpperCase()).append("type", "mac"))) {
            List<Document> events = row.getList("events", Document.class, List.of());
            if (!events.isEmpty() && !"deleted".equals(events.get(0).getString("status"))) {
                nodes.add(row.get("node", Number.class).intValue());
            }
        }
        return nodes;
    }

    /** Nodes holding an epmMacEp of {@code mac} on the simulator. */
    private static java.util.Set<Integer> truthNodes(MonitorTestBed bed, String mac) {
        java.util.Set<Integer> nodes = new java.util.TreeSet<>();
        for (java.util.Map<String, Object> r : bed.sim.control().groundTruth(mac)) {
            if ("epmMacEp".equals(r.get("class"))) {
                nodes.add(((Number) r.get("node")).intValue());
            }
        }
        return nodes;
    }

    @Test
    void eventsWaitingForTheBatchingWindowAreSentWhenTheSubscriberEnds() throws Exception {
        // a second subscriber whose batching window outlasts the test: its live events leave only when it ends
        try (MonitorTestBed slow = new MonitorTestBed(true, io.ept.messaging.WorkerGroups.of(4, 100, 600_000))) {
            slow.acknowledgeBuilds();
            FabricSubscriber waiting = new FabricSubscriber(slow.settings(), slow.env(), (fabric, table) -> { },
                    new io.ept.platform.Backoff(50, 100, 2));
            Thread running = new Thread(waiting, "test-subscriber-2");
            running.start();
            await(() -> waiting.state() == FabricSubscriber.State.RUNNING || !running.isAlive(), "running");
            io.ept.sim.topology.Topology.Endpoint host = slow.sim.control().topology().endpoints.stream()
                    .filter(e -> e.leaf != null && e.vpc == null).findFirst().orElseThrow();
            int otherLeaf = host.leaf == 101 ? 102 : 101;
            assertTrue(slow.sim.control().move(host.ips.isEmpty() ? host.mac : host.ips.get(0), otherLeaf, "eth1/40",
                    null, null, null) > 0, "the simulator sends the move");
            await(() -> received(slow) > 0, "the move's events received");
            assertEquals(0, liveEventsSent(slow), "still inside the batching window");

            slow.sim.control().faults().refuseLogins(true); // the lost websocket cannot be reopened: the subscriber ends
            slow.sim.control().dropWebsockets();
            running.join(30_000);
            assertEquals(FabricSubscriber.State.FAILED, waiting.state());
            assertEquals(received(slow), liveEventsSent(slow), "every received event was sent to the workers");
        }
    }

    private static long received(MonitorTestBed bed) {
        return bed.metrics.snapshot().getJsonNumber("liveReceived").longValue();
    }

    private static long liveEventsSent(MonitorTestBed bed) {
        return bed.sentBatches().stream().filter(b -> b.build() == null).mapToLong(b -> b.events().size()).sum();
    }

    private Document node(int id) {
        return bed.mongo.database().getCollection("ept.node").find(new Document("fabric", MonitorTestBed.FABRIC)
                .append("node", id)).first();
    }
}
