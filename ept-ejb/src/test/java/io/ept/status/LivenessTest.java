package io.ept.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LivenessTest {

    @Test
    void workWaitingWithoutProgressBeyondTheLimitIsAStall() {
        Liveness.StallDetector d = new Liveness.StallDetector();
        assertNull(d.check(true, 10, 0, 1000));
        assertNull(d.check(true, 10, 1000, 1000), "exactly the limit is not yet a stall");
        String problem = d.check(true, 10, 1001, 1000);
        assertNotNull(problem);
        assertTrue(problem.contains("nothing was processed"), problem);
    }

    @Test
    void progressOrAnEmptyQueueResetsTheClock() {
        Liveness.StallDetector d = new Liveness.StallDetector();
        d.check(true, 10, 0, 1000);
        assertNull(d.check(true, 11, 900, 1000), "progress");
        assertNull(d.check(true, 11, 1800, 1000), "within the limit since the progress");
        assertNull(d.check(false, 11, 5000, 1000), "nothing waiting: idle, not stalled");
        assertNull(d.check(true, 11, 5500, 1000));
        assertNotNull(d.check(true, 11, 6600, 1000));
    }
}
