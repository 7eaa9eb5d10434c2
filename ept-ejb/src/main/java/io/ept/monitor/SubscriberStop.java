package io.ept.monitor;

/** Thrown by any part of a fabric subscriber to end it; the reason goes into the fabric event log. */
public final class SubscriberStop extends RuntimeException {

    private final transient StopReason reason;

    public SubscriberStop(StopReason reason) {
        super(reason.description());
        this.reason = reason;
    }

    public StopReason reason() {
        return reason;
    }
}
