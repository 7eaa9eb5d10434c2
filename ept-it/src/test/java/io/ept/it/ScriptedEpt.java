package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * What the tests of EPT as an operator runs it ({@code ./ept start}, {@code ./ept cluster}) share: running the script,
 * HTTP to EPT and to its simulator (whose self-signed certificate the test trusts), the drain wait and the comparison
 * of stored hosts with the simulator's ground truth.
 */
final class ScriptedEpt {

    private static final HttpClient HTTP = trustingClient();

    private ScriptedEpt() {
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command in {@code dir} with extra environment; fails the test if it outlives {@code timeout}. */
    static Result run(List<String> command, Map<String, String> env, Path dir, Duration timeout) {
        try {
            Path out = Files.createTempFile("ept-script", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + ": " + Files.readString(out));
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The environment of a {@code ./ept} instance of a test's own: state and WildFly base directory under
     * {@code state}, ports at {@code portOffset}, the demo simulator on {@code simHttpsPort}, the build's artifacts.
     */
    static Map<String, String> instanceEnv(Path state, int portOffset, int simHttpsPort, String adminPassword,
                                           String javaOpts) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("EPT_STATE_DIR", state.toString());
        env.put("EPT_BASE_DIR", state.resolve("server").toString());
        env.put("EPT_SERVER_HOME", Path.of(System.getProperty("jboss.home")).toAbsolutePath().toString());
        env.put("EPT_EAR", Path.of(System.getProperty("ept.it.ear")).toAbsolutePath().toString());
        env.put("EPT_SIM_JAR", Path.of(System.getProperty("ept.it.sim.jar")).toAbsolutePath().toString());
        env.put("EPT_SKIP_BUILD", "1");
        env.put("EPT_PORT_OFFSET", String.valueOf(portOffset));
        env.put("EPT_DEMO_HTTPS_PORT", String.valueOf(simHttpsPort));
        env.put("EPT_DEMO_SSH_PORT", String.valueOf(SimClient.freeTcpPort()));
        env.put("EPT_ADMIN_PASSWORD", adminPassword);
        env.put("EPT_JAVA_OPTS", javaOpts);
        return env;
    }

    /** An HTTP exchange; {@code session} (may be null) goes in EPT's session header. */
    static HttpResponse<String> send(String method, String url, String body, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (session != null) {
            b.header("session", session);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The JSON body of a request that must answer 200. */
    static JsonValue json(String method, String url, String body, String session) {
        HttpResponse<String> r = send(method, url, body, session);
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    static JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** No work waiting or in flight for three seconds in a row (rechecks scheduled for later do not count). */
    static void awaitDrained(Supplier<JsonObject> managerStatus, Duration timeout) {
        long[] emptySince = {0};
        await("EPT drained its queues").atMost(timeout).until(() -> {
            long due = 0;
            for (JsonValue q : managerStatus.get().getJsonObject("manager").getJsonArray("queues")) {
                JsonObject queue = q.asJsonObject();
                if (!"EptDLQ".equals(queue.getString("queue"))) {
                    due += queue.getJsonNumber("queue_len").longValue() - queue.getJsonNumber("scheduled").longValue();
                }
            }
            return due;
        }, n -> {
            if (n > 0) {
                emptySince[0] = 0;
                return false;
            }
            if (emptySince[0] == 0) {
                emptySince[0] = System.currentTimeMillis();
            }
            return System.currentTimeMillis() - emptySince[0] >= 3000;
        });
    }

    /** The newest stored event of a host of fabric demo, or null. */
    static JsonObject newestEvent(Function<String, JsonObject> apiGet, String mac) {
        JsonArray objects = apiGet.apply("ept/endpoint?filter=" + URLEncoder.encode("and(eq(\"fabric\",\"demo\"),eq(\"addr\",\""
                + mac + "\"))", StandardCharsets.UTF_8)).getJsonArray("objects");
        if (objects.isEmpty()) {
            return null;
        }
        JsonObject row = objects.getJsonObject(0);
        JsonArray events = row.getJsonObject(row.keySet().iterator().next()).getJsonArray("events");
        return events == null || events.isEmpty() ? null : events.getJsonObject(0);
    }

    /** Events of the host's rows in ept.{collection} of fabric demo that equal another event of the same row. */
    static List<String> doubledEvents(Function<String, JsonObject> apiGet, String collection, String mac) {
        List<String> doubled = new ArrayList<>();
        String filter = URLEncoder.encode("and(eq(\"fabric\",\"demo\"),eq(\"addr\",\"" + mac + "\"))",
                StandardCharsets.UTF_8);
        for (JsonValue object : apiGet.apply("ept/" + collection + "?filter=" + filter).getJsonArray("objects")) {
            JsonObject row = object.asJsonObject().getJsonObject("ept." + collection);
            Set<String> seen = new java.util.HashSet<>();
            for (JsonValue event : row.getJsonArray("events")) {
                if (!seen.add(event.toString())) {
                    doubled.add(row.getString("dn", collection) + ": " + event);
                }
            }
        }
        return doubled;
    }

    /** Hosts whose stored newest location (node, interface) differs from the simulator's local entry. */
    static List<String> mismatches(Function<String, JsonValue> simGet, Function<String, JsonObject> apiGet,
                                   Set<String> macs) {
        List<String> out = new ArrayList<>();
        for (String mac : macs) {
            String expected = null;
            for (JsonValue v : simGet.apply("/_sim/endpoint?addr=" + URLEncoder.encode(mac, StandardCharsets.UTF_8)).asJsonArray()) {
                JsonObject e = v.asJsonObject();
                if ("epmMacEp".equals(e.getString("class", "")) && e.getBoolean("local", false)) {
                    expected = e.getInt("node") + "|" + e.getString("interface");
                }
            }
            JsonObject latest = newestEvent(apiGet, mac);
            String actual = latest == null || "deleted".equals(latest.getString("status", "")) ? null
                    : latest.getInt("node") + "|" + latest.getString("intf_id", "");
            if (expected == null ? actual != null : !expected.equals(actual)) {
                out.add(mac + " (simulator " + expected + ", EPT " + actual + ")");
            }
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The simulator's certificate is self-signed: these tests talk to it (and to EPT) without checking it. */
    private static HttpClient trustingClient() {
        try {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[]{new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    }
}
