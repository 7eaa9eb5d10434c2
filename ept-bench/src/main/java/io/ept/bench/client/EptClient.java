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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * EPT's REST API as the harness uses it. Every call goes through {@link #call}, which sends the login session
 * (cookie {@code session} and header {@code session}) once there is one: the harness works whether or not the API
 * requires a login. It logs in when an admin password is known (environment {@code EPT_ADMIN_PASSWORD} or the file
 * {@code .ept/admin-password}); a 404 from the login route means the API has no login yet.
 */
public final class EptClient {

    private static final Logger LOG = Logger.getLogger(EptClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String session;
    /** The other nodes of a cluster (empty for one server). */
    private final List<EptClient> otherNodes;

    /** @param api base of the API, e.g. {@code http://localhost:8380/ept/api} */
    public EptClient(String api) {
        this(api, List.of());
    }

    private EptClient(String api, List<EptClient> otherNodes) {
        this.api = api;
        this.otherNodes = otherNodes;
    }

    /**
     * A client of an EPT cluster: API calls go to the first node (any node serves any request); figures that each
     * node keeps for itself, like the pipeline counters, are read from every node through {@link #nodes()}.
     */
    public static EptClient cluster(List<String> nodeApis) {
        if (nodeApis.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one node");
        }
        return new EptClient(nodeApis.get(0), nodeApis.subList(1, nodeApis.size()).stream().map(EptClient::new).toList());
    }

    /** Every node this client reaches: itself first, then a cluster's other nodes. */
    public List<EptClient> nodes() {
        List<EptClient> all = new ArrayList<>(1 + otherNodes.size());
        all.add(this);
        all.addAll(otherNodes);
        return all;
    }

    /** The admin password from {@code EPT_ADMIN_PASSWORD} or {@code <root>/.ept/admin-password}, or null. */
    public static String adminPassword(Path root) {
        String env = System.getenv("EPT_ADMIN_PASSWORD");
        if (env != null && !env.isBlank()) {
            return env;
        }
        Path file = root.resolve(".ept/admin-password");
        try {
            return Files.isReadable(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Logs in as admin (on every node of a cluster) if a password is known; harmless when the API has no login route yet. */
    public void login(String password) throws IOException, InterruptedException {
        if (password == null || password.isBlank()) {
            return;
        }
        for (EptClient node : otherNodes) {
            node.login(password);
        }
        String body = JSON.writeValueAsString(Map.of("username", "admin", "password", password));
        Response r = call("POST", "/user/login", body);
        if (r.status() == 404) {
            LOG.fine("no login route: the API is open");
            return;
        }
        if (r.status() != 200 || !r.json().path("success").asBoolean(false)) {
            throw new IOException("login as admin failed: HTTP " + r.status() + " " + r.body());
        }
        session = r.json().path("session").asText(null);
    }

    /** The login session (null before {@link #login} or when the API has none): also the web UI's cookie. */
    public String session() {
        return session;
    }

    /** One API call; {@code path} starts with / below /ept/api. Never throws for an HTTP error status. */
    public Response call(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(120));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        String s = session;
        if (s != null) {
            b.header("Cookie", "session=" + s).header("session", s);
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    public Response get(String path, Map<String, String> query) throws IOException, InterruptedException {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return call("GET", path + q, null);
    }

    /** GET that must succeed. */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        return call("GET", path, null).require().json();
    }

    public record Response(int status, String body) {
        public JsonNode json() throws IOException {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        }

        public Response require() throws IOException {
            if (status / 100 != 2) {
                throw new IOException("HTTP " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body));
            }
            return this;
        }
    }
}
