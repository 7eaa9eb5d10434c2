package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The APIC simulator as a separate process (java -jar ept-apic-sim.jar, demo topology), driven through its
 * HTTP control API {@code /_sim/} exactly as an operator would.
 */
final class SimClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final String url;
    private final int sshPort;

    private SimClient(Process process, String url, int sshPort) {
        this.process = process;
        this.url = url;
        this.sshPort = sshPort;
    }

    static SimClient start(File jar, File log) {
        return start(jar, log, freePort(), -1, freePort());
    }

    /**
     * A simulator on the given ports ({@code httpsPort} -1: no HTTPS; each start makes a new self-signed
     * certificate, so a restart on the same ports presents a different certificate).
     */
    static SimClient start(File jar, File log, int httpPort, int httpsPort, int sshPort) {
        try {
            Process process = new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar.getAbsolutePath(),
                    "--host", "127.0.0.1", "--http-port", String.valueOf(httpPort), "--https-port", String.valueOf(httpsPort),
                    "--ssh-port", String.valueOf(sshPort), "--topology", "demo")
                    .redirectErrorStream(true).redirectOutput(log).start();
            SimClient sim = new SimClient(process, "http://127.0.0.1:" + httpPort, sshPort);
            await("APIC simulator answering").atMost(Duration.ofSeconds(30))
                    .until(() -> sim.get("/_sim/status"), s -> s != null);
            return sim;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the APIC simulator " + jar, e);
        }
    }

    /** A simulator started by someone else (e.g. {@code ./ept cluster start}); this client cannot stop it. */
    static SimClient at(String url) {
        return new SimClient(null, url, -1);
    }

    void stop() {
        owned().destroy();
    }

    /** Stops the process and waits until it is gone (its ports are free again). */
    void stopAndWait() {
        Process process = owned();
        process.destroy();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process owned() {
        if (process == null) {
            throw new IllegalStateException("the simulator at " + url + " was started elsewhere; stop it there");
        }
        return process;
    }

    static int freeTcpPort() {
        return freePort();
    }

    String url() {
        return url;
    }

    int sshPort() {
        return sshPort;
    }

    String password() {
        return "ept-sim";
    }

    JsonObject topologySummary() {
        return parse(get("/_sim/topology/summary?tunnels=true")).asJsonObject();
    }

    /** Every command line the simulator's SSH server received (APIC and leafs), oldest first: {node, command, outcome}. */
    List<JsonObject> sshCommands() {
        return objects(parse(get("/_sim/ssh")).asJsonObject().getJsonArray("commands"));
    }

    void clearSshLog() {
        send(HttpRequest.newBuilder(URI.create(url + "/_sim/ssh/log")).DELETE());
    }

    /** Raw text frames to EPT's websockets: {@code text} {@code count} times, or frames of {@code padTo} 'x'. */
    int sendRawFrames(String text, int padTo, int count) {
        return parse(post("/_sim/websocket/frames", Json.createObjectBuilder().add("text", text).add("padTo", padTo)
                .add("count", count).build())).asJsonObject().getInt("sent");
    }

    /** The SSH server presents a new host key from now on; returns its SHA-256 fingerprint. */
    String rotateSshHostKey() {
        return parse(post("/_sim/ssh/host-key", Json.createObjectBuilder().build())).asJsonObject().getString("hostKey");
    }

    /** What each leaf holds for an address: node, local, interface, encap, pcTag, remote, flags. */
    JsonArray groundTruth(String addr) {
        return parse(get("/_sim/endpoint?addr=" + java.net.URLEncoder.encode(addr, java.nio.charset.StandardCharsets.UTF_8))).asJsonArray();
    }

    /** A new host: local on {@code leaf}/{@code port} in the EPG, remote (XR) on the other leafs given. */
    void learn(String mac, String ip, String epg, int leaf, String port, int... remoteLeaves) {
        var remotes = Json.createArrayBuilder();
        for (int r : remoteLeaves) {
            remotes.add(r);
        }
        post("/_sim/endpoint/learn", Json.createObjectBuilder().add("mac", mac).add("ips", Json.createArrayBuilder().add(ip))
                .add("epg", epg).add("leaf", leaf).add("port", port).add("remoteLeaves", remotes).build());
    }

    void move(String addr, int leaf, String port) {
        post("/_sim/endpoint/move", Json.createObjectBuilder().add("addr", addr).add("leaf", leaf).add("port", port).build());
    }

    void stale(String addr, int leaf, int pointsTo) {
        post("/_sim/endpoint/stale", Json.createObjectBuilder().add("addr", addr).add("leaf", leaf).add("pointsTo", pointsTo).build());
    }

    void offSubnet(String mac, String ip) {
        post("/_sim/endpoint/offsubnet", Json.createObjectBuilder().add("mac", mac).add("ip", ip).build());
    }

    void flap(String addr, int perMinute, int seconds) {
        post("/_sim/endpoint/flap", Json.createObjectBuilder().add("addr", addr).add("perMinute", perMinute).add("seconds", seconds).build());
    }

    /** Raw MO/epm changes applied in order, each {"cls":{"attributes":{"dn":..,"status":..,...}}}; returns events emitted. */
    int inject(JsonArray changes) {
        return parse(post("/_sim/inject", changes)).asJsonObject().getInt("events");
    }

    void leafDown(int node) {
        post("/_sim/leaf/down", Json.createObjectBuilder().add("node", node).build());
    }

    void leafUp(int node) {
        post("/_sim/leaf/up", Json.createObjectBuilder().add("node", node).build());
    }

    /**
     * One websocket the simulator served: epoch-millisecond open and close times ({@code closedAt} null while open),
     * who ended it ({@code simulator}, {@code peer} with a close frame, {@code connection} when the socket just
     * ended, e.g. the peer's JVM was killed), the subscriptions its login made while it was open and the frames sent.
     * {@code user} and {@code loginSession} are null for a socket refused for an invalid token.
     */
    record WebSocketSession(long id, String remoteAddress, int remotePort, String user, Long loginSession,
                            String userAgent, long openedAt, Long closedAt, String closedBy, int subscriptions,
                            long framesSent) {
        boolean open() {
            return closedAt == null;
        }
    }

    /** Every websocket session the simulator served, oldest first (it keeps the last 10,000). */
    List<WebSocketSession> websocketSessions() {
        return websocketSessions(parse(get("/_sim/websocket-sessions")).asJsonArray());
    }

    /** The sessions of a {@code GET /_sim/websocket-sessions} answer read by another client. */
    static List<WebSocketSession> websocketSessions(jakarta.json.JsonArray answer) {
        return answer.stream().map(JsonValue::asJsonObject)
                .map(o -> new WebSocketSession(o.getJsonNumber("id").longValue(), stringOrNull(o, "remoteAddress"),
                        o.getInt("remotePort"), stringOrNull(o, "user"), longOrNull(o, "loginSession"),
                        stringOrNull(o, "userAgent"), o.getJsonNumber("openedAt").longValue(), longOrNull(o, "closedAt"), stringOrNull(o, "closedBy"),
                        o.getInt("subscriptions"), o.getJsonNumber("framesSent").longValue()))
                .toList();
    }

    private static String stringOrNull(JsonObject o, String field) {
        return o.isNull(field) ? null : o.getString(field);
    }

    private static Long longOrNull(JsonObject o, String field) {
        return o.isNull(field) ? null : o.getJsonNumber(field).longValue();
    }

    void dropWebsockets() {
        post("/_sim/faults", Json.createObjectBuilder().add("dropWebsockets", true).build());
    }

    void refuseLogins(boolean refuse) {
        post("/_sim/faults", Json.createObjectBuilder().add("refuseLogins", refuse).build());
    }

    void expireTokens() {
        post("/_sim/faults", Json.createObjectBuilder().add("expireTokens", true).build());
    }

    void failFor(int status, int seconds) {
        post("/_sim/faults", Json.createObjectBuilder().add("errorStatus", status).add("errorSeconds", seconds).build());
    }

    void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(url + "/_sim/faults")).DELETE());
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private String post(String path, JsonValue body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("simulator answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    static List<JsonObject> objects(JsonArray array) {
        return array.stream().map(JsonValue::asJsonObject).toList();
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
