package io.ept.sim.subscription;

import io.ept.sim.api.JsonOut;
import io.ept.sim.api.Session;
import io.ept.sim.api.WebSocketSessionLog;
import io.ept.sim.query.QueryEngine;
import io.ept.sim.query.QueryRequest;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscriptions bound to sessions; matches every fabric change against them and pushes one frame
 * per session listing all of that session's matching subscription ids (as the APIC does).
 */
public final class SubscriptionManager implements EventSink {
    /** Captured ids lie between 2^56 and 2^57. */
    private final AtomicLong nextId = new AtomicLong(72057594037927936L + (long) (Math.random() * 1_000_000_000L));
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    private final AtomicLong framesSent = new AtomicLong();
    public volatile int defaultTimeoutSeconds;

    public SubscriptionManager(int defaultTimeoutSeconds) { this.defaultTimeoutSeconds = defaultTimeoutSeconds; }

    public static final class Subscription {
        public final String id;
        public final Session session;
        public final QueryRequest query;
        volatile int timeoutSeconds;
        volatile long lastRefreshMillis = System.currentTimeMillis();

        Subscription(String id, Session session, QueryRequest query, int timeoutSeconds) {
            this.id = id; this.session = session; this.query = query; this.timeoutSeconds = timeoutSeconds;
        }
    }

    public String subscribe(Session session, QueryRequest q) {
        String id = Long.toString(nextId.addAndGet(1 + (long) (Math.random() * 64)));
        byId.put(id, new Subscription(id, session, q, q.refreshTimeout != null ? q.refreshTimeout : defaultTimeoutSeconds));
        for (WebSocketChannel ch : session.sockets()) WebSocketSessionLog.subscriptionMade(ch);
        return id;
    }

    /** Extends a live subscription; false when unknown or expired (the caller answers an error). */
    public boolean refresh(String id, Integer timeoutSeconds) {
        Subscription s = id == null ? null : byId.get(id);
        if (s == null || s.session.ended() || expired(s, System.currentTimeMillis())) {
            if (s != null) byId.remove(id);
            return false;
        }
        if (timeoutSeconds != null) s.timeoutSeconds = timeoutSeconds;
        s.lastRefreshMillis = System.currentTimeMillis();
        return true;
    }

    private static boolean expired(Subscription s, long now) { return now - s.lastRefreshMillis > s.timeoutSeconds * 1000L; }

    public void reap() {
        long now = System.currentTimeMillis();
        byId.values().removeIf(s -> s.session.ended() || expired(s, now));
    }

    public void dropSession(Session session) { byId.values().removeIf(s -> s.session == session); }

    public void dropAll() { byId.clear(); }

    public int count() { return byId.size(); }

    public long framesSent() { return framesSent.get(); }

    @Override public boolean wants(String className) { return !byId.isEmpty(); }

    @Override public void publish(MoEvent event) {
        if (byId.isEmpty()) return;
        Map<Session, List<String>> perSession = new LinkedHashMap<>();
        for (Subscription s : byId.values()) {
            if (s.session.sockets().isEmpty()) continue;
            if (QueryEngine.matches(s.query, event)) perSession.computeIfAbsent(s.session, k -> new ArrayList<>()).add(s.id);
        }
        for (Map.Entry<Session, List<String>> e : perSession.entrySet()) {
            List<String> ids = e.getValue();
            ids.sort(String::compareTo);
            String frame = JsonOut.frame(ids, event);
            for (WebSocketChannel ch : e.getKey().sockets()) {
                WebSockets.sendText(frame, ch, null);
                framesSent.incrementAndGet();
                WebSocketSessionLog.frameSent(ch);
            }
        }
    }
}
