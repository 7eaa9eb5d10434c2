package io.ept.monitor;

import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
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
    void eventsWaitingForTheBatchingWindowAreSentWhenTheWebsocketDrops() throws Exception {
        // a second subscriber whose batching window outlasts the test: its live events leave only when it ends
        try (MonitorTestBed slow = new MonitorTestBed(true, io.ept.messaging.WorkerGroups.of(4, 100, 600_000))) {
            slow.acknowledgeBuilds();
            FabricSubscriber waiting = new FabricSubscriber(slow.settings(), slow.env(), (fabric, table) -> { });
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
