package io.ept.sim.api;

import io.undertow.websockets.core.WebSocketChannel;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/** One APIC login: its tokens (refresh issues new ones), timers, and the websockets opened with them. */
public final class Session {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    /** Names the login in the websocket session log. */
    public final long id = NEXT_ID.incrementAndGet();
    public final String user;
    public final long createdMillis;
    public final boolean certificate;
    final Set<String> tokens = new CopyOnWriteArraySet<>();
    final Set<WebSocketChannel> sockets = new CopyOnWriteArraySet<>();
    volatile long lastRefreshMillis;
    volatile boolean ended;

    Session(String user, boolean certificate) {
        this.user = user;
        this.certificate = certificate;
        this.createdMillis = System.currentTimeMillis();
        this.lastRefreshMillis = createdMillis;
    }

    public boolean ended() { return ended; }

    public Set<WebSocketChannel> sockets() { return sockets; }
}
