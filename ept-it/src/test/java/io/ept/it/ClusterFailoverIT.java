package io.ept.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster mode (issue 18) as an operator runs it: {@code ./ept cluster start 3} (three WildFly nodes of the same EAR,
 * the MongoDB-protocol store, redis-server, the Artemis broker and the simulated APIC, each its own process), under a
 * continuous event stream:
 * <ol>
 *   <li>the node that runs the demo fabric is killed with SIGKILL; the fabric runs on a survivor within the failover
 *       time (60 s), and once the stream stops and EPT drains every host's stored state equals the simulator's;</li>
 *   <li>the fabric is moved (admin API) to node 2, whose connections to the store and the broker go through links the
 *       test cuts: node 2 is cut off from the cluster; it stops its subscriber when its lease lapses and another node
 *       takes over.</li>
 * </ol>
 * The witness that two nodes never ran the fabric's subscriber at once is the simulated APIC: its log of websocket
 * sessions, each naming the node that opened it (User-Agent), with open and close times (a killed JVM's socket is
 * closed by the kernel at once).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    private static final String PASSWORD = "ept-it-cluster-admin";
    private static final int NODES = 3;
    private static final int CUT_NODE = 2;
    private static final long FAILOVER_MILLIS = 60_000;
    private static final Pattern NODE_AGENT = Pattern.compile("EPT \\(node (node-\\d+)\\)");

    private static Path root;
    private static Path clusterDir;
    private static Map<String, String> env;
    private static int baseOffset;
    private static int simHttpsPort;
    private static TcpLink storeLinkOfCutNode;
    private static TcpLink brokerLinkOfCutNode;
    private static String session;
    private static final Set<String> deadNodes = new LinkedHashSet<>();

    @BeforeAll
    static void startCluster() throws Exception {
        root = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
        clusterDir = Path.of(System.getProperty("user.dir"), "target", "ept-cluster-failover").toAbsolutePath();
        ScriptedEpt.deleteTree(clusterDir);
        baseOffset = Integer.getInteger("ept.it.port.offset", 100) + 2500;
        simHttpsPort = SimClient.freeTcpPort();
        int storePort = SimClient.freeTcpPort();
        storeLinkOfCutNode = TcpLink.to("127.0.0.1", storePort);
        int brokerPort = SimClient.freeTcpPort();
        brokerLinkOfCutNode = TcpLink.to("127.0.0.1", brokerPort);
        env = new HashMap<>();
        env.put("EPT_CLUSTER_DIR", clusterDir.toString());
        env.put("EPT_SERVER_HOME", Path.of(System.getProperty("jboss.home")).toAbsolutePath().toString());
        env.put("EPT_EAR", Path.of(System.getProperty("ept.it.ear")).toAbsolutePath().toString());
        env.put("EPT_SIM_JAR", Path.of(System.getProperty("ept.it.sim.jar")).toAbsolutePath().toString());
        env.put("EPT_SKIP_BUILD", "1");
        env.put("EPT_PORT_OFFSET", String.valueOf(baseOffset));
        env.put("EPT_DEMO_HTTPS_PORT", String.valueOf(simHttpsPort));
        env.put("EPT_DEMO_SSH_PORT", String.valueOf(SimClient.freeTcpPort()));
        env.put("EPT_CLUSTER_MONGO_PORT", String.valueOf(storePort));
        env.put("EPT_CLUSTER_REDIS_PORT", String.valueOf(SimClient.freeTcpPort()));
        env.put("EPT_CLUSTER_BROKER_PORT", String.valueOf(brokerPort));
        env.put("EPT_NODE" + CUT_NODE + "_BROKER_PORT", String.valueOf(brokerLinkOfCutNode.port()));
        env.put("EPT_NODE" + CUT_NODE + "_MONGO_URI", "mongodb://127.0.0.1:" + storeLinkOfCutNode.port()
                + "/?serverSelectionTimeoutMS=5000&connectTimeoutMS=3000&socketTimeoutMS=10000");
        env.put("EPT_ADMIN_PASSWORD", PASSWORD);
        env.put("EPT_JAVA_OPTS", "-Xms128m -Xmx640m");
        ScriptedEpt.Result start = cluster(List.of("start", String.valueOf(NODES)), Duration.ofMinutes(10));
        assertEquals(0, start.exitCode(), start.output());
        login(0);
    }

    @AfterAll
    static void stopCluster() {
        try {
            ScriptedEpt.Result stop = cluster(List.of("stop"), Duration.ofMinutes(5));
            assertEquals(0, stop.exitCode(), stop.output());
        } finally {
            if (storeLinkOfCutNode != null) {
                storeLinkOfCutNode.close();
            }
            if (brokerLinkOfCutNode != null) {
                brokerLinkOfCutNode.close();
            }
        }
    }

    @Test
    @Order(1)
    void theNodesShareTheFabricAndEveryNodeAnswersForIt() {
        JsonObject running = awaitDemo(0, s -> "running".equals(s.getString("status")), Duration.ofMinutes(3));
        String owner = running.getString("node");
        assertTrue(owner.matches("node-[0-2]"), running.toString());
        for (int i = 0; i < NODES; i++) {
            JsonObject manager = apiGet(i, "app-status/manager");
            assertEquals("node-" + i, manager.getString("node"), "the answering node names itself");
            List<String> live = manager.getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                    .filter(n -> n.getBoolean("active")).map(n -> n.getString("node")).toList();
            assertEquals(List.of("node-0", "node-1", "node-2"), live, manager.toString());
            JsonObject status = apiGet(i, "uni/fb-demo/status");
            assertEquals(owner, status.getString("node"), "node " + i + " names the fabric's node: " + status);
        }
    }

    @Test
    @Order(2)
    void theOwnersDeathMovesTheFabricToASurvivorWithinTheFailoverTimeAndNothingIsLostOrDoubled() throws Exception {
        String owner = awaitDemo(0, s -> "running".equals(s.getString("status")), Duration.ofMinutes(3)).getString("node");
        int ownerIndex = index(owner);
        int observer = (ownerIndex + 1) % NODES;
        long receivedBefore = liveReceived(ownerIndex);
        CompletableFuture<JsonObject> load = CompletableFuture.supplyAsync(() -> simPost("/_sim/load",
                "{\"eventsPerSecond\":40,\"seconds\":50,\"endpoints\":80}").asJsonObject());
        // the stream is flowing through the owner before it dies
        await("live events received by the owner").atMost(Duration.ofSeconds(60))
                .until(() -> liveReceived(ownerIndex), n -> n > receivedBefore + 100);

        ScriptedEpt.Result kill = cluster(List.of("kill-node", String.valueOf(ownerIndex)), Duration.ofMinutes(1));
        long killed = System.currentTimeMillis();
        assertEquals(0, kill.exitCode(), kill.output());
        deadNodes.add(owner);

        JsonObject taken = awaitDemo(observer, s -> "running".equals(s.getString("status"))
                && !owner.equals(s.getString("node")) && !s.getString("node").isEmpty(), Duration.ofSeconds(90));
        long failover = System.currentTimeMillis() - killed;
        System.out.printf("ClusterFailoverIT: %s killed; demo running on %s after %.1f s%n", owner,
                taken.getString("node"), failover / 1000.0);
        assertTrue(failover < FAILOVER_MILLIS, "failover took " + failover + " ms: " + taken);

        JsonObject report = load.get(3, TimeUnit.MINUTES);
        // The killed node comes back, as an operator or orchestrator brings it: work it had prepared in an XA
        // transaction on the broker when it died stays in doubt until its own recovery settles it (it rolls back and
        // is redelivered), so the drain includes that restart.
        ScriptedEpt.Result restarted = cluster(List.of("start-node", String.valueOf(ownerIndex)), Duration.ofMinutes(5));
        assertEquals(0, restarted.exitCode(), restarted.output());
        deadNodes.remove(owner);
        ScriptedEpt.awaitDrained(() -> apiGet(observer, "app-status/manager"), Duration.ofSeconds(300));
        Set<String> hosts = new LinkedHashSet<>();
        report.getJsonArray("movedMacs").forEach(v -> hosts.add(((jakarta.json.JsonString) v).getString()));
        assertFalse(hosts.isEmpty(), report.toString());
        List<String> mismatches = ScriptedEpt.mismatches(ClusterFailoverIT::simGet, path -> apiGet(observer, path), hosts);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + hosts.size()
                + " hosts differ from the simulator: " + mismatches);
        List<String> doubled = doubledEvents(observer, hosts);
        assertTrue(doubled.isEmpty(), "events stored twice: " + doubled);
        assertEquals(0, apiGet(observer, "app-status").getJsonObject("dead_letter").getInt("count"));
        assertNoTwoNodesSubscribedAtOnce();
    }

    @Test
    @Order(3)
    void aNodeCutOffFromTheStoreStopsItsSubscriberBeforeAnotherNodeTakesTheFabric() {
        String cut = "node-" + CUT_NODE;
        if (deadNodes.remove(cut)) { // the first test killed it: bring it back
            ScriptedEpt.Result restarted = cluster(List.of("start-node", String.valueOf(CUT_NODE)), Duration.ofMinutes(5));
            assertEquals(0, restarted.exitCode(), restarted.output());
        }
        int admin = survivorOtherThan(CUT_NODE);
        login(admin);
        HttpResponse<String> moved = send("POST", api(admin, "uni/fb-demo/move"), "{\"node\":\"" + cut + "\"}", true);
        assertEquals(200, moved.statusCode(), moved.body());
        awaitDemo(admin, s -> "running".equals(s.getString("status")) && cut.equals(s.getString("node")),
                Duration.ofSeconds(90));
        HttpResponse<String> refused = send("POST", api(admin, "uni/fb-demo/move"), "{\"node\":\"node-9\"}", true);
        assertEquals(400, refused.statusCode(), "a move to a node that is not live is refused: " + refused.body());

        // cut off from the cluster: neither the store (where the leases are) nor the broker (where the work is)
        storeLinkOfCutNode.cut();
        brokerLinkOfCutNode.cut();
        long cutAt = System.currentTimeMillis();
        JsonObject taken = awaitDemo(admin, s -> "running".equals(s.getString("status"))
                && !cut.equals(s.getString("node")) && !s.getString("node").isEmpty(), Duration.ofSeconds(90));
        long failover = System.currentTimeMillis() - cutAt;
        System.out.printf("ClusterFailoverIT: %s cut off from the store; demo running on %s after %.1f s%n", cut,
                taken.getString("node"), failover / 1000.0);
        assertTrue(failover < FAILOVER_MILLIS, "takeover took " + failover + " ms: " + taken);
        List<SimClient.WebSocketSession> ofCutNode = sessionsOf(cut);
        assertFalse(ofCutNode.isEmpty(), "node 2 had subscribed");
        assertTrue(ofCutNode.stream().noneMatch(SimClient.WebSocketSession::open),
                "the cut-off node closed its websocket: " + ofCutNode);

        storeLinkOfCutNode.restore();
        brokerLinkOfCutNode.restore();
        await("node 2 back in the cluster").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(
                () -> apiGet(CUT_NODE, "app-status/manager").getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                        .anyMatch(n -> cut.equals(n.getString("node")) && n.getBoolean("active")));
        assertEquals(taken.getString("node"), apiGet(CUT_NODE, "uni/fb-demo/status").getString("node"),
                "the returning node leaves the fabric where it runs");
        await("node 2 reads the broker's queue counters again").atMost(Duration.ofSeconds(60)).until(
                () -> apiGet(CUT_NODE, "app-status/manager").getJsonObject("manager"), m -> !m.containsKey("queues_error"));
        assertNoTwoNodesSubscribedAtOnce();
    }

    /** The simulator's websocket sessions, each with the node that opened it, never overlap across nodes. */
    private static void assertNoTwoNodesSubscribedAtOnce() {
        List<SimClient.WebSocketSession> sessions = websocketSessions();
        long now = System.currentTimeMillis();
        List<SimClient.WebSocketSession> byNode = sessions.stream().filter(s -> node(s) != null)
                .sorted(Comparator.comparingLong(SimClient.WebSocketSession::openedAt)).toList();
        assertTrue(byNode.size() >= 2, "sessions of at least two nodes: " + sessions);
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < byNode.size(); i++) {
            for (int j = i + 1; j < byNode.size(); j++) {
                SimClient.WebSocketSession a = byNode.get(i);
                SimClient.WebSocketSession b = byNode.get(j);
                long aEnd = a.closedAt() == null ? now : a.closedAt();
                if (!node(a).equals(node(b)) && b.openedAt() < aEnd) {
                    overlaps.add(node(a) + " " + a + " and " + node(b) + " " + b);
                }
            }
        }
        assertTrue(overlaps.isEmpty(), "two nodes subscribed at once: " + overlaps);
    }

    private static List<SimClient.WebSocketSession> sessionsOf(String node) {
        return websocketSessions().stream().filter(s -> node.equals(node(s))).toList();
    }

    private static List<SimClient.WebSocketSession> websocketSessions() {
        return SimClient.websocketSessions(simGet("/_sim/websocket-sessions").asJsonArray());
    }

    private static String node(SimClient.WebSocketSession session) {
        if (session.userAgent() == null) {
            return null;
        }
        Matcher m = NODE_AGENT.matcher(session.userAgent());
        return m.find() ? m.group(1) : null;
    }

    private static int index(String node) {
        return Integer.parseInt(node.substring("node-".length()));
    }

    private static int survivorOtherThan(int excluded) {
        for (int i = 0; i < NODES; i++) {
            if (i != excluded && !deadNodes.contains("node-" + i)) {
                return i;
            }
        }
        throw new AssertionError("no live node besides node-" + excluded);
    }

    private static JsonObject awaitDemo(int node, java.util.function.Predicate<JsonObject> wanted, Duration timeout) {
        return await("fabric demo as node " + node + " sees it").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> apiGet(node, "uni/fb-demo/status"), wanted::test);
    }

    private static long liveReceived(int node) {
        return apiGet(node, "app-status/pipeline").getJsonNumber("liveReceived").longValue();
    }

    /** History rows of the hosts in which one event appears twice (a batch applied twice would do that). */
    private static List<String> doubledEvents(int node, Set<String> macs) {
        List<String> out = new ArrayList<>();
        for (String mac : macs) {
            JsonArray rows = apiGet(node, "ept/history?filter=" + URLEncoder.encode("and(eq(\"fabric\",\"demo\"),eq(\"addr\",\""
                    + mac + "\"))", StandardCharsets.UTF_8)).getJsonArray("objects");
            for (JsonValue v : rows) {
                JsonObject row = v.asJsonObject();
                JsonObject history = row.getJsonObject(row.keySet().iterator().next());
                JsonArray events = history.getJsonArray("events");
                Set<String> seen = new java.util.HashSet<>();
                for (JsonValue e : events == null ? JsonValue.EMPTY_JSON_ARRAY : events) {
                    if (!seen.add(e.toString())) {
                        out.add(mac + " on node " + history.getInt("node") + ": " + e);
                    }
                }
            }
        }
        return out;
    }

    private static String api(int node, String path) {
        return "http://localhost:" + (8080 + baseOffset + 100 * node) + "/ept/api/" + path;
    }

    private static void login(int node) {
        HttpResponse<String> r = send("POST", api(node, "user/login"),
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", false);
        assertEquals(200, r.statusCode(), r.body());
        session = ScriptedEpt.parse(r.body()).asJsonObject().getString("session");
    }

    /** Any node honours a session opened on another (the session store is shared). */
    private static JsonObject apiGet(int node, String path) {
        HttpResponse<String> r = send("GET", api(node, path), null, true);
        assertEquals(200, r.statusCode(), "node " + node + " " + path + ": " + r.body());
        return ScriptedEpt.parse(r.body()).asJsonObject();
    }

    private static JsonValue simGet(String path) {
        return ScriptedEpt.json("GET", "https://127.0.0.1:" + simHttpsPort + path, null, null);
    }

    private static JsonValue simPost(String path, String body) {
        return ScriptedEpt.json("POST", "https://127.0.0.1:" + simHttpsPort + path, body, null);
    }

    private static HttpResponse<String> send(String method, String url, String body, boolean withSession) {
        return ScriptedEpt.send(method, url, body, withSession ? session : null);
    }

    private static ScriptedEpt.Result cluster(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("ept").toString(), "cluster"));
        command.addAll(args);
        return ScriptedEpt.run(command, env, root, timeout);
    }
}
