package io.ept.monitor;

/** A subscriber's stop request, shared by its parts; an interrupted wait counts as one. */
public final class StopSignal {

    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** Sleeps, unless interrupted: then the interrupt is kept and the stop requested. */
    public void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requested = true;
        }
    }
}
