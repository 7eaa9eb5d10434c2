package io.ept.monitor;

/**
 * A subscriber's event loop: once the build has mirrored the configuration it routes the websocket's events
 * ({@link EventRouter}); while it waits it also keeps the APIC link alive.
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
    private EventRouter router;

    EventLoop(String fabric, MonitorEnvironment env, ApicConnection apic, WebsocketFrames frames,
              DataplaneRefresher refresher, RejectedRecords rejectedRecords, FabricEventLog events, StopSignal stop,
              Runnable onBuilding) {
        this.fabric = fabric;
        this.env = env;
        this.apic = apic;
        this.frames = frames;
        this.refresher = refresher;
        this.rejectedRecords = rejectedRecords;
        this.events = events;
        this.stop = stop;
        this.onBuilding = onBuilding;
    }

    @Override
    public void building() {
        onBuilding.run();
    }

    @Override
    public EventRouter startRouting(MoMirror mirror, int overlayVnid, String pairType) {
        EpmDispatcher dispatcher = new EpmDispatcher(fabric, env, overlayVnid, rejectedRecords);
        ConfigurationSync configuration = new ConfigurationSync(fabric, env, apic, mirror, pairType, events);
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

    @Override
    public void handleEventsFor(long waitMillis) {
        router.processFrames(waitMillis);
        apic.maintain();
    }
}
