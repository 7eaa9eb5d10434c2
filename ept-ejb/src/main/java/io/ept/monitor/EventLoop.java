package io.ept.monitor;

/**
 * A subscriber's event loop: once the build has mirrored the configuration it routes the websocket's events
 * ({@link EventRouter}); while it waits it also keeps the APIC link alive, and a lost websocket is reopened in place
 * and its gap reconciled ({@link WebsocketRecovery}; during the build, once the build is done).
 */
final class EventLoop implements BuildCoordinator.Host {

    private final String fabric;
    private final MonitorEnvironment env;
    private final ApicConnection apic;
    private final WebsocketFrames frames;
    private final DataplaneRefresher refresher;
    private final RejectedRecords rejectedRecords;
    private final FabricEventLog events;
    private final StopSignal stop;
    private final Runnable onBuilding;
    private final WebsocketRecovery recovery;
    private EventRouter router;
    private ConfigurationSync configuration;
    private boolean built;

    EventLoop(String fabric, MonitorEnvironment env, ApicConnection apic, WebsocketFrames frames,
              DataplaneRefresher refresher, RejectedRecords rejectedRecords, FabricEventLog events, StopSignal stop,
              Runnable onBuilding, WebsocketRecovery recovery) {
        this.fabric = fabric;
        this.env = env;
        this.apic = apic;
        this.frames = frames;
        this.refresher = refresher;
        this.rejectedRecords = rejectedRecords;
        this.events = events;
        this.stop = stop;
        this.onBuilding = onBuilding;
        this.recovery = recovery;
    }

    @Override
    public void building() {
        onBuilding.run();
    }

    @Override
    public EventRouter startRouting(MoMirror mirror, int overlayVnid, String pairType) {
        EpmDispatcher dispatcher = new EpmDispatcher(fabric, env, overlayVnid, rejectedRecords);
        configuration = new ConfigurationSync(fabric, env, apic, mirror, pairType, events);
        router = new EventRouter(frames, dispatcher, configuration, refresher, overlayVnid, stop);
        return router;
    }

    @Override
    public void handleQueuedEvents() {
        router.processFrames(0);
    }

    /**
     * Sends the epm events still waiting for the batching window. Called when the subscriber ends, however it ends:
     * they were received (and counted) and must be analysed; a restart's rebuild does not bring back their history.
     */
    void sendQueuedEvents() {
        if (router != null) {
            router.dispatcher().flush();
        }
    }

    /** The build is done: gaps are reconciled from now on (one left by a loss during the build at once). */
    void built() {
        built = true;
        recovery.reconcile(this, configuration, router.dispatcher());
    }

    @Override
    public void handleEventsFor(long waitMillis) {
        router.processFrames(waitMillis);
        apic.maintain();
        String lost = apic.websocketLost();
        if (lost != null) {
            recovery.reopen(lost);
        }
        if (built) {
            recovery.reconcile(this, configuration, router.dispatcher());
        }
    }
}
