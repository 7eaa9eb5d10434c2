package io.ept.sim.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Misbehaviour on demand for the REST API: error answers, slow answers, refused logins. */
public final class FaultInjector {
    private int errorStatus;
    private int errorsRemaining;
    private long errorsUntil;
    private volatile long delayMillis;
    private volatile boolean refuseLogins;

    /** Answer {@code status} (503, 429...) to the next {@code count} API requests. */
    public synchronized void failNext(int status, int count) {
        errorStatus = status;
        errorsRemaining = count;
        errorsUntil = 0;
    }

    /** Answer {@code status} to every API request for {@code seconds}. */
    public synchronized void failFor(int status, int seconds) {
        errorStatus = status;
        errorsRemaining = 0;
        errorsUntil = System.currentTimeMillis() + seconds * 1000L;
    }

    public void delay(long millis) { delayMillis = Math.max(0, millis); }

    public void refuseLogins(boolean refuse) { refuseLogins = refuse; }

    public boolean refusingLogins() { return refuseLogins; }

    public synchronized void clear() {
        errorStatus = 0; errorsRemaining = 0; errorsUntil = 0; delayMillis = 0; refuseLogins = false;
    }

    public long delayMillis() { return delayMillis; }

    /** The status to fail this request with, or 0. Consumes one of the "next N" failures. */
    public synchronized int nextFailure() {
        if (errorsRemaining > 0) { errorsRemaining--; return errorStatus; }
        if (errorsUntil > System.currentTimeMillis()) return errorStatus;
        return 0;
    }

    public synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorStatus", errorStatus);
        m.put("errorsRemaining", errorsRemaining);
        m.put("errorSecondsRemaining", Math.max(0, (errorsUntil - System.currentTimeMillis()) / 1000));
        m.put("delayMs", delayMillis);
        m.put("refuseLogins", refuseLogins);
        return m;
    }
}
