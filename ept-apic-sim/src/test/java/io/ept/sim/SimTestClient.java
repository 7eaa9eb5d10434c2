package io.ept.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Minimal APIC client for the tests (cookie-based like EPT's python-requests session). */
final class SimTestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final String base;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String token;

    SimTestClient(String base) { this.base = base; }

    record Reply(int status, JsonNode body, String raw) {}

    Reply get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.body());
    }

    Reply post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()), r.body());
    }

    Reply login(String user, String pwd) throws Exception {
        Reply r = post("/api/aaaLogin.json", "{\"aaaUser\":{\"attributes\":{\"name\":\"" + user + "\",\"pwd\":\"" + pwd + "\"}}}");
        if (r.status == 200) token = r.body.path("imdata").get(0).path("aaaLogin").path("attributes").path("token").asText();
        return r;
    }

    /** Opens ws://host/socket<token> and collects every text frame. */
    /** What the test client's websocket handshakes send as User-Agent (EPT names its node there). */
    static final String USER_AGENT = "EPT (node sim-test)";

    Frames websocket() throws Exception {
        Frames frames = new Frames();
        String ws = base.replaceFirst("^http", "ws") + "/socket" + token;
        frames.socket = http.newWebSocketBuilder().header("User-Agent", USER_AGENT).buildAsync(URI.create(ws), frames)
                .get(5, TimeUnit.SECONDS);
        return frames;
    }

    static final class Frames implements WebSocket.Listener {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed = true;
            return null;
        }

        @Override public void onError(WebSocket ws, Throwable error) { closed = true; }

        JsonNode await(java.util.function.Predicate<JsonNode> p, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                for (JsonNode n : received) if (p.test(n)) return n;
                Thread.sleep(20);
            }
            return null;
        }
    }
}
