package io.ept.analysis.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Settable clock in epoch seconds. */
public final class FakeClock extends Clock {
    private long millis;

    public FakeClock(double seconds) {
        set(seconds);
    }

    public void set(double seconds) {
        millis = Math.round(seconds * 1000);
    }

    public void advance(double seconds) {
        millis += Math.round(seconds * 1000);
    }

    public double seconds() {
        return millis / 1000.0;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
