package io.ept.web.security;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts failed logins per key (a username, or a client address) and says how long a key must wait before its next
 * attempt: the first {@code freeFailures} failures within {@code windowSeconds} cost nothing, each further one
 * doubles the wait ({@code baseWaitSeconds}, twice that, four times ... up to {@code maxWaitSeconds}). The same counting applies to existing and
 * unknown usernames, so the answers never tell whether a user exists. Bounded: at most {@code capacity} keys, the
 * least recently failed dropped first. Thread-safe.
 */
public final class LoginThrottle {

    private final int freeFailures;
    private final long windowSeconds;
    private final long baseWaitSeconds;
    private final long maxWaitSeconds;
    private final int capacity;
    private final Clock clock;
    /** Access-ordered: iteration starts at the least recently touched key. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    private static final class Entry {
        int failures;
        long lastFailure;
        long blockedUntil;
    }

    public LoginThrottle(int freeFailures, long windowSeconds, long maxWaitSeconds, int capacity, Clock clock) {
        this(freeFailures, windowSeconds, 1, maxWaitSeconds, capacity, clock);
    }

    public LoginThrottle(int freeFailures, long windowSeconds, long baseWaitSeconds, long maxWaitSeconds, int capacity,
                         Clock clock) {
        this.freeFailures = freeFailures;
        this.baseWaitSeconds = Math.max(1, baseWaitSeconds);
        this.windowSeconds = windowSeconds;
        this.maxWaitSeconds = maxWaitSeconds;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Seconds (at least 1) the key must still wait, or empty when it may try now. */
    public synchronized OptionalLong retryAfter(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        if (expired(entry, now)) {
            entries.remove(key);
            return OptionalLong.empty();
        }
        if (entry.blockedUntil > now) {
            return OptionalLong.of(Math.max(1, (entry.blockedUntil - now + 999) / 1000));
        }
        return OptionalLong.empty();
    }

    public synchronized void failed(String key) {
        long now = clock.millis();
        Entry entry = entries.get(key);
        if (entry == null || expired(entry, now)) {
            entry = new Entry();
            entries.put(key, entry);
            trim(now);
        }
        entry.failures++;
        entry.lastFailure = now;
        int over = entry.failures - freeFailures;
        if (over > 0) {
            long wait = Math.min(maxWaitSeconds, baseWaitSeconds << Math.min(30, over - 1));
            entry.blockedUntil = now + wait * 1000;
        }
    }

    public synchronized void succeeded(String key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.lastFailure > windowSeconds * 1000 && entry.blockedUntil <= now;
    }

    private void trim(long now) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            it.next();
            it.remove(); // the least recently failed key
        }
    }
}
