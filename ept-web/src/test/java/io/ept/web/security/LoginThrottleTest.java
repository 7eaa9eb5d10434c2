package io.ept.web.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void freeFailuresThenDoublingWaitsUpToTheCap() {
        LoginThrottle throttle = new LoginThrottle(3, 900, 10, 100, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.retryAfter("alice").isEmpty());
            throttle.failed("alice");
        }
        assertTrue(throttle.retryAfter("alice").isEmpty(), "three free failures");
        throttle.failed("alice");
        assertEquals(OptionalLong.of(1), throttle.retryAfter("alice"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.retryAfter("alice").isEmpty());
        throttle.failed("alice");
        assertEquals(OptionalLong.of(2), throttle.retryAfter("alice"));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("alice");
        assertEquals(OptionalLong.of(4), throttle.retryAfter("alice"));
        clock.advance(Duration.ofSeconds(4));
        throttle.failed("alice");
        assertEquals(OptionalLong.of(8), throttle.retryAfter("alice"));
        clock.advance(Duration.ofSeconds(8));
        throttle.failed("alice");
        assertEquals(OptionalLong.of(10), throttle.retryAfter("alice"), "capped");
        assertTrue(throttle.retryAfter("bob").isEmpty(), "keys are independent");
    }

    @Test
    void theFirstWaitIsTheBaseWait() {
        LoginThrottle throttle = new LoginThrottle(5, 900, 5, 900, 100, clock);
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(OptionalLong.of(5), throttle.retryAfter("10.0.0.1"));
        clock.advance(Duration.ofSeconds(5));
        throttle.failed("10.0.0.1");
        assertEquals(OptionalLong.of(10), throttle.retryAfter("10.0.0.1"));
    }

    @Test
    void successClearsAndTheWindowForgets() {
        LoginThrottle throttle = new LoginThrottle(1, 60, 600, 100, clock);
        throttle.failed("a");
        throttle.failed("a");
        assertTrue(throttle.retryAfter("a").isPresent());
        throttle.succeeded("a");
        assertTrue(throttle.retryAfter("a").isEmpty());
        throttle.failed("b");
        clock.advance(Duration.ofSeconds(61));
        throttle.failed("b");
        assertTrue(throttle.retryAfter("b").isEmpty(), "the first failure fell out of the window");
    }

    @Test
    void boundedMemory() {
        LoginThrottle throttle = new LoginThrottle(0, 900, 900, 1_000, clock);
        for (int i = 0; i < 50_000; i++) {
            throttle.failed("user-" + i);
        }
        assertEquals(1_000, throttle.size());
        assertTrue(throttle.retryAfter("user-49999").isPresent(), "the newest keys are kept");
        assertTrue(throttle.retryAfter("user-0").isEmpty(), "the oldest were dropped");
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
