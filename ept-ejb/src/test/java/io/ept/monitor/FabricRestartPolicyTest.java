package io.ept.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the supervision starts a fabric's subscriber ({@link FabricManager#startsNow}). */
class FabricRestartPolicyTest {

    @Test
    void aSubscriberThatEndedOnThisNodeWaitsForTheSuppressionPeriod() {
        assertFalse(FabricManager.startsNow(true, false, 10, 60));
        assertTrue(FabricManager.startsNow(true, false, 60, 60));
    }

    @Test
    void aRequestedRestartDoesNotWait() {
        assertTrue(FabricManager.startsNow(true, true, 1, 60));
    }

    @Test
    void aFabricThisNodeHasNotRunSinceItBootedStartsAtOnceAfterARecentStart() {
        // the server was killed 20 s after the fabric's last start: it comes back at the first tick
        assertTrue(FabricManager.startsNow(false, false, 20, 60));
    }
}
