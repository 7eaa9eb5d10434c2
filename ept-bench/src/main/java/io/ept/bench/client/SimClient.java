package io.ept.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The simulator's control API (/_sim/): status, topology summary, load generation and ground truth. */
public final class SimClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base e.g. {@code http://127.0.0.1:18544} */
    public SimClient(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public JsonNode status() throws IOException, InterruptedException {
        return get("/_sim/status");
    }

    /** Record counts per epm class, tunnel count, hosts. */
    public JsonNode summary() throws IOException, InterruptedException {
        return get("/_sim/topology/summary");
    }

    /** Per-leaf entries of an address (the ground truth). */
    public JsonNode groundTruth(String addr) throws IOException, InterruptedException {
        return get("/_sim/endpoint?addr=" + URLEncoder.encode(addr, StandardCharsets.UTF_8));
    }

    /** Paced host moves; blocks for {@code seconds}. */
    public JsonNode load(int eventsPerSecond, int seconds, int endpoints) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("eventsPerSecond", eventsPerSecond, "seconds", seconds,
                "endpoints", endpoints));
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/_sim/load")).timeout(Duration.ofSeconds(seconds + 120L))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return parse(http.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    /** Any control operation, e.g. POST /_sim/faults with a JSON body (null: none). */
    public JsonNode call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return parse(http.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).GET().build();
        return parse(http.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode parse(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 200) {
            throw new IOException("simulator answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
