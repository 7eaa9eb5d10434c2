package io.ept.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervision's restart rules (ept-reference 1.6, 7.3) as the stop reason's kind carries them. */
class StopReasonTest {

    @Test
    void failuresAreRestartedAfterTheSuppressionPeriod() {
        StopReason reason = StopReason.failure("apic heartbeat failure: timeout");
        assertTrue(reason.restartable(false));
        assertFalse(reason.restartsAtOnce());
    }

    @Test
    void aRebuildIsRestartedAtOnceAndKeepsItsLogWording() {
        StopReason reason = StopReason.rebuild("leaf 101 became active");
        assertTrue(reason.restartable(false));
        assertTrue(reason.restartsAtOnce());
        assertEquals("restart: leaf 101 became active", reason.description());
    }

    @Test
    void aRefusedLoginIsRetriedOnlyWhenTheCredentialsWorkedBefore() {
        StopReason reason = StopReason.loginRefused("APIC login failed for user 'admin' on apic1: 401");
        assertFalse(reason.restartable(false));
        assertTrue(reason.restartable(true));
        assertFalse(reason.restartsAtOnce());
    }

    @Test
    void aPermanentStopIsNeverRestarted() {
        StopReason reason = StopReason.permanent("APIC version 2.1(1a) is older than the minimum 2.2(1n)");
        assertFalse(reason.restartable(false));
        assertFalse(reason.restartable(true));
    }

    @Test
    void aSubscriberStopCarriesItsReason() {
        StopReason reason = StopReason.rebuild("new leaf 105 became active");
        SubscriberStop stop = new SubscriberStop(reason);
        assertEquals(reason, stop.reason());
        assertEquals("restart: new leaf 105 became active", stop.getMessage());
        assertThrows(NullPointerException.class, () -> new StopReason(null, "x"));
    }
}
