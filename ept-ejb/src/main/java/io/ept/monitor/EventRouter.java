package io.ept.monitor;

import io.ept.apic.ApicMo;
import io.ept.messaging.WorkItem;

import java.util.List;

/**
 * Routes the websocket's events once the configuration is mirrored: endpoint objects to the {@link EpmDispatcher}
 * (sent to the workers when its batching window has passed), configuration and node objects to the
 * {@link ConfigurationSync}; queued dataplane refreshes run first.
 */
public final class EventRouter {

    /** Frames taken per batch: bounds the configuration events applied at once. */
    private static final int MAX_BATCH_FRAMES = 50_001;

    private final WebsocketFrames frames;
    private final EpmDispatcher dispatcher;
    private final ConfigurationSync configuration;
    private final DataplaneRefresher refresher;
    private final int overlayVnid;
    private final StopSignal stop;

    public EventRouter(WebsocketFrames frames, EpmDispatcher dispatcher, ConfigurationSync configuration,
                       DataplaneRefresher refresher, int overlayVnid, StopSignal stop) {
        this.frames = frames;
        this.dispatcher = dispatcher;
        this.configuration = configuration;
        this.refresher = refresher;
        this.overlayVnid = overlayVnid;
        this.stop = stop;
    }

    public EpmDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Handles queued websocket frames; waits up to {@code waitMillis} for the first one (less when queued epm events
     * are due to be sent). Epm events are sent once the dispatcher's batching window has passed, so a worker
     * message carries many events even when frames trickle in.
     */
    public void processFrames(long waitMillis) {
        refresher.runQueued(dispatcher, overlayVnid);
        List<WebsocketFrames.Frame> batch;
        try {
            batch = frames.take(Math.min(waitMillis, dispatcher.millisUntilDue()), MAX_BATCH_FRAMES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request();
            return;
        }
        if (batch.isEmpty()) {
            dispatcher.flushIfDue();
            return;
        }
        for (WebsocketFrames.Frame frame : batch) {
            for (ApicMo mo : frame.mos()) {
                if (ApicClasses.EPM.contains(mo.className())) {
                    dispatcher.dispatch(mo, frame.ts(), false, WorkItem.PRIORITY_NORMAL, null);
                } else {
                    configuration.handle(mo, frame.ts());
                }
            }
        }
        dispatcher.flushIfDue();
        configuration.applyPending();
    }
}
