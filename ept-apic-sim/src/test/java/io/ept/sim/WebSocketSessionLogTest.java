package io.ept.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /_sim/websocket-sessions: every websocket with its times and traffic, however it ended. */
class WebSocketSessionLogTest {
    /** How soon a socket's end must show in the log ("promptly": the reaper's period is 1 s, this is no poll). */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    ApicSimulator sim;
    SimTestClient c;

    @BeforeEach
    void start() throws Exception {
        sim = ApicSimulator.builder().httpPort(0).topology(Topology.demo()).websocketLogCapacity(3).build().start();
        c = new SimTestClient(sim.httpUrl());
        c.login("admin", "ept-sim");
    }

    @AfterEach
    void stop() { sim.stop(); }

    private List<JsonNode> sessions() throws Exception {
        SimTestClient.Reply r = c.get("/_sim/websocket-sessions");
        assertEquals(200, r.status(), r.raw());
        List<JsonNode> out = new ArrayList<>();
        r.body().forEach(out::add);
        return out;
    }

    private JsonNode last() throws Exception {
        List<JsonNode> all = sessions();
        assertTrue(!all.isEmpty(), "no websocket session recorded");
        return all.get(all.size() - 1);
    }

    private int simPort() { return URI.create(sim.httpUrl()).getPort(); }

    @Test
    void cleanCloseRecordsTimesSubscriptionsAndFrames() throws Exception {
        long before = System.currentTimeMillis();
        SimTestClient.Frames frames = c.websocket();
        c.get("/api/class/epmMacEp.json?subscription=yes&page-size=1");
        c.get("/api/class/epmIpEp.json?subscription=yes&page-size=1");
        JsonNode open = last();
        assertTrue(open.path("closedAt").isNull(), open.toString());
        assertEquals("127.0.0.1", open.path("remoteAddress").asText());
        assertTrue(open.path("remotePort").asInt() > 0, open.toString());
        assertEquals("admin", open.path("user").asText());
        assertEquals(SimTestClient.USER_AGENT, open.path("userAgent").asText(), "names the peer's node");
        assertTrue(open.path("loginSession").asLong() > 0, open.toString());
        assertEquals(2, open.path("subscriptions").asInt());
        long openedAt = open.path("openedAt").asLong();
        assertTrue(openedAt >= before && openedAt <= System.currentTimeMillis(), open.toString());

        int events = sim.control().move("10.1.2.12", 103, "eth1/9", null, null, null);
        assertTrue(events > 0);
        await().atMost(PROMPTLY).until(() -> !frames.received.isEmpty());
        int received = frames.received.size();
        await().atMost(PROMPTLY).until(() -> last().path("framesSent").asInt() >= received);

        frames.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        long closeSent = System.currentTimeMillis();
        await().atMost(PROMPTLY).until(() -> !last().path("closedAt").isNull());
        JsonNode closed = last();
        assertEquals("peer", closed.path("closedBy").asText());
        assertTrue(closed.path("closedAt").asLong() >= openedAt && closed.path("closedAt").asLong() <= closeSent + PROMPTLY.toMillis(), closed.toString());
        assertEquals(open.path("id").asLong(), closed.path("id").asLong());
        assertEquals(2, closed.path("subscriptions").asInt());
    }

    @Test
    void resetConnectionIsRecordedAsLost() throws Exception {
        RawWebSocket ws = RawWebSocket.open("127.0.0.1", simPort(), c.token);
        JsonNode open = last();
        assertEquals(ws.localPort(), open.path("remotePort").asInt());
        assertTrue(open.path("closedAt").isNull());
        ws.reset();
        await().atMost(PROMPTLY).until(() -> !last().path("closedAt").isNull());
        assertEquals("connection", last().path("closedBy").asText());
    }

    @Test
    void socketOfAKilledProcessIsRecordedClosed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RawWebSocket.class.getName(),
                "127.0.0.1", Integer.toString(simPort()), c.token).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            assertNotNull(line, "the child JVM did not open its websocket");
            int childPort = Integer.parseInt(line.trim());
            JsonNode open = last();
            assertEquals(childPort, open.path("remotePort").asInt());
            assertTrue(open.path("closedAt").isNull());
            child.destroyForcibly(); // SIGKILL: the kernel closes the socket, no close frame is sent
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            long killed = System.currentTimeMillis();
            await().atMost(PROMPTLY).until(() -> !last().path("closedAt").isNull());
            JsonNode closed = last();
            assertEquals(childPort, closed.path("remotePort").asInt());
            assertEquals("connection", closed.path("closedBy").asText());
            assertTrue(closed.path("closedAt").asLong() <= killed + PROMPTLY.toMillis(), closed.toString());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void simulatorSideClosesAndRefusedTokensAreRecorded() throws Exception {
        c.websocket();
        await().atMost(PROMPTLY).until(() -> sessions().size() == 1); // the client may see the upgrade before the server's callback ran
        assertEquals(1, sim.control().dropWebsockets());
        await().atMost(PROMPTLY).until(() -> !last().path("closedAt").isNull());
        assertEquals("simulator", last().path("closedBy").asText());

        String valid = c.token;
        c.token = "not-a-token";
        try {
            RawWebSocket.open("127.0.0.1", simPort(), c.token).close();
        } catch (java.io.IOException refusedOrClosed) {
            // either outcome is fine: the simulator may close before or after the upgrade answer
        }
        c.token = valid;
        await().atMost(PROMPTLY).until(() -> last().path("user").isNull() && !last().path("closedAt").isNull());
        assertEquals("simulator", last().path("closedBy").asText());
        assertTrue(last().path("loginSession").isNull());
    }

    @Test
    void keepsTheNewestSessionsOldestFirst() throws Exception {
        for (int i = 0; i < 5; i++) RawWebSocket.open("127.0.0.1", simPort(), c.token).close();
        await().atMost(PROMPTLY).until(() -> sessions().stream().noneMatch(s -> s.path("closedAt").isNull()));
        List<JsonNode> all = sessions();
        assertEquals(3, all.size(), all.toString());
        assertEquals(List.of(3L, 4L, 5L), all.stream().map(s -> s.path("id").asLong()).toList());
        for (JsonNode s : all) assertTrue(s.path("closedAt").asLong() >= s.path("openedAt").asLong(), s.toString());
    }
}
