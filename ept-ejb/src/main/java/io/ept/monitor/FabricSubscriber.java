package io.ept.monitor;

import io.ept.apic.ApicException;
import io.ept.apic.ApicWebsocket;

import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one fabric's mirror exact (ept-reference 7.1 and 7.3) by wiring its parts on one thread: the
 * {@link ApicConnection} (session, websocket, subscriptions, keep-alive), the {@link BuildCoordinator} (the full
 * build at start), then its {@link EventLoop} (endpoint events to the workers, configuration to the
 * {@link ConfigurationSync}) until a stop. Any failure ends {@link #run()} with a {@link StopReason}; the manager
 * records it and decides about the restart.
 */
public final class FabricSubscriber implements Runnable {

    private static final Logger LOG = Logger.getLogger(FabricSubscriber.class.getName());

    public enum State { STARTING, BUILDING, RUNNING, STOPPED, FAILED }

    private final SubscriberSettings settings;
    private final MonitorEnvironment env;
    private final FabricEventLog events;
    private final StopSignal stop = new StopSignal();
    private final WebsocketFrames frames;
    private final ApicConnection apic;
    private final DataplaneRefresher refresher;
    private final BuildCoordinator build;
    private final EventLoop loop;

    private volatile State state = State.STARTING;
    private volatile StopReason stopReason;
    private volatile long startedMillis = System.currentTimeMillis();

    public FabricSubscriber(SubscriberSettings settings, MonitorEnvironment env, BiConsumer<String, String> flushAnnouncer) {
        this(settings, env, flushAnnouncer, ApicConnection.RESUBSCRIBE);
    }

    /** @param resubscribe how often and how long a lost websocket is reopened before the subscriber gives up */
    FabricSubscriber(SubscriberSettings settings, MonitorEnvironment env, BiConsumer<String, String> flushAnnouncer,
                     io.ept.platform.Backoff resubscribe) {
        this.settings = settings;
        this.env = env;
        this.events = new FabricEventLog(settings.fabric(), env.fabrics());
        RejectedRecords rejectedRecords = new RejectedRecords(settings.fabric(), env.database(),
                config("ept.rejected.max-per-fabric", RejectedRecords.DEFAULT_MAX_PER_FABRIC));
        this.frames = new WebsocketFrames(settings.fabric(), env, rejectedRecords, events);
        this.apic = new ApicConnection(settings, env, frames, events, stop,
                config("ept.apic.max-frame-bytes", ApicWebsocket.DEFAULT_MAX_FRAME_CHARS), resubscribe,
                java.time.Clock.systemUTC());
        this.refresher = new DataplaneRefresher(settings.fabric(), env, apic);
        this.build = new BuildCoordinator(settings, env, apic, frames, events, stop, flushAnnouncer);
        WebsocketRecovery recovery = new WebsocketRecovery(settings.fabric(), apic, events,
                new EndpointReconciler(settings.fabric(), env, apic, stop, events, settings.maxBuildTime()), stop);
        this.loop = new EventLoop(settings.fabric(), env, apic, frames, refresher, rejectedRecords, events, stop,
                () -> state = State.BUILDING, recovery);
    }

    /** A MicroProfile Config value, or the default outside a container (unit tests). */
    private static int config(String name, int fallback) {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(name, Integer.class)
                    .filter(v -> v > 0).orElse(fallback);
        } catch (RuntimeException | LinkageError e) {
            return fallback;
        }
    }

    public String fabric() {
        return settings.fabric();
    }

    /** Whether this subscriber's login to the APIC succeeded. */
    public boolean loggedIn() {
        return apic.loggedIn();
    }

    /** Why the APIC does not answer as it should right now, or null. */
    public String apicProblem() {
        return apic.apicProblem();
    }

    public State state() {
        return state;
    }

    /** Why the subscriber failed, or null while it runs or after a requested stop. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The failure's description, or null. */
    public String failure() {
        StopReason reason = stopReason;
        return reason == null ? null : reason.description();
    }

    public long startedMillis() {
        return startedMillis;
    }

    public void requestStop() {
        stop.request();
    }

    /**
     * Stops at once from another thread, because this node may no longer run the fabric (its lease ended): the
     * websocket is closed now rather than when the subscriber's thread next looks at its stop signal.
     */
    public void revoke(String reason) {
        stop.request();
        LOG.warning(() -> "fabric " + fabric() + ": subscriber revoked: " + reason);
        apic.close();
    }

    /** Queues a refresh; it runs on the subscriber's thread between websocket batches. */
    public void requestRefresh(DataplaneRefresher.Request request) {
        refresher.request(request);
    }

    @Override
    public void run() {
        startedMillis = System.currentTimeMillis();
        org.jboss.logging.MDC.put("fabric", fabric()); // fields of the JSON log
        org.jboss.logging.MDC.put("component", "subscriber");
        try {
            build.build(loop, startedMillis);
            state = State.RUNNING;
            loop.built();
            while (!stop.requested()) {
                loop.handleEventsFor(1000);
            }
            state = State.STOPPED;
        } catch (SubscriberStop e) {
            fail(e.reason());
        } catch (ApicException e) {
            fail(StopReason.failure(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "fabric " + fabric() + " subscriber failed", e);
            fail(StopReason.failure("unexpected failure: " + e));
        } finally {
            sendQueuedEvents();
            apic.close();
            env.redis().del(BuildCoordinator.pauseKey(fabric()));
        }
    }

    private void sendQueuedEvents() {
        try {
            loop.sendQueuedEvents();
        } catch (RuntimeException e) {
            // the broker is gone too: the events stay counted as received and the rebuild restores the state
            LOG.log(Level.WARNING, "fabric " + fabric() + ": events received before the monitor stopped could not be"
                    + " queued for analysis: " + e.getMessage(), e);
        }
    }

    private void fail(StopReason reason) {
        if (stop.requested()) {
            state = State.STOPPED;
            return;
        }
        stopReason = reason;
        state = State.FAILED;
        events.add("failed", reason.description());
        LOG.warning(() -> "fabric " + fabric() + " monitor stopped: " + reason.description());
    }
}
