package io.ept.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publication of findings and monitor events: a real HTTP receiver (the JDK's server) that checks each webhook's
 * HMAC-SHA256 signature and refuses the first delivery (so the retry is exercised), a webhook to a closed port whose
 * failure lands in the fabric's event log, and a real AMQP 1.0 client (Qpid JMS) on the broker's AMQP acceptor with a
 * durable, selector-routed subscription that receives, verifies and acknowledges, also what was published while it
 * was away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicationIT extends DeployedEar {

    private static final String FABRIC = "publish-it";
    private static final String BASE = "uni/fb-" + FABRIC + "/";
    private static final String SECRET = "webhook-secret-0123456789";
    private static final String MAC = "00:00:5E:00:53:41";
    private static final String IP = "10.1.1.41";
    private static final String SUBSCRIPTION = "publish-it-moves";

    private record Delivery(String signature, String schema, String body) {
    }

    private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static HttpServer receiver;
    private static boolean started;

    @AfterAll
    static void cleanUp() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (started) {
            Fabrics.delete(FABRIC);
        }
    }

    private static JsonObject json(String body) {
        try (var r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Refuses the very first request with 503 (the publisher must retry), accepts every other with 204. */
    private static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = REQUESTS.incrementAndGet();
            if (n > 1) {
                DELIVERIES.add(new Delivery(exchange.getRequestHeaders().getFirst("X-EPT-Signature"),
                        exchange.getRequestHeaders().getFirst("X-EPT-Schema"), body));
            }
            exchange.sendResponseHeaders(n == 1 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void ensureStarted() throws IOException {
        if (started) {
            return;
        }
        startReceiver();
        Fabrics.createAndStart(FABRIC); // monitor events happen before the webhook exists: not delivered to it
        started = true;
    }

    private static Connection amqp(String clientId) throws Exception {
        int port = 5672 + Integer.parseInt(System.getProperty("ept.it.port.offset", "0"));
        JmsConnectionFactory factory = new JmsConnectionFactory("ept-it-events", "Events-it-Pass1", "amqp://127.0.0.1:" + port);
        Connection connection = factory.createConnection();
        connection.setClientID(clientId);
        connection.start();
        return connection;
    }

    private static MessageConsumer moves(Session session) throws Exception {
        Topic topic = session.createTopic("jms.topic.EptEvents");
        return session.createDurableSubscriber(topic, SUBSCRIPTION, "fabric = '" + FABRIC + "' AND kind = 'move'", false);
    }

    /** One bus message: checks its properties against its JSON body, then acknowledges it. */
    private static JsonObject verifyAndAcknowledge(Message message) throws Exception {
        assertEquals(FABRIC, message.getStringProperty("fabric"));
        assertEquals("move", message.getStringProperty("kind"));
        assertEquals("ept.event.v1", message.getStringProperty("schema"));
        JsonObject event = json(((TextMessage) message).getText());
        assertEquals("ept.event.v1", event.getString("schema"));
        assertEquals("move", event.getString("kind"));
        assertEquals(message.getStringProperty("id"), event.getString("id"));
        message.acknowledge();
        return event;
    }

    /** Receives (verifying and acknowledging each) until the move of {@value #IP} arrived; the MAC moves with it. */
    private static JsonObject receiveMoveOfTheIp(MessageConsumer consumer) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Message message = consumer.receive(Math.max(1, deadline - System.currentTimeMillis()));
            assertNotNull(message, "a move event of " + IP + " on the bus");
            JsonObject event = verifyAndAcknowledge(message);
            if (IP.equals(event.getJsonObject("finding").getString("addr"))) {
                return event;
            }
            assertEquals(MAC, event.getJsonObject("finding").getString("addr"), "only this test's host moves in its fabric");
        }
        throw new AssertionError("no move event of " + IP + " within 30 s");
    }

    @Test
    @Order(1)
    void webhooksAreValidatedAndAdminOnly() throws Exception {
        ensureStarted();
        assertEquals(400, EptDeployment.postJson(BASE + "webhook", "{\"url\":\"ftp://x\",\"secret\":\"" + SECRET + "\"}").status());
        assertEquals(400, EptDeployment.postJson(BASE + "webhook", "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"short\"}").status());
        assertEquals(400, EptDeployment.postJson(BASE + "webhook", "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET
                + "\",\"kinds\":[\"bogus\"]}").status());
        EptDeployment.send("DELETE", "uni/username-pub-reader", null);
        EptDeployment.postJson("user", "{\"username\":\"pub-reader\",\"password\":\"Reader-pass-1\",\"role\":1}");
        String reader = EptDeployment.login("pub-reader", "Reader-pass-1");
        assertEquals(403, EptDeployment.send("GET", BASE + "webhook", null, reader).status());
        EptDeployment.send("DELETE", "uni/username-pub-reader", null);

        EptDeployment.Reply ok = EptDeployment.postJson(BASE + "webhook", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(200, ok.status(), ok.body());
        assertFalse(ok.body().contains(SECRET), "the secret is never returned");
        EptDeployment.Reply dead = EptDeployment.postJson(BASE + "webhook", "{\"url\":\"http://127.0.0.1:" + closedPort()
                + "/gone\",\"secret\":\"" + SECRET + "\",\"kinds\":[\"move\"]}");
        assertEquals(200, dead.status(), dead.body());
        String stored = Fabrics.rows("ept.webhook", new org.bson.Document("fabric", FABRIC)).get(0).getString("secret");
        assertFalse(stored.contains(SECRET), "stored encrypted: " + stored);
        assertEquals(2, json(EptDeployment.get(BASE + "webhook").body()).getInt("count"));
    }

    @Test
    @Order(2)
    void findingsReachTheWebhookSignedAfterARetryAndTheDurableAmqpSubscriber() throws Exception {
        ensureStarted();
        // subscribe first (durable), then make a move
        try (Connection connection = amqp("publish-it-consumer")) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = moves(session);
            SimClient sim = TestInfrastructure.simulator();
            sim.learn(MAC, IP, "uni/tn-tn1/ap-app1/epg-web", 103, "eth1/5", 102);
            await("a move record's precondition: " + IP + " learned").atMost(Duration.ofSeconds(30)).until(
                    () -> Fabrics.rows("ept.endpoint", new org.bson.Document("fabric", FABRIC).append("addr", IP)), l -> !l.isEmpty());
            Thread.sleep(1000);
            sim.move(IP, 101, "eth1/7");
            JsonObject event = receiveMoveOfTheIp(consumer);
            assertEquals("finding", event.getString("type"));
            consumer.close();
            session.close();
        }

        Delivery move = await("the move delivered to the webhook").atMost(Duration.ofSeconds(30))
                .until(() -> DELIVERIES.stream()
                .filter(d -> d.body().contains("\"kind\":\"move\"") && d.body().contains(IP)).findFirst(), java.util.Optional::isPresent).get();
        assertTrue(REQUESTS.get() >= 2, "the first delivery was refused and retried");
        assertEquals("ept.event.v1", move.schema());
        assertTrue(MessageDigest.isEqual(hmac(move.body()).getBytes(StandardCharsets.US_ASCII),
                move.signature().getBytes(StandardCharsets.US_ASCII)), "signature verifies: " + move.signature());
        JsonObject body = json(move.body());
        assertEquals(FABRIC, body.getString("fabric"));
        assertEquals(0, body.getJsonObject("finding").getInt("node"), "a move is endpoint-wide (node 0)");

        // the dead webhook's failure is in the fabric's event log
        String failure = await("a webhook-failed entry in the event log").atMost(Duration.ofSeconds(30)).until(
                () -> Fabrics.events(FABRIC).stream().filter(e -> "webhook-failed".equals(e.getString("status")))
                        .map(e -> e.getString("description")).findFirst().orElse(""), s -> !s.isEmpty());
        assertTrue(failure.contains("/gone") && failure.contains("after 4 tries"), failure);
        // failures go to the bus only: a dead receiver cannot feed the webhooks its own failures
        assertFalse(DELIVERIES.stream().anyMatch(d -> d.body().contains("webhook-failed")));
    }

    @Test
    @Order(3)
    void durableSubscriptionKeepsWhatWasPublishedWhileAwayAndMonitorEventsArePublished() throws Exception {
        ensureStarted();
        TestInfrastructure.simulator().move(IP, 103, "eth1/5"); // consumer offline
        await("the second move delivered to the webhook").atMost(Duration.ofSeconds(30)).until(() -> DELIVERIES.stream()
                .filter(d -> d.body().contains("\"kind\":\"move\"") && d.body().contains(IP)).count(), n -> n >= 2);
        try (Connection connection = amqp("publish-it-consumer")) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = moves(session);
            receiveMoveOfTheIp(consumer); // published while no consumer was connected
            for (Message rest = consumer.receive(2000); rest != null; rest = consumer.receive(2000)) {
                verifyAndAcknowledge(rest); // the MAC's move of the same migration, in either order
            }
            consumer.close();
            // everything was acknowledged: a new consumer on the subscription gets nothing again
            MessageConsumer again = moves(session);
            assertEquals(null, again.receive(1500), "acknowledged messages are not delivered again");
            again.close();
            session.unsubscribe(SUBSCRIPTION);
        }
        // a monitor event (stop) reaches the webhook as type monitor
        EptDeployment.postJson(BASE + "stop", "{\"reason\":\"publication test\"}");
        await("a monitor event on the webhook").atMost(Duration.ofSeconds(30)).until(() -> DELIVERIES.stream()
                .anyMatch(d -> d.body().contains("\"type\":\"monitor\"") && d.body().contains("publication test")), b -> b);
    }
}
