package io.ept.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EPT run by {@code ./ept start} against an external MongoDB-protocol store (ept-store.jar, its own process) that
 * goes away under an event stream for longer than a fabric lease lasts: the API answers 503 naming {@code mongodb}
 * (sessions cannot be checked) while the store does not answer, work waits instead of burning its redeliveries,
 * and once the store answers again EPT recovers by itself: every host moved before, during and after the outage
 * ends up stored where the simulator has it, nothing is dead-lettered and no event is stored twice.
 */
class StoreOutageIT {

    private static final String PASSWORD = "ept-it-store-outage-admin";
    private static final String MOVED_HOST = "00:00:5E:00:53:04";
    /** Longer than a lease (20 s with the default 60 s failover): the subscriber loses its lease and takes it back. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static Path root;
    private static Path state;
    private static Map<String, String> env;
    private static int httpPort;
    private static int simHttpsPort;
    private static Process store;
    private static TcpLink storeLink;
    private static String session;

    @BeforeAll
    static void setUp() throws Exception {
        root = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
        state = Path.of(System.getProperty("user.dir"), "target", "store-outage").toAbsolutePath();
        ScriptedEpt.deleteTree(state);
        Files.createDirectories(state.resolve("store"));
        int storePort = SimClient.freeTcpPort();
        store = new ProcessBuilder("java", "-Xmx512m", "-jar", System.getProperty("ept.it.store.jar"), "--host",
                "127.0.0.1", "--port", String.valueOf(storePort), "--data-dir", state.resolve("store").toString())
                .redirectErrorStream(true).redirectOutput(state.resolve("store.log").toFile()).start();
        // EPT reaches the store through a link the test cuts: the store itself keeps its data
        storeLink = TcpLink.to("127.0.0.1", storePort);

        int offset = Integer.getInteger("ept.it.port.offset", 100) + 70;
        httpPort = 8080 + offset;
        simHttpsPort = SimClient.freeTcpPort();
        env = new HashMap<>(ScriptedEpt.instanceEnv(state, offset, simHttpsPort, PASSWORD, "-Xms256m -Xmx1g"));
        env.put("EPT_MONGO_URI", "mongodb://127.0.0.1:" + storeLink.port() + "/ept?serverSelectionTimeoutMS=5000");
        await("the store answers").atMost(Duration.ofSeconds(60)).until(() -> listening(storePort));
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            ScriptedEpt.Result stop = ept("stop");
            assertEquals("", ept("pids").output().trim(), "processes left after ./ept stop: " + stop.output());
        } finally {
            if (storeLink != null) {
                storeLink.close();
            }
            if (store != null) {
                store.destroy();
                store.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aStoreOutageLongerThanALeaseIsReportedWaitedOutAndRecoveredWithNothingLostOrDoubled() throws Exception {
        ScriptedEpt.Result start = ept("start");
        assertEquals(0, start.exitCode(), start.output());
        login();
        awaitStatus("running", Duration.ofSeconds(120));
        ScriptedEpt.awaitDrained(() -> apiGet("app-status/manager"), Duration.ofSeconds(120));

        CompletableFuture<JsonObject> load = CompletableFuture.supplyAsync(() -> simPost("/_sim/load",
                "{\"eventsPerSecond\":20,\"seconds\":50,\"endpoints\":50}").asJsonObject());
        long receivedBefore = apiGet("app-status/pipeline").getJsonNumber("liveReceived").longValue();
        // the outage begins in the middle of the stream
        await("the stream reaches EPT").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> apiGet("app-status/pipeline").getJsonNumber("liveReceived").longValue() >= receivedBefore + 50);
        storeLink.cut();
        long cutAt = System.currentTimeMillis();
        simPost("/_sim/endpoint/move", "{\"addr\":\"" + MOVED_HOST + "\",\"leaf\":102,\"port\":\"eth1/21\"}");
        // sessions live in the store: the API says which dependency is away (503 to retry), never a 500 page
        HttpResponse<String> away = await("the API reports the store away").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500)).until(StoreOutageIT::statusResponse,
                        r -> r.statusCode() == 503 && r.body().contains("mongodb"));
        assertEquals("application/json", away.headers().firstValue("Content-Type").orElse("").split(";")[0], away.body());
        assertEquals("5", away.headers().firstValue("Retry-After").orElse(""), away.body());
        HttpResponse<String> anonymous = ScriptedEpt.send("GET", "http://localhost:" + httpPort + "/ept/api/app-status",
                null, null);
        assertEquals(503, anonymous.statusCode(), anonymous.body());
        System.out.printf("StoreOutageIT: reported %.1f s after the cut: %s; app-status: %s%n",
                (System.currentTimeMillis() - cutAt) / 1000.0, away.body(), anonymous.body());

        // the outage itself: the store stays away this long whatever EPT does meanwhile
        Thread.sleep(Math.max(0, cutAt + OUTAGE.toMillis() - System.currentTimeMillis()));
        storeLink.restore();
        long restoredAt = System.currentTimeMillis();
        awaitStatus("running", Duration.ofSeconds(120));
        System.out.printf("StoreOutageIT: running again %.1f s after the store answered%n",
                (System.currentTimeMillis() - restoredAt) / 1000.0);

        JsonObject report = load.get(120, TimeUnit.SECONDS);
        ScriptedEpt.awaitDrained(() -> apiGet("app-status/manager"), Duration.ofSeconds(180));
        Set<String> hosts = new LinkedHashSet<>();
        report.getJsonArray("movedMacs").forEach(v -> hosts.add(((JsonString) v).getString()));
        hosts.add(MOVED_HOST);
        List<String> mismatches = await("stored hosts match the simulator").atMost(Duration.ofSeconds(60))
                .until(() -> ScriptedEpt.mismatches(StoreOutageIT::simGet, StoreOutageIT::apiGet, hosts), List::isEmpty);
        assertTrue(mismatches.isEmpty(), mismatches.toString());
        assertEquals(0, apiGet("app-status").getJsonObject("dead_letter").getInt("count"),
                "nothing dead-lettered because the store was away");
        List<String> doubled = new ArrayList<>();
        for (String mac : hosts) {
            doubled.addAll(ScriptedEpt.doubledEvents(StoreOutageIT::apiGet, "history", mac));
        }
        assertTrue(doubled.isEmpty(), "events stored twice: " + doubled);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ScriptedEpt.Result ept(String command) {
        return ScriptedEpt.run(List.of("bash", root.resolve("ept").toString(), command), env, root, Duration.ofMinutes(6));
    }

    private static void login() {
        HttpResponse<String> r = ScriptedEpt.send("POST", "http://localhost:" + httpPort + "/ept/api/user/login",
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        session = ScriptedEpt.parse(r.body()).asJsonObject().getString("session");
    }

    /** The fabric's status answer, whatever its HTTP status. */
    private static HttpResponse<String> statusResponse() {
        return ScriptedEpt.send("GET", "http://localhost:" + httpPort + "/ept/api/uni/fb-demo/status", null, session);
    }

    private static void awaitStatus(String wanted, Duration timeout) {
        await("fabric demo " + wanted).atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(StoreOutageIT::statusResponse, r -> r.body().contains("\"status\":\"" + wanted + "\""));
    }

    private static JsonObject apiGet(String path) {
        HttpResponse<String> r = ScriptedEpt.send("GET", "http://localhost:" + httpPort + "/ept/api/" + path, null, session);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return ScriptedEpt.parse(r.body()).asJsonObject();
    }

    private static JsonValue simGet(String path) {
        HttpResponse<String> r = ScriptedEpt.send("GET", "https://127.0.0.1:" + simHttpsPort + path, null, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return ScriptedEpt.parse(r.body());
    }

    private static JsonValue simPost(String path, String body) {
        HttpResponse<String> r = ScriptedEpt.send("POST", "https://127.0.0.1:" + simHttpsPort + path, body, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return ScriptedEpt.parse(r.body());
    }
}
