package io.ept.monitor;

import io.ept.apic.ApicMo;
import io.ept.apic.ApicWebsocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The websocket's frames between the socket's reader thread and the subscriber's thread: queued in arrival order
 * up to a bound; malformed and oversize frames are kept in {@code ept.rejected} and counted as dropped, never
 * silently lost. A closed socket or an exceeded backlog is remembered as the websocket's problem.
 */
public final class WebsocketFrames implements ApicWebsocket.Listener {

    private static final Logger LOG = Logger.getLogger(WebsocketFrames.class.getName());
    static final int MAX_QUEUED_FRAMES = 2_000_000;

    /** One websocket message: the subscriptions it answers and its objects, received at {@code ts} (epoch seconds). */
    public record Frame(List<String> subscriptionIds, List<ApicMo> mos, double ts) {
    }

    private final String fabric;
    private final MonitorEnvironment env;
    private final RejectedRecords rejectedRecords;
    private final FabricEventLog events;
    private final int maxQueuedFrames;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private volatile String problem;
    private long lastOversizeEventMillis;

    public WebsocketFrames(String fabric, MonitorEnvironment env, RejectedRecords rejectedRecords, FabricEventLog events) {
        this(fabric, env, rejectedRecords, events, MAX_QUEUED_FRAMES);
    }

    WebsocketFrames(String fabric, MonitorEnvironment env, RejectedRecords rejectedRecords, FabricEventLog events,
                    int maxQueuedFrames) {
        this.fabric = fabric;
        this.env = env;
        this.rejectedRecords = rejectedRecords;
        this.events = events;
        this.maxQueuedFrames = maxQueuedFrames;
    }

    /** Why the websocket cannot be trusted to deliver every event any more (closed, backlog exceeded), or null. */
    public String problem() {
        return problem;
    }

    /** A new socket is opened: its predecessor's problem no longer counts. */
    void socketOpened() {
        problem = null;
    }

    @Override
    public void onEvents(List<String> ids, List<ApicMo> mos, long receivedMillis) {
        if (frames.size() >= maxQueuedFrames) {
            problem = "event backlog exceeded " + maxQueuedFrames + " frames";
            env.metrics().dropped(fabric, "unknown", mos.size());
            return;
        }
        frames.add(new Frame(ids, mos, receivedMillis / 1000.0));
    }

    @Override
    public void onMalformedFrame(String frame, String reason) {
        LOG.warning(() -> "fabric " + fabric + ": malformed websocket frame (" + reason + "): "
                + RejectedRecords.truncate(frame, 300));
        rejectedRecords.frame(frame, reason, FabricEventLog.now());
        env.metrics().dropped(fabric, "unknown", 1);
    }

    @Override
    public void onOversizeFrame(String prefix, long chars, int limit) {
        String reason = "websocket frame of " + chars + " characters exceeds the limit of " + limit
                + " (ept.apic.max-frame-bytes): discarded, its events are lost";
        LOG.warning(() -> "fabric " + fabric + ": " + reason);
        rejectedRecords.frame(prefix, reason, FabricEventLog.now());
        env.metrics().dropped(fabric, "unknown", 1);
        long nowMillis = System.currentTimeMillis();
        if (nowMillis - lastOversizeEventMillis > 60_000) { // at most one monitor event a minute
            lastOversizeEventMillis = nowMillis;
            events.add("warning", reason + " (see ept.rejected)");
        }
    }

    @Override
    public void onClosed(String reason) {
        problem = reason;
    }

    /**
     * The queued frames: waits up to {@code waitMillis} for the first (0: no wait), then takes what else is queued,
     * at most {@code max} in all; empty when none arrived.
     */
    public List<Frame> take(long waitMillis, int max) throws InterruptedException {
        Frame first = waitMillis > 0 ? frames.poll(waitMillis, TimeUnit.MILLISECONDS) : frames.poll();
        if (first == null) {
            return List.of();
        }
        List<Frame> batch = new ArrayList<>();
        batch.add(first);
        frames.drainTo(batch, max - 1);
        return batch;
    }

    /** Drops queued frames holding an object of a matching class (events received during the build, queue_init off). */
    public void drop(Predicate<String> ofClass, String what) {
        int dropped = 0;
        List<Frame> kept = new ArrayList<>();
        Frame frame;
        while ((frame = frames.poll()) != null) {
            if (frame.mos().stream().anyMatch(mo -> ofClass.test(mo.className()))) {
                dropped++;
            } else {
                kept.add(frame);
            }
        }
        frames.addAll(kept);
        if (dropped > 0) {
            int count = dropped;
            LOG.info(() -> "fabric " + fabric + ": " + count + " " + what
                    + " event frames received during the build were not queued (queue_init setting off)");
        }
    }

    public int queued() {
        return frames.size();
    }
}
