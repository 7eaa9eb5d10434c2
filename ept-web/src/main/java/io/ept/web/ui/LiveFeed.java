package io.ept.web.ui;

import io.ept.endpoint.CacheFlush;
import io.ept.events.LiveEvent;
import io.ept.events.LiveEvents;
import io.ept.platform.RedisMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import io.ept.platform.JsonSupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's live event feed: every {@link LiveEvent} published on Redis (by any node) is pushed to the open
 * dashboards over the Faces websocket channel {@value #CHANNEL} (server push, no polling); the newest
 * {@link #KEEP} per fabric are kept so a dashboard opens with recent history.
 */
@ApplicationScoped
public class LiveFeed {

    public static final String CHANNEL = "eptevents";
    static final int KEEP = 50;
    /** Pushes per second at most: a burst (a flapping endpoint, a rebuild) must not flood every open browser. */
    static final int MAX_PUSH_PER_SECOND = 20;
    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());

    @Inject
    @Push(channel = CHANNEL)
    PushContext push;

    private final Map<String, Deque<LiveEvent>> recent = new ConcurrentHashMap<>();
    private long pushSecond;
    private int pushedThisSecond;

    /** A deleted or re-created fabric starts with an empty feed. */
    void onFlush(@Observes CacheFlush flush) {
        if (flush.resetsFabric()) {
            recent.remove(flush.fabric());
        }
    }

    void onRedisMessage(@Observes RedisMessage message) {
        if (!LiveEvents.CHANNEL.equals(message.channel())) {
            return;
        }
        LiveEvent event = LiveEvent.fromJson(message.message());
        if (event == null) {
            return;
        }
        Deque<LiveEvent> events = recent.computeIfAbsent(event.fabric(), f -> new ArrayDeque<>());
        synchronized (events) {
            events.addFirst(event);
            while (events.size() > KEEP) {
                events.removeLast();
            }
        }
        if (!mayPush()) {
            return; // still kept in the recent list a dashboard shows when opened
        }
        try {
            push.send(toClient(event));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "live event not pushed: " + e.getMessage());
        }
    }

    private synchronized boolean mayPush() {
        long second = System.currentTimeMillis() / 1000;
        if (second != pushSecond) {
            pushSecond = second;
            pushedThisSecond = 0;
        }
        return ++pushedThisSecond <= MAX_PUSH_PER_SECOND;
    }

    /** Newest first. */
    public List<LiveEvent> recent(String fabric) {
        Deque<LiveEvent> events = recent.get(fabric);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    static String toClient(LiveEvent e) {
        return JsonSupport.JSON.createObjectBuilder().add("fabric", e.fabric()).add("kind", e.kind()).add("time", Formats.time(e.ts()))
                .add("addr", e.addr()).add("vnid", e.vnid()).add("node", Formats.node(e.node()))
                .add("description", e.description())
                .add("link", e.addr().isEmpty() ? "" : Formats.endpointLink(e.fabric(), e.vnid(), e.addr())).build().toString();
    }
}
