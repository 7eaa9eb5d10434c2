package io.ept.apic;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The APIC's server-to-client event socket. Frames ({@code {"subscriptionId":[...],"imdata":[...]}}) are handed
 * to a {@link Listener}; malformed frames are reported, never silently dropped, and a closed or failed socket is
 * reported once so the subscriber can restart.
 */
public final class ApicWebsocket implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApicWebsocket.class.getName());

    public interface Listener {
        void onEvents(List<String> subscriptionIds, List<ApicMo> mos, long receivedMillis);

        void onMalformedFrame(String frame, String problem);

        /** A frame longer than the limit was discarded (its first characters and its length); the socket stays open. */
        default void onOversizeFrame(String prefix, long chars, int limit) {
            onMalformedFrame(prefix, "frame of " + chars + " characters exceeds the limit of " + limit + ": discarded");
        }

        void onClosed(String reason);
    }

    /** Largest frame accepted by default: 8 MiB of text ({@code ept.apic.max-frame-bytes}). */
    public static final int DEFAULT_MAX_FRAME_CHARS = 8 << 20;

    private final WebSocket socket;
    private volatile boolean open = true;

    private ApicWebsocket(WebSocket socket) {
        this.socket = socket;
    }

    public static ApicWebsocket connect(URI uri, ApicTrust trust, Duration timeout, Listener listener) {
        return connect(uri, trust, timeout, DEFAULT_MAX_FRAME_CHARS, listener);
    }

    /** Connects; frames longer than {@code maxFrameChars} are discarded and reported, the socket stays open. */
    public static ApicWebsocket connect(URI uri, ApicTrust trust, Duration timeout, int maxFrameChars, Listener listener) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (trust.sslContext() != null) {
            builder.sslContext(trust.sslContext());
        }
        Handler handler = new Handler(listener, maxFrameChars);
        try {
            WebSocket socket = builder.build().newWebSocketBuilder().connectTimeout(timeout)
                    .header("User-Agent", ApicSession.USER_AGENT)
                    .buildAsync(uri, handler).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            ApicWebsocket websocket = new ApicWebsocket(socket);
            handler.owner = websocket;
            return websocket;
        } catch (Exception e) {
            if (trust.mismatch() != null) {
                throw new ApicTrustException(trust.mismatch());
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ApicException(0, "websocket connection to " + uri.getScheme() + "://" + uri.getRawAuthority()
                    + "/socket... failed: " + cause, cause);
        }
    }

    public boolean isOpen() {
        return open && !socket.isInputClosed();
    }

    @Override
    public void close() {
        open = false;
        socket.abort();
    }

    /** Parses one frame; package-private for unit tests. */
    static void dispatch(String frame, long receivedMillis, Listener listener) {
        JsonObject json;
        try {
            json = ApicJson.parse(frame);
        } catch (MalformedApicPayloadException e) {
            listener.onMalformedFrame(frame, e.getMessage());
            return;
        }
        JsonValue ids = json.get("subscriptionId");
        if (!(ids instanceof JsonArray idArray)) {
            listener.onMalformedFrame(frame, "frame without a subscriptionId list");
            return;
        }
        List<String> subscriptionIds = new ArrayList<>();
        for (JsonValue id : idArray) {
            if (id instanceof JsonString s) {
                subscriptionIds.add(s.getString());
            }
        }
        List<ApicMo> mos;
        try {
            mos = ApicJson.imdata(json);
        } catch (MalformedApicPayloadException e) {
            listener.onMalformedFrame(frame, e.getMessage());
            return;
        }
        listener.onEvents(subscriptionIds, mos, receivedMillis);
    }

    /** Handler of the socket's text parts: joins a frame's parts up to the size limit; package-private for tests. */
    static final class Handler implements WebSocket.Listener {
        /** How much of an oversize frame is kept for the rejected record. */
        static final int OVERSIZE_PREFIX = 4096;
        private final Listener listener;
        private final int maxFrameChars;
        private final StringBuilder partial = new StringBuilder();
        private long oversizeChars = -1; // >= 0 while the rest of an oversize frame is being skipped
        private volatile ApicWebsocket owner;
        private volatile boolean closedReported;

        Handler(Listener listener, int maxFrameChars) {
            this.listener = listener;
            this.maxFrameChars = maxFrameChars;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text(data, last);
            webSocket.request(1);
            return null;
        }

        void text(CharSequence data, boolean last) {
            if (oversizeChars < 0 && partial.length() + (long) data.length() > maxFrameChars) {
                // keep only a prefix for the report; skip the rest of the frame without buffering it
                oversizeChars = partial.length();
                if (partial.length() < OVERSIZE_PREFIX) {
                    partial.append(data, 0, (int) Math.min(data.length(), OVERSIZE_PREFIX - partial.length()));
                } else {
                    partial.setLength(OVERSIZE_PREFIX);
                }
            }
            if (oversizeChars >= 0) {
                oversizeChars += data.length();
                if (last) {
                    String prefix = partial.toString();
                    long size = oversizeChars;
                    partial.setLength(0);
                    partial.trimToSize();
                    oversizeChars = -1;
                    listener.onOversizeFrame(prefix, size, maxFrameChars);
                }
                return;
            }
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (partial.capacity() > 1 << 20) {
                    partial.trimToSize();
                }
                try {
                    dispatch(frame, System.currentTimeMillis(), listener);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "websocket event handler failed", e);
                    listener.onMalformedFrame(frame, "handler failed: " + e);
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            reportClosed("websocket closed by the APIC (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reportClosed("websocket failed: " + error);
        }

        private void reportClosed(String reason) {
            if (owner != null) {
                owner.open = false;
            }
            if (!closedReported) {
                closedReported = true;
                listener.onClosed(reason);
            }
        }
    }
}
