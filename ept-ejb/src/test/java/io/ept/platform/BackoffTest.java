package io.ept.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    @Test
    void doublesUpToTheCapThenStopsAfterTheLastAttempt() {
        Backoff b = new Backoff(1000, 5000, 6);
        assertEquals(1000, b.delayAfter(1));
        assertEquals(2000, b.delayAfter(2));
        assertEquals(4000, b.delayAfter(3));
        assertEquals(5000, b.delayAfter(4));
        assertEquals(5000, b.delayAfter(5));
        assertEquals(-1, b.delayAfter(6));
        assertEquals(-1, new Backoff(0, 0, 1).delayAfter(1));
    }

    @Test
    void unlimitedNeverGivesUpAndNeverOverflows() {
        Backoff b = Backoff.unlimited(500, 30_000);
        assertEquals(16_000, b.delayAfter(6));
        assertEquals(30_000, b.delayAfter(7));
        assertEquals(30_000, b.delayAfter(1_000_000));
        assertEquals(Long.MAX_VALUE, Backoff.unlimited(3, Long.MAX_VALUE).delayAfter(200));
    }

    @Test
    void aStreakResetsOnSuccess() {
        Backoff.Streak s = Backoff.unlimited(1000, 5000).streak();
        assertEquals(1000, s.failed());
        assertEquals(2000, s.failed());
        assertEquals(4000, s.failed());
        assertEquals(5000, s.failed());
        s.succeeded();
        assertEquals(0, s.failures());
        assertEquals(1000, s.failed());
        Backoff.Streak limited = new Backoff(10, 10, 2).streak();
        assertEquals(10, limited.failed());
        assertEquals(-1, limited.failed());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(-1, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(1, 5, 3).delayAfter(0));
    }
}
