package io.ept.monitor;

import io.ept.apic.ApicException;
import io.ept.apic.ApicMo;
import io.ept.apic.ApicWebsocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscriber's APIC link against the simulator in process: login, failover, busy answers, keep-alive. */
class ApicConnectionTest {

    private MonitorTestBed bed;
    private final StopSignal stop = new StopSignal();
    /** The keep-alive's clock: a due heartbeat is a moved clock, not a wait. */
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start() throws IOException {
        bed = new MonitorTestBed(false);
    }

    @AfterEach
    void stop() throws IOException {
        bed.close();
    }

    private ApicConnection connection(SubscriberSettings settings) {
        return connection(settings, ApicConnection.RESUBSCRIBE);
    }

    /** With the given tries for reopening a lost websocket. */
    private ApicConnection connection(SubscriberSettings settings, io.ept.platform.Backoff resubscribe) {
        FabricEventLog events = bed.events();
        WebsocketFrames frames = new WebsocketFrames(MonitorTestBed.FABRIC, bed.env(),
                new RejectedRecords(MonitorTestBed.FABRIC, bed.mongo.database(), 100), events);
        return new ApicConnection(settings, bed.env(), frames, events, stop, ApicWebsocket.DEFAULT_MAX_FRAME_CHARS,
                resubscribe, clock);
    }

    private static String unusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void theNextControllerIsTriedWhenTheConfiguredHostDoesNotAnswer() throws IOException {
        ApicConnection apic = connection(bed.settings(unusedUrl(), List.of(bed.sim.httpUrl()), bed.sim.password(), 300, 3));
        apic.logIn();
        assertTrue(apic.loggedIn());
        assertEquals(bed.sim.httpUrl(), apic.session().base().toString().replaceFirst("/$", ""));
    }

    @Test
    void noControllerAnsweringIsAFailureARestartMayCure() throws IOException {
        ApicConnection apic = connection(bed.settings(unusedUrl(), List.of(), bed.sim.password(), 300, 3));
        SubscriberStop stopped = assertThrows(SubscriberStop.class, apic::logIn);
        assertEquals(StopReason.Kind.FAILURE, stopped.reason().kind());
        assertTrue(stopped.getMessage().startsWith("failed to connect to any APIC"), stopped.getMessage());
        assertFalse(apic.loggedIn());
    }

    @Test
    void aRefusedLoginIsTypedSoTheSupervisionCanJudgeIt() {
        ApicConnection apic = connection(bed.settings(bed.sim.httpUrl(), List.of(), "wrong", 300, 3));
        SubscriberStop stopped = assertThrows(SubscriberStop.class, apic::logIn);
        assertEquals(StopReason.Kind.LOGIN_REFUSED, stopped.reason().kind());
        assertFalse(stopped.reason().restartable(false), "final for credentials never accepted");
        assertTrue(stopped.reason().restartable(true), "retried when they worked before (AAA briefly down)");
        assertTrue(stopped.getMessage().startsWith("APIC login failed for user 'admin'"), stopped.getMessage());
    }

    @Test
    void aBusyApicIsWaitedForAndReportedMeanwhile() {
        ApicConnection apic = connection(bed.settings());
        apic.logIn();
        bed.sim.control().faults().failNext(503, 2);
        ApicMo info = apic.call(() -> apic.session().mo("info", Map.of()));
        assertNotNull(info, "answered after two busy answers (0.5 s, then 1 s back-off)");
        assertNull(apic.apicProblem(), "the problem clears with the answer");
        assertEquals(1, bed.loggedEvents().stream().filter(e -> e.status().equals("warning")
                && e.description().equals("APIC busy (503): backing off instead of restarting")).count(), "warned once");
    }

    @Test
    void aBusyApicAtLoginIsWaitedForInsteadOfEndingTheSubscriber() {
        // the soak saw a 503 burst at a restart's login end the subscriber, then wait out the restart suppression
        ApicConnection apic = connection(bed.settings());
        bed.sim.control().faults().failNext(503, 2);
        apic.logIn();
        assertTrue(apic.loggedIn());
        assertNull(apic.apicProblem(), "the problem clears with the answer");
    }

    @Test
    void anErrorThatIsNotBusyIsNotRetried() {
        ApicConnection apic = connection(bed.settings());
        apic.logIn();
        bed.sim.control().faults().failNext(500, 1);
        ApicException e = assertThrows(ApicException.class, () -> apic.call(() -> apic.session().mo("info", Map.of())));
        assertEquals(500, e.status());
        assertNotNull(apic.call(() -> apic.session().mo("info", Map.of())), "the next call is not failed");
    }

    /**
     * A link with a heartbeat every second whose token, subscriptions and first heartbeat succeeded, 1.1 s later on
     * its clock: only the heartbeat is due (the token after 300 s, the subscriptions after 60 s).
     */
    private ApicConnection heartbeatDue(int heartbeatRetries) {
        ApicConnection apic = connection(bed.settings(bed.sim.httpUrl(), List.of(), bed.sim.password(), 1, heartbeatRetries));
        apic.logIn();
        apic.openWebsocket();
        apic.subscribe("fvBD");
        apic.maintain();
        assertNull(apic.apicProblem());
        clock.advance(java.time.Duration.ofMillis(1100));
        return apic;
    }

