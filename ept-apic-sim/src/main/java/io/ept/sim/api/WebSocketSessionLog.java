package io.ept.sim.api;

import io.undertow.websockets.core.WebSocketChannel;
import org.xnio.IoUtils;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every websocket session the simulator served, oldest first, the last {@link #capacity} kept: an independent
 * witness of how many subscribers ran at once (the cluster test checks that two EPT nodes never ran one
 * fabric's subscriber together). A session is closed when its socket closes for any reason, including a peer
 * whose process died (the kernel closes its socket; Undertow reads the end of stream and runs the close tasks).
 */
public final class WebSocketSessionLog {
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final String ENTRY_ATTRIBUTE = WebSocketSessionLog.class.getName();
    private static final String CLOSED_BY_SIMULATOR = WebSocketSessionLog.class.getName() + ".closedBySimulator";
    private static final String CLOSE_FRAME_RECEIVED = WebSocketSessionLog.class.getName() + ".closeFrameReceived";

    private final AtomicLong nextId = new AtomicLong();
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final int capacity;

    public WebSocketSessionLog(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
    }

    /** One websocket: who opened it, when it opened and closed, what it carried. */
    public static final class Entry {
        public final long id;
        public final String remoteAddress;
        public final int remotePort;
        /** The login's user and id, null for a socket refused because its token was not valid. */
        public final String user;
        public final Long loginSession;
        public final long openedAtMillis;
        /** The handshake's User-Agent (EPT names its node there), or null. */
        public final String userAgent;
        private volatile long closedAtMillis = -1;
        private volatile String closedBy;
        private final AtomicInteger subscriptions = new AtomicInteger();
        private final AtomicLong framesSent = new AtomicLong();

        Entry(long id, InetSocketAddress remote, Session session, long openedAtMillis, String userAgent) {
            this.id = id;
            this.remoteAddress = remote == null ? null : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
            this.remotePort = remote == null ? -1 : remote.getPort();
            this.user = session == null ? null : session.user;
            this.loginSession = session == null ? null : session.id;
            this.openedAtMillis = openedAtMillis;
            this.userAgent = userAgent;
        }

        public boolean open() { return closedAtMillis < 0; }

        public long closedAtMillis() { return closedAtMillis; }

        public int subscriptions() { return subscriptions.get(); }

        public long framesSent() { return framesSent.get(); }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("remoteAddress", remoteAddress);
            m.put("remotePort", remotePort);
            m.put("user", user);
            m.put("loginSession", loginSession);
            m.put("userAgent", userAgent);
            m.put("openedAt", openedAtMillis);
            m.put("closedAt", closedAtMillis < 0 ? null : closedAtMillis);
            m.put("closedBy", closedBy);
            m.put("subscriptions", subscriptions.get());
            m.put("framesSent", framesSent.get());
            return m;
        }
    }

    /**
     * Records a socket that just opened ({@code session} null when it is refused) and registers the close task that
     * stamps its end. Call before anything else can close the channel.
     */
    public Entry opened(WebSocketChannel channel, Session session, String userAgent) {
        Entry e = new Entry(nextId.incrementAndGet(), channel.getSourceAddress(), session, System.currentTimeMillis(),
                userAgent);
        channel.setAttribute(ENTRY_ATTRIBUTE, e);
        channel.addCloseTask(ch -> closed(e, ch));
        if (!channel.isOpen()) closed(e, channel); // closed before the task was added: it would never run
        synchronized (entries) {
            entries.addLast(e);
            if (entries.size() > capacity) entries.removeFirst();
        }
        return e;
    }

    private static void closed(Entry e, WebSocketChannel ch) {
        synchronized (e) {
            if (!e.open()) return;
            // without a close frame either way it was an end of stream or a reset: the peer's process or socket died
            e.closedBy = ch.getAttribute(CLOSED_BY_SIMULATOR) != null ? "simulator"
                    : ch.getAttribute(CLOSE_FRAME_RECEIVED) != null ? "peer" : "connection";
            e.closedAtMillis = System.currentTimeMillis();
        }
    }

    /** The entry of a socket (null for one the log never saw opening). */
    public static Entry of(WebSocketChannel channel) { return (Entry) channel.getAttribute(ENTRY_ATTRIBUTE); }

    /** Counts a frame sent on the socket. */
    public static void frameSent(WebSocketChannel channel) {
        Entry e = of(channel);
        if (e != null) e.framesSent.incrementAndGet();
    }

    /** Counts a subscription made by the socket's login while the socket is open. */
    public static void subscriptionMade(WebSocketChannel channel) {
        Entry e = of(channel);
        if (e != null) e.subscriptions.incrementAndGet();
    }

    /**
     * Notes that the peer sent a close frame (Undertow also reports an end of stream as a received close, so the
     * receive listener tells the two apart).
     */
    public static void closeFrameReceived(WebSocketChannel channel) { channel.setAttribute(CLOSE_FRAME_RECEIVED, Boolean.TRUE); }

    /** Closes a socket at the simulator's initiative (token ended, fault injection, topology replaced). */
    public static void closeBySimulator(WebSocketChannel channel) {
        channel.setAttribute(CLOSED_BY_SIMULATOR, Boolean.TRUE);
        IoUtils.safeClose(channel);
    }

    public List<Map<String, Object>> describe() {
        List<Entry> copy;
        synchronized (entries) { copy = new ArrayList<>(entries); }
        List<Map<String, Object>> out = new ArrayList<>(copy.size());
        for (Entry e : copy) out.add(e.describe());
        return out;
    }

    public int capacity() { return capacity; }
}
