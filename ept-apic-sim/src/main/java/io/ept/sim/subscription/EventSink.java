package io.ept.sim.subscription;

/** Receives every change of the simulated fabric (the subscription manager pushes them to websockets). */
public interface EventSink {
    /** Cheap pre-check so bulk operations skip building events nobody subscribed to. */
    boolean wants(String className);

    void publish(MoEvent event);

    EventSink NONE = new EventSink() {
        @Override public boolean wants(String className) { return false; }
        @Override public void publish(MoEvent event) {}
    };
}
