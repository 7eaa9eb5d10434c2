package io.ept.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EPT as an operator runs it, through the {@code ./ept} control script, with the embedded redis-server and MongoDB
 * server and the demo fabric on the simulator (own state directory, WildFly base directory and ports): the script
 * tracks the WildFly JVM, redis-server and simulator by pid and refuses a second start; {@code kill -9} of Redis
 * under an event stream makes the fabric degraded, Redis is restarted on its data and everything sent during the
 * outage ends up stored, with nothing dead-lettered; the dead-letter queue is visible and replayable; a JVM that dies
 * between a store write and its acknowledgement gets the work again and applies nothing twice, and {@code ./ept start}
 * after that crash ends the redis-server the dead JVM left and keeps the simulator; stop and a failed start leave no
 * process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EptScriptIT {

    private static final String PASSWORD = "ept-it-script-admin";
    /** Long enough to see the outage from outside; the default restarts a dead redis-server after a second. */
    private static final int REDIS_RESTART_DELAY_MS = 8000;
    private static final String MOVED_HOST = "00:00:5E:00:53:05";

    private static Path root;
    private static Path state;
    private static Map<String, String> env;
    private static int httpPort;
    private static int managementPort;
    private static int simHttpsPort;
    private static String session;

    @BeforeAll
    static void setUp() throws Exception {
        root = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
        state = Path.of(System.getProperty("user.dir"), "target", "ept-script").toAbsolutePath();
        deleteTree(state);
        // beside the Arquillian server of the other tests (offset ept.it.port.offset)
        int offset = Integer.getInteger("ept.it.port.offset", 100) + 50;
        httpPort = 8080 + offset;
        managementPort = 9990 + offset;
        simHttpsPort = SimClient.freeTcpPort();
        env = ScriptedEpt.instanceEnv(state, offset, simHttpsPort, PASSWORD,
                "-Xms256m -Xmx1g -Dept.embedded.redis.restart-delay-ms=" + REDIS_RESTART_DELAY_MS);
    }

    @AfterAll
    static void tearDown() {
        ScriptedEpt.Result stop = ept("stop");
        assertEquals("", ept("pids").output().trim(), "processes left after ./ept stop: " + stop.output());
    }

    @Test
    @Order(1)
    void startTracksTheJvmItselfAndRefusesASecondStart() {
        ScriptedEpt.Result start = ept("start");
        assertEquals(0, start.exitCode(), start.output());
        Map<String, Long> pids = pids();
        assertTrue(pids.keySet().containsAll(List.of("wildfly", "launcher", "redis-server", "simulator")), pids.toString());
        String jvm = commandLine(pids.get("wildfly"));
        assertTrue(jvm.contains("jboss-modules.jar") && jvm.contains("-Dept.data.dir=" + state.resolve("data")),
                "the tracked pid is the WildFly JVM itself: " + jvm);
        assertTrue(commandLine(pids.get("redis-server")).contains("redis-server"), commandLine(pids.get("redis-server")));

        ScriptedEpt.Result second = ept("start");
        assertNotEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("still running") && second.output().contains("pid " + pids.get("wildfly")),
                "names the live instance's pid: " + second.output());
        assertEquals(pids, pids(), "the refused start touched nothing");
        login();
        awaitStatus("running", Duration.ofSeconds(120));
    }

    @Test
    @Order(2)
    void redisKilledUnderAnEventStreamIsRestartedAndTheOutageIsProcessed() throws Exception {
        long redisBefore = pids().get("redis-server");
        CompletableFuture<JsonObject> load = CompletableFuture.supplyAsync(() -> simPost("/_sim/load",
                "{\"eventsPerSecond\":20,\"seconds\":30,\"endpoints\":50}").asJsonObject());
        Thread.sleep(5000);
        run(List.of("kill", "-9", String.valueOf(redisBefore)));
        long killed = System.currentTimeMillis();
        // a host moved while Redis is down
        simPost("/_sim/endpoint/move", "{\"addr\":\"" + MOVED_HOST + "\",\"leaf\":101,\"port\":\"eth1/33\"}");

        JsonObject degraded = awaitStatus("degraded", Duration.ofSeconds(REDIS_RESTART_DELAY_MS / 1000 + 5));
        assertTrue(degraded.getString("reason", "").contains("redis"), degraded.toString());
        JsonObject running = awaitStatus("running", Duration.ofSeconds(60));
        long recovery = System.currentTimeMillis() - killed;
        assertTrue(recovery < REDIS_RESTART_DELAY_MS + 30_000, "recovered in " + recovery + " ms: " + running);
        Long redisAfter = pids().get("redis-server");
        assertNotNull(redisAfter, "redis-server restarted: " + pids());
        assertNotEquals(redisBefore, redisAfter.longValue());

        JsonObject report = load.get(120, TimeUnit.SECONDS);
        awaitDrained();
        Set<String> hosts = new LinkedHashSet<>();
        report.getJsonArray("movedMacs").forEach(v -> hosts.add(((jakarta.json.JsonString) v).getString()));
        hosts.add(MOVED_HOST);
        List<String> mismatches = mismatches(hosts);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + hosts.size() + " hosts differ from the simulator: "
                + mismatches);
        assertEquals(0, deadLetterCount(), "nothing dead-lettered because Redis was briefly down");
        String events = apiGet("uni/fb-demo").toString();
        assertTrue(events.contains("degraded") && events.contains("redis") && events.contains("dependencies answer again"),
                "the outage is in the fabric's event log: " + events);
    }

    @Test
    @Order(3)
    void deadLetteredWorkIsVisibleWithItsReasonAndReplayable() throws Exception {
        String queue = "/subsystem=messaging-activemq/server=default/jms-queue=EptWorkerQueue";
        cli(queue + ":pause");
        try {
            simPost("/_sim/endpoint/move", "{\"addr\":\"" + MOVED_HOST + "\",\"leaf\":102,\"port\":\"eth1/13\"}");
            await("the move's work queued").atMost(Duration.ofSeconds(30)).until(() -> cli(queue + ":count-messages"),
                    out -> !out.contains("\"result\" => 0L"));
            String moved = cli(queue + ":send-messages-to-dead-letter-address");
            assertTrue(moved.contains("success"), moved);
        } finally {
            cli(queue + ":resume");
        }
        JsonObject status = apiGet("app-status");
        JsonObject dlq = status.getJsonObject("dead_letter");
        assertTrue(dlq.getInt("count") > 0, status.toString());
        assertTrue(dlq.getJsonNumber("oldest_age_seconds").longValue() >= 0, status.toString());
        JsonObject listing = apiGet("app-status/dead-letter");
        assertEquals(dlq.getInt("count"), listing.getJsonArray("messages").size(), listing.toString());
        JsonObject first = listing.getJsonArray("messages").getJsonObject(0);
        assertEquals("EptWorkerQueue", first.getString("queue"), first.toString());
        assertFalse(first.getString("reason").isBlank(), first.toString());
        Thread.sleep(2000);
        assertEquals(101, localNode(MOVED_HOST), "the parked work is not processed");

        assertEquals(400, apiPost("app-status/dead-letter/replay", "{\"id\":\"x' OR 1=1\"}").statusCode());
        assertEquals(404, apiPost("app-status/dead-letter/replay", "{\"id\":\"ID:00000000-0000-0000-0000-000000000000\"}").statusCode());
        HttpResponse<String> replay = apiPost("app-status/dead-letter/replay", "{}");
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals(dlq.getInt("count"), parse(replay.body()).asJsonObject().getInt("replayed"), replay.body());
        await("the replayed move processed").atMost(Duration.ofSeconds(30))
                .until(() -> localNode(MOVED_HOST), n -> n == 102);
        assertEquals(0, deadLetterCount());
    }

    /**
     * The JVM halts right after a worker stored the batch of a move and before the broker's acknowledgement
     * ({@code ept.worker.halt-after-store-write}); the work is journalled ({@code ept.worker.persistent-epm}), so the
     * restarted server gets it again. Its second application must add no event, no move and no history entry twice.
     */
    @Test
    @Order(4)
    void aCrashBetweenTheStoreWriteAndTheAcknowledgementAppliesNothingTwice() throws Exception {
        String persistent = " -Dept.worker.persistent-epm=true";
        assertEquals(0, ept("stop").exitCode());
        ScriptedEpt.Result armed = ept("start", Map.of("EPT_JAVA_OPTS", env.get("EPT_JAVA_OPTS") + persistent
                + " -Dept.worker.halt-after-store-write=" + MOVED_HOST));
        assertEquals(0, armed.exitCode(), armed.output());
        login();
        awaitStatus("running", Duration.ofSeconds(120));
        awaitDrained();
        long jvm = pids().get("wildfly");

        simPost("/_sim/endpoint/move", "{\"addr\":\"" + MOVED_HOST + "\",\"leaf\":101,\"port\":\"eth1/35\"}");
        await("the JVM halted after storing the move").atMost(Duration.ofSeconds(60))
                .until(() -> ProcessHandle.of(jvm).map(p -> !p.isAlive()).orElse(true));

        long restartedAt = System.currentTimeMillis();
        ScriptedEpt.Result restarted = ept("start", Map.of("EPT_JAVA_OPTS", env.get("EPT_JAVA_OPTS") + persistent));
        assertEquals(0, restarted.exitCode(), restarted.output());
        assertTrue(restarted.output().contains("ending the redis-server it left behind")
                && restarted.output().contains("simulator of this instance is still running"), restarted.output());
        login();
        awaitStatus("running", Duration.ofSeconds(120));
        awaitDrained();
        JsonObject pipeline = apiGet("app-status/pipeline");
        assertTrue(pipeline.getJsonNumber("liveProcessed").longValue() > pipeline.getJsonNumber("liveReceived").longValue(),
                "the restarted server processed live work it never received itself, the redelivered batch: " + pipeline);
        assertTrue(pipeline.getJsonNumber("alreadyStored").longValue() > 0,
                "the redelivered batch was recognised as stored by its id: " + pipeline);
        assertEquals(List.of(), mismatches(Set.of(MOVED_HOST)));
        for (String collection : List.of("history", "endpoint", "move")) {
            List<String> doubled = ScriptedEpt.doubledEvents(EptScriptIT::apiGet, collection, MOVED_HOST);
            assertTrue(doubled.isEmpty(), "ept." + collection + " events stored twice: " + doubled);
        }
        assertEquals(0, deadLetterCount());
        assertOneSubscriberAtATimeSince(restartedAt);
    }

    /**
     * The APIC's websockets opened since {@code since} never overlap: one subscriber per fabric (the first
     * supervision tick after boot and the lease taken at boot once both started one).
     */
    private static void assertOneSubscriberAtATimeSince(long since) {
        List<SimClient.WebSocketSession> sessions = SimClient.websocketSessions(simGet("/_sim/websocket-sessions")
                .asJsonArray()).stream().filter(s -> s.openedAt() >= since).toList();
        assertFalse(sessions.isEmpty(), "the restarted server subscribed");
        long now = System.currentTimeMillis();
        for (SimClient.WebSocketSession a : sessions) {
            for (SimClient.WebSocketSession b : sessions) {
                long aEnd = a.closedAt() == null ? now : a.closedAt();
                assertTrue(a == b || b.openedAt() < a.openedAt() || b.openedAt() >= aEnd,
                        "two websockets open at once: " + a + " and " + b);
            }
        }
    }

    @Test
    @Order(5)
    void stopLeavesNothingAndAFailedStartCleansUpAfterItself() throws Exception {
        ScriptedEpt.Result stop = ept("stop");
        assertEquals(0, stop.exitCode(), stop.output());
        assertEquals("", ept("pids").output().trim());
        assertTrue(noProcessMentions(state.resolve("data").toString()), "no process of this instance is left");

        try (ServerSocket squatter = new ServerSocket(httpPort)) {
            ScriptedEpt.Result refused = ept("start");
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("port " + httpPort + " is in use by pid " + ProcessHandle.current().pid()),
                    refused.output());
        }
        assertEquals("", ept("pids").output().trim());

        ScriptedEpt.Result failed = ept("start", Map.of("EPT_START_TIMEOUT", "4"));
        assertNotEquals(0, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains("start failed: stopping what it started"), failed.output());
        assertEquals("", ept("pids").output().trim(), failed.output());
        assertTrue(noProcessMentions(state.resolve("data").toString()), "the failed start left nothing: " + failed.output());
    }

    // ------------------------------------------------------------------------------------------------ helpers


    private static ScriptedEpt.Result ept(String command) {
        return ept(command, Map.of());
    }

    private static ScriptedEpt.Result ept(String command, Map<String, String> extraEnv) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        return run(List.of("bash", root.resolve("ept").toString(), command), all, Duration.ofMinutes(6));
    }

    private static ScriptedEpt.Result run(List<String> command) {
        return run(command, Map.of(), Duration.ofMinutes(1));
    }

    private static ScriptedEpt.Result run(List<String> command, Map<String, String> extraEnv, Duration timeout) {
        return ScriptedEpt.run(command, extraEnv, root, timeout);
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new HashMap<>();
        for (String line : ept("pids").output().split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && parts[1].matches("\\d+")) {
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return pids;
    }

    private static String commandLine(Long pid) {
        try {
            return pid == null ? "" : Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean noProcessMentions(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> commandLine(Long.parseLong(p.getFileName().toString())))
                    .noneMatch(c -> c.contains(text) && !c.contains("surefire") && !c.contains("failsafe"));
        }
    }

    private static String cli(String operation) {
        ScriptedEpt.Result r = run(List.of("bash", Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh").toString(),
                "--connect", "--controller=localhost:" + managementPort, "--command=" + operation), Map.of(), Duration.ofMinutes(1));
        assertEquals(0, r.exitCode(), operation + ": " + r.output());
        return r.output();
    }

    private static void login() {
        HttpResponse<String> r = send("POST", "http://localhost:" + httpPort + "/ept/api/user/login",
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", false);
        assertEquals(200, r.statusCode(), r.body());
        session = parse(r.body()).asJsonObject().getString("session");
    }

    private static JsonObject awaitStatus(String wanted, Duration timeout) {
        return await("fabric demo " + wanted).atMost(timeout).until(() -> apiGet("uni/fb-demo/status"),
                s -> wanted.equals(s.getString("status", "")));
    }

    private static void awaitDrained() {
        ScriptedEpt.awaitDrained(() -> apiGet("app-status/manager"), Duration.ofSeconds(120));
    }

    private static int deadLetterCount() {
        return apiGet("app-status").getJsonObject("dead_letter").getInt("count");
    }

    private static List<String> mismatches(Set<String> macs) {
        return ScriptedEpt.mismatches(EptScriptIT::simGet, EptScriptIT::apiGet, macs);
    }

    private static JsonObject newestEvent(String mac) {
        return ScriptedEpt.newestEvent(EptScriptIT::apiGet, mac);
    }

    private static int localNode(String mac) {
        JsonObject e = newestEvent(mac);
        return e == null ? 0 : e.getInt("node");
    }

    private static JsonObject apiGet(String path) {
        HttpResponse<String> r = send("GET", "http://localhost:" + httpPort + "/ept/api/" + path, null, true);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return parse(r.body()).asJsonObject();
    }

    private static HttpResponse<String> apiPost(String path, String body) {
        return send("POST", "http://localhost:" + httpPort + "/ept/api/" + path, body, true);
    }

    private static JsonValue simGet(String path) {
        HttpResponse<String> r = send("GET", "https://127.0.0.1:" + simHttpsPort + path, null, false);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return parse(r.body());
    }

    private static JsonValue simPost(String path, String body) {
        HttpResponse<String> r = send("POST", "https://127.0.0.1:" + simHttpsPort + path, body, false);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return parse(r.body());
    }

    private static HttpResponse<String> send(String method, String url, String body, boolean withSession) {
        return ScriptedEpt.send(method, url, body, withSession ? session : null);
    }

    private static JsonValue parse(String json) {
        return ScriptedEpt.parse(json);
    }

    private static void deleteTree(Path dir) throws IOException {
        ScriptedEpt.deleteTree(dir);
    }
}