    @Test
    void aBusyKeepAlivePausesInsteadOfFailing() {
        ApicConnection apic = heartbeatDue(3);
        bed.sim.control().faults().failNext(429, 1);
        apic.maintain(); // the heartbeat is due and answers 429
        assertEquals("APIC busy (429), backing off", apic.apicProblem());
        assertTrue(bed.logged("warning", "APIC busy (429)"));

        bed.sim.control().faults().failNext(500, 1);
        apic.maintain(); // within the 1 s pause nothing is sent, so the armed failure is not met
        assertEquals("APIC busy (429), backing off", apic.apicProblem());
        assertThrows(ApicException.class, () -> apic.session().mo("info", Map.of()), "the failure was still armed");
        clock.advance(java.time.Duration.ofMillis(1100));
        apic.maintain();
        assertNull(apic.apicProblem(), "the heartbeat answered after the pause");
    }

    @Test
    void heartbeatFailuresInARowEndTheSubscriber() {
        ApicConnection apic = heartbeatDue(2);
        bed.sim.control().faults().failNext(500, 1);
        apic.maintain(); // the first failure is counted, not fatal, and reported (the fabric shows degraded)
        assertTrue(String.valueOf(apic.apicProblem()).startsWith("APIC heartbeat failed (1/2)"), apic.apicProblem());
        clock.advance(java.time.Duration.ofMillis(1100));
        bed.sim.control().faults().failNext(500, 1);
        SubscriberStop stopped = assertThrows(SubscriberStop.class, apic::maintain);
        assertEquals(StopReason.Kind.FAILURE, stopped.reason().kind());
        assertTrue(stopped.getMessage().startsWith("apic heartbeat failure"), stopped.getMessage());
    }

    @Test
    void aFailedHeartbeatStaysReportedUntilOneSucceeds() {
        ApicConnection apic = heartbeatDue(3);
        bed.sim.control().faults().failNext(500, 1);
        apic.maintain();
        assertTrue(String.valueOf(apic.apicProblem()).startsWith("APIC heartbeat failed (1/3)"), apic.apicProblem());
        apic.maintain(); // no heartbeat due yet: still reported
        assertTrue(String.valueOf(apic.apicProblem()).startsWith("APIC heartbeat failed (1/3)"), apic.apicProblem());
        clock.advance(java.time.Duration.ofMillis(1100));
        apic.maintain(); // the next heartbeat answers
        assertNull(apic.apicProblem());
    }

    @Test
    void aLostWebsocketIsReportedForTheEventLoopAndTheKeepAliveWaits() {
        ApicConnection apic = connection(bed.settings());
        apic.logIn();
        apic.openWebsocket();
        apic.maintain();
        assertNull(apic.websocketLost());
        assertTrue(bed.sim.control().dropWebsockets() > 0);
        String lost = awaitLoss(apic);
        assertTrue(lost.startsWith("websocket is not connected"), lost);
        apic.maintain(); // no keep-alive on a lost socket, and no failure: the loop reopens it
        assertEquals(lost, apic.websocketLost());
    }

    private static String awaitLoss(ApicConnection apic) {
        return org.awaitility.Awaitility.await("the closed socket is noticed").atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(50)).until(apic::websocketLost, java.util.Objects::nonNull);
    }

    @Test
    void aLostWebsocketIsReopenedWithEverySubscription() {
        ApicConnection apic = connection(bed.settings());
        apic.logIn();
        apic.openWebsocket();
        apic.subscribe("fvBD");
        assertNull(apic.websocketLost());
        String firstToken = apic.session().token();
        assertTrue(bed.sim.control().dropWebsockets() > 0);
        String lost = awaitLoss(apic);

        apic.resubscribeAfterLoss(lost);
        assertNull(apic.websocketLost(), "a new websocket is open");
        assertTrue(apic.apicProblem().contains("resubscribing"), "degraded until the gap is reconciled: " + apic.apicProblem());
        assertFalse(firstToken.equals(apic.session().token()), "a new login");
        apic.maintain(); // the subscription of the new session refreshes
        apic.websocketProblem(null);
        assertNull(apic.apicProblem());
        assertTrue(bed.sim.control().dropWebsockets() > 0, "the simulator holds the new socket");
    }

    @Test
    void resubscribingGivesUpAfterItsTriesWithTheLastFailure() {
        ApicConnection apic = connection(bed.settings(), new io.ept.platform.Backoff(10, 20, 3));
        apic.logIn();
        apic.openWebsocket();
        bed.sim.control().faults().refuseLogins(true);
        assertTrue(bed.sim.control().dropWebsockets() > 0);
        String lost = awaitLoss(apic);
        SubscriberStop stopped = assertThrows(SubscriberStop.class, () -> apic.resubscribeAfterLoss(lost));
        assertEquals(StopReason.Kind.LOGIN_REFUSED, stopped.reason().kind(), "typed as the last failure");
        assertTrue(stopped.getMessage().contains("resubscribing failed 3 times"), stopped.getMessage());
    }

    @Test
    void aBusyApicWhileResubscribingIsWaitedForNotCountedAsAFailedTry() {
        ApicConnection apic = connection(bed.settings(), new io.ept.platform.Backoff(10, 20, 2));
        apic.logIn();
        apic.openWebsocket();
        assertTrue(bed.sim.control().dropWebsockets() > 0);
        String lost = awaitLoss(apic);
        bed.sim.control().faults().failNext(503, 3); // more busy answers than the two tries allowed
        apic.resubscribeAfterLoss(lost);
        assertNull(apic.websocketLost(), "reopened once the APIC answered");
    }
}
