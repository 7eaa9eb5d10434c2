package io.ept.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./ept cluster} as an operator runs it: two WildFly nodes of the same EAR with the store (ept-store.jar),
 * redis-server, the Artemis broker and the simulator as their own processes (own cluster directory; ports from
 * ept.it.port.offset + 2000). Both nodes answer and consume the one shared worker queue (the broker's consumer
 * count, which every node reports alike, is the sum of both nodes' MDB sessions); kill-node 1 leaves node 0
 * working with half the consumers, start-node 1 brings them back; no secret is on a command line; stop leaves no
 * process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScriptIT {

    private static final String PASSWORD = "ept-it-cluster-admin";

    private static Path root;
    private static Path clusterDir;
    private static Map<String, String> env;
    private static int baseOffset;
    private static final Map<Integer, String> SESSIONS = new HashMap<>();
    /** The consumers of EptWorkerQueue with both nodes up. */
    private static int bothNodesConsumers;

    @BeforeAll
    static void setUp() throws IOException {
        root = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
        clusterDir = Path.of(System.getProperty("user.dir"), "target", "ept-cluster").toAbsolutePath();
        if (Files.exists(clusterDir)) {
            try (Stream<Path> paths = Files.walk(clusterDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        baseOffset = Integer.getInteger("ept.it.port.offset", 100) + 2000;
        env = new HashMap<>();
        env.put("EPT_CLUSTER_DIR", clusterDir.toString());
        env.put("EPT_SERVER_HOME", absolute("jboss.home"));
        env.put("EPT_EAR", absolute("ept.it.ear"));
        env.put("EPT_SIM_JAR", absolute("ept.it.sim.jar"));
        env.put("EPT_STORE_JAR", absolute("ept.it.store.jar"));
        env.put("EPT_ARTEMIS_HOME", absolute("ept.it.artemis.home"));
        env.put("EPT_SKIP_BUILD", "1");
        env.put("EPT_PORT_OFFSET", String.valueOf(baseOffset));
        env.put("EPT_ADMIN_PASSWORD", PASSWORD);
        env.put("EPT_JAVA_OPTS", "-Xms128m -Xmx768m");
    }

    @AfterAll
    static void tearDown() throws IOException {
        List<Long> pids = clusterPids();
        ScriptedEpt.Result stop = ept("cluster", "stop");
        assertEquals(0, stop.exitCode(), stop.output());
        for (long pid : pids) {
            assertFalse(running(pid),
                    "pid " + pid + " (" + commandLine(pid) + ") outlived ./ept cluster stop: " + stop.output());
        }
        assertEquals(List.of(), processesMentioning(clusterDir.toString()), "processes left after ./ept cluster stop");
        assertNotEquals(0, ept("cluster", "status").exitCode());
    }

    @Test
    @Order(1)
    void startsTheServicesAndTwoNodesThatAnswer() throws IOException {
        ScriptedEpt.Result start = ept("cluster", "start", "2");
        assertEquals(0, start.exitCode(), start.output());

        ScriptedEpt.Result status = ept("cluster", "status");
        assertEquals(0, status.exitCode(), status.output());
        for (String name : List.of("store", "redis", "broker", "apic-sim", "node-0", "node-1")) {
            assertTrue(status.output().lines().anyMatch(l -> l.startsWith(name + " ") && l.endsWith("answers yes")),
                    name + " answers: " + status.output());
        }
        String clusterEnv = Files.readString(clusterDir.resolve("cluster.env"));
        assertTrue(clusterEnv.contains("NODES=2\n") && clusterEnv.contains("BASE_OFFSET=" + baseOffset + "\n")
                && clusterEnv.contains("MONGO_URI=mongodb://127.0.0.1:" + (27117 + baseOffset) + "\n"), clusterEnv);
        for (int node = 0; node < 2; node++) {
            String jvm = commandLine(pid(clusterDir.resolve("node-" + node + "/wildfly.pid")));
            assertTrue(jvm.contains("jboss-modules.jar") && jvm.contains("-Djboss.node.name=node-" + node + " ")
                    && jvm.contains("-Dept.broker.port=" + (61716 + baseOffset) + " "), jvm);
        }
        assertTrue(commandLine(pid(clusterDir.resolve("store.pid"))).contains("ept-store.jar"));
        assertTrue(commandLine(pid(clusterDir.resolve("broker.pid"))).contains("-Dartemis.instance=" + clusterDir.resolve("broker") + " "));

        // secrets only in files of their owner, never on a command line
        String brokerPassword = Files.readString(clusterDir.resolve("broker-password")).trim();
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(clusterDir.resolve("broker-password"))));
        assertEquals(List.of(), processesMentioning(brokerPassword), "the broker password is on a command line");
        assertEquals(List.of(), processesMentioning(PASSWORD), "the admin password is on a command line");

        ScriptedEpt.Result again = ept("cluster", "start", "2");
        assertNotEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("still running"), again.output());
    }

    @Test
    @Order(2)
    void bothNodesServeTheSharedStoreAndConsumeTheSharedWorkerQueue() {
        // the demo fabric's endpoints, built by the node running its subscriber, are in the one store both read
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            int onNode0 = get(0, "/ept/endpoint?count=1").getInt("count");
            assertTrue(onNode0 > 0, "no endpoint of the demo fabric stored yet");
            assertEquals(onNode0, get(1, "/ept/endpoint?count=1").getInt("count"));
        });
        JsonObject worker0 = workerQueue(0);
        JsonObject worker1 = workerQueue(1);
        // one broker: both nodes report the same queue, its consumers are both nodes' MDB sessions
        assertEquals(worker0.getInt("consumers"), worker1.getInt("consumers"), worker0 + " vs " + worker1);
        assertTrue(worker0.getJsonNumber("total_rx_msg").longValue() > 0, "the demo fabric's build sent no work: " + worker0);
        bothNodesConsumers = worker0.getInt("consumers");
        assertTrue(bothNodesConsumers >= 2 && bothNodesConsumers % 2 == 0, worker0.toString());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(0, workerQueue(1).getInt("queue_len")));
    }

    @Test
    @Order(3)
    void aKilledNodeLeavesTheOtherWorkingAndComesBack() {
        long killed = pid(clusterDir.resolve("node-1/wildfly.pid"));
        ScriptedEpt.Result kill = ept("cluster", "kill-node", "1");
        assertEquals(0, kill.exitCode(), kill.output());
        assertFalse(running(killed), "node 1's JVM still runs");
        ScriptedEpt.Result status = ept("cluster", "status");
        assertNotEquals(0, status.exitCode(), status.output());
        assertTrue(status.output().lines().anyMatch(l -> l.startsWith("node-1 ") && l.endsWith("answers no")), status.output());
        assertTrue(status.output().lines().anyMatch(l -> l.startsWith("node-0 ") && l.endsWith("answers yes")), status.output());
        // the broker drops the dead node's consumers; node 0 keeps consuming
        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertEquals(bothNodesConsumers / 2, workerQueue(0).getInt("consumers")));
        assertTrue(get(0, "/ept/endpoint?count=1").getInt("count") > 0);

        ScriptedEpt.Result restart = ept("cluster", "start-node", "1");
        assertEquals(0, restart.exitCode(), restart.output());
        SESSIONS.remove(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertEquals(bothNodesConsumers, workerQueue(1).getInt("consumers")));
        assertEquals(0, ept("cluster", "status").exitCode());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ScriptedEpt.Result ept(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("ept").toString()));
        command.addAll(List.of(args));
        return ScriptedEpt.run(command, env, root, Duration.ofMinutes(6));
    }

    private static String absolute(String property) {
        return Path.of(System.getProperty(property)).toAbsolutePath().toString();
    }

    private static long pid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new AssertionError("no pid file " + pidFile, e);
        }
    }

    private static List<Long> clusterPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clusterDir, 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
                pids.add(pid(f));
            }
        }
        return pids;
    }

    /** Alive and not a zombie (an exited process whose parent has not reaped it yet). */
    private static boolean running(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Processes (other than this test's JVMs) whose command line contains {@code text}: "pid command". */
    private static List<String> processesMentioning(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(name -> name + " " + commandLine(Long.parseLong(name)))
                    .filter(line -> line.contains(text) && !line.contains("surefire") && !line.contains("failsafe"))
                    .toList();
        }
    }

    private static String url(int node, String path) {
        return "http://localhost:" + (8080 + baseOffset + 100 * node) + "/ept/api" + path;
    }

    private static JsonObject workerQueue(int node) {
        return get(node, "/app-status/manager").getJsonObject("manager").getJsonArray("queues")
                .getValuesAs(JsonObject.class).stream().filter(q -> q.getString("queue").equals("EptWorkerQueue"))
                .findFirst().orElseThrow();
    }

    private static JsonObject get(int node, String path) {
        String session = SESSIONS.computeIfAbsent(node, n -> ScriptedEpt.json("POST", url(n, "/user/login"),
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", null).asJsonObject().getString("session"));
        return ScriptedEpt.json("GET", url(node, path), null, session).asJsonObject();
    }
}
