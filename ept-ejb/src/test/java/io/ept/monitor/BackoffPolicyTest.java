package io.ept.monitor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffPolicyTest {

    @Test
    void theWaitDoublesWithEachBusyAnswerUpToTheCap() {
        long[] calls = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        long[] keepAlive = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        for (int i = 0; i < calls.length; i++) {
            assertEquals(calls[i], BackoffPolicy.APIC_CALL.delayMillis(i + 1), "call, busy " + (i + 1));
            assertEquals(keepAlive[i], BackoffPolicy.KEEP_ALIVE.delayMillis(i + 1), "keep-alive, busy " + (i + 1));
        }
    }

    @Test
    void growthStopsAfterSixDoublingsEvenBelowTheCap() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(10), Duration.ofHours(1));
        assertEquals(640, policy.delayMillis(7));
        assertEquals(640, policy.delayMillis(1000));
        assertEquals(10, policy.delayMillis(0), "no busy answer yet: the first wait");
    }

    @Test
    void aPolicyThatCannotWaitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
