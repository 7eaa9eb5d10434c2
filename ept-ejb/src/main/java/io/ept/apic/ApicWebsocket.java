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

        void onClosed(String reason);
    }

    private final WebSocket socket;
    private volatile boolean open = true;

    private ApicWebsocket(WebSocket socket) {
        this.socket = socket;
    }

    public static ApicWebsocket connect(URI uri, boolean verifyTls, Duration timeout, Listener listener) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (!verifyTls) {
            builder.sslContext(TrustAll.CONTEXT);
        }
        Handler handler = new Handler(listener);
        try {
            WebSocket socket = builder.build().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, handler).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            ApicWebsocket websocket = new ApicWebsocket(socket);
            handler.owner = websocket;
            return websocket;
        } catch (Exception e) {
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

    private static final class Handler implements WebSocket.Listener {
        private final Listener listener;
        private final StringBuilder partial = new StringBuilder();
        private volatile ApicWebsocket owner;
        private volatile boolean closedReported;

        Handler(Listener listener) {
            this.listener = listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    dispatch(frame, System.currentTimeMillis(), listener);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "websocket event handler failed", e);
                    listener.onMalformedFrame(frame, "handler failed: " + e);
                }
            }
            webSocket.request(1);
            return null;
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
