package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.ept.it.EptDeployment.get;
import static io.ept.it.EptDeployment.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read routes of the REST API against a fabric built from the simulator: bulk options, objects, CSV, at. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiRoutesIT {

    private static final String FABRIC = "api-it";
    private static final int VRF = 2818048;
    private static final String E1_IP = "10.1.1.11";
    private static boolean started;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return EptDeployment.ear();
    }

    @BeforeEach
    void fabric() {
        if (!started) {
            Fabrics.createAndStart(FABRIC);
            Await.until("endpoint " + E1_IP + " analysed", Duration.ofSeconds(60),
                    () -> get("uni/fb-" + FABRIC + "/endpoint/vnid-" + VRF + "/addr-" + E1_IP), r -> r.status() == 200);
            started = true;
        }
    }

    private static JsonObject json(EptDeployment.Reply reply) {
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String fabricFilter() {
        return q("eq(\"fabric\",\"" + FABRIC + "\")");
    }

    @Test
    void bulkReadsFilterSortPageCountAndProject() {
        EptDeployment.Reply all = get("ept/endpoint?filter=" + fabricFilter());
        assertEquals(200, all.status(), all.body());
        int total = json(all).getInt("count");
        assertTrue(total >= 3, all.body());
        JsonObject first = json(all).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.endpoint");
        assertTrue(first.getString("dn").startsWith("/uni/fb-" + FABRIC + "/endpoint/vnid-"), first.toString());
        assertFalse(first.containsKey("_id"));

        EptDeployment.Reply count = get("ept/endpoint?count=true&filter=" + fabricFilter());
        assertEquals("{\"count\":" + total + "}", count.body());

        EptDeployment.Reply page = get("ept/endpoint?page-size=2&page=0&sort=" + q("addr|desc") + "&filter=" + fabricFilter()
                + "&include=addr,type");
        JsonArray objects = json(page).getJsonArray("objects");
        assertEquals(2, objects.size(), page.body());
        assertEquals(total, json(page).getInt("count"), "count is the total, not the page");
        JsonObject a = objects.getJsonObject(0).getJsonObject("ept.endpoint");
        JsonObject b = objects.getJsonObject(1).getJsonObject("ept.endpoint");
        assertTrue(a.getString("addr").compareTo(b.getString("addr")) >= 0, page.body());
        assertTrue(a.containsKey("type") && a.containsKey("vnid") && !a.containsKey("events"), a.toString());

        String ipv4 = q("and(eq(\"fabric\",\"" + FABRIC + "\"),eq(\"type\",\"ipv4\"),regex(\"addr\",\"^10\\\\.1\\\\.1\\\\.\"))");
        JsonArray ips = json(get("ept/endpoint?filter=" + ipv4)).getJsonArray("objects");
        assertFalse(ips.isEmpty());
        ips.getValuesAs(JsonObject.class).forEach(o -> assertTrue(o.getJsonObject("ept.endpoint").getString("addr").startsWith("10.1.1.")));

        String dotted = q("and(eq(\"fabric\",\"" + FABRIC + "\"),eq(\"events.0.status\",\"created\"))");
        assertEquals(200, get("ept/endpoint?count=1&filter=" + dotted).status());
        String history = q("and(eq(\"fabric\",\"" + FABRIC + "\"),ge(\"node\",101),le(\"node\",104),neq(\"count\",0))");
        assertTrue(json(get("ept/history?count=1&filter=" + history)).getInt("count") > 0);
    }

    @Test
    void malformedQueriesAnswer400WithAClearMessage() {
        String[] bad = {
                "ept/endpoint?filter=" + q("eq(\"fabric\""),                       // unbalanced
                "ept/endpoint?filter=" + q("where(\"fabric\",\"x\")"),             // unknown operator
                "ept/endpoint?filter=" + q("eq(\"$where\",\"1\")"),                 // operator injection
                "ept/endpoint?filter=" + q("regex(\"addr\",\"(a+)+$\")"),          // catastrophic regex
                "ept/endpoint?page-size=75001",
                "ept/endpoint?page-size=0",
                "ept/endpoint?page=-1",
                "ept/endpoint?page=abc",
                "ept/endpoint?sort=" + q("addr|sideways"),
                "ept/endpoint?include=" + q("$where"),
                "ept/endpoint?frobnicate=1",
                "ept/endpoint?format=xml",
        };
        for (String path : bad) {
            EptDeployment.Reply reply = get(path);
            assertEquals(400, reply.status(), path + " -> " + reply.body());
            assertFalse(json(reply).getString("error").isBlank(), path);
        }
        assertEquals(404, get("ept/nonsense").status());
        assertEquals(200, get("ept/endpoint?page-size=75000&count=1").status());
    }

    @Test
    void malformedBodiesAnswer400AndOversizedBodies413() {
        assertEquals(400, send("POST", "fabric", "{\"fabric\":", EptDeployment.adminSession()).status());
        EptDeployment.Reply unknown = send("POST", "fabric", "{\"fabric\":\"x1\",\"colour\":\"red\"}", EptDeployment.adminSession());
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("colour"), unknown.body());
        assertEquals(400, send("PATCH", "uni/fb-" + FABRIC, "{\"heartbeat_interval\":\"often\"}", EptDeployment.adminSession()).status());
        String huge = "{\"fabric\":\"" + "x".repeat(2 << 20) + "\"}";
        EptDeployment.Reply tooBig = send("POST", "fabric", huge, EptDeployment.adminSession());
        assertEquals(413, tooBig.status(), tooBig.body().length() > 200 ? tooBig.body().substring(0, 200) : tooBig.body());
        assertEquals(400, send("POST", "uni/fb-" + FABRIC + "/endpoint/vnid-" + VRF + "/addr-" + E1_IP + "/hash",
                "{\"worker_count\":0}", EptDeployment.adminSession()).status());
    }

    @Test
    void objectRoutesReadOneRecordByItsDn() {
        EptDeployment.Reply node = get("uni/fb-" + FABRIC + "/node-101");
        assertEquals(200, node.status(), node.body());
        assertEquals("/uni/fb-" + FABRIC + "/node-101",
                json(node).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.node").getString("dn"));
        EptDeployment.Reply history = get("ept/history?page-size=1&filter=" + q("and(eq(\"fabric\",\"" + FABRIC
                + "\"),eq(\"addr\",\"" + E1_IP + "\"))"));
        String dn = json(history).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.history").getString("dn");
        EptDeployment.Reply one = get(dn.substring(1));
        assertEquals(200, one.status(), dn + " -> " + one.body());
        assertEquals(dn, json(one).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.history").getString("dn"));
        assertEquals(404, get("uni/fb-" + FABRIC + "/history/node-4000/vnid-1/addr-10.9.9.9").status());
        assertEquals(404, get("uni/fb-" + FABRIC + "/move/vnid-" + VRF + "/addr-10.9.9.9").status());

        EptDeployment.Reply mo = get("mo/fvSubnet?filter=" + fabricFilter());
        assertEquals(200, mo.status(), mo.body());
        assertTrue(json(mo).getInt("count") > 0, mo.body());
        String subnetDn = json(mo).getJsonArray("objects").getJsonObject(0).getJsonObject("mo.fvsubnet").getString("dn");
        assertEquals(200, get("uni/fb-" + FABRIC + "/fvSubnet/dn-" + subnetDn.replace("[", "%5B").replace("]", "%5D")).status());
        assertEquals(400, get("mo/fv$where").status());
        assertEquals(200, get("uni").status());
    }

    @Test
    void csvExportOfBulkRoutes() {
        EptDeployment.Reply csv = get("ept/endpoint?format=csv&include=addr,type&sort=" + q("addr|asc") + "&filter=" + fabricFilter());
        assertEquals(200, csv.status(), csv.body());
        String[] lines = csv.body().split("\r\n");
        assertEquals("addr,type,dn", lines[0]);
        int total = json(get("ept/endpoint?count=1&filter=" + fabricFilter())).getInt("count");
        assertEquals(total + 1, lines.length, csv.body());
        EptDeployment.Reply accept = send("GET", "fabric", null, EptDeployment.adminSession(), "Accept", "text/csv");
        assertEquals(200, accept.status());
        assertTrue(accept.body().startsWith("fabric,") && accept.body().contains(FABRIC), accept.body());
        assertFalse(accept.body().contains("apic_password"), "secrets never leave, not even in CSV");
    }

    @Test
    void endpointAtAnswersWhereItWasAtATime() {
        String base = "uni/fb-" + FABRIC + "/endpoint/vnid-" + VRF + "/addr-" + E1_IP;
        EptDeployment.Reply now = get(base + "/at");
        assertEquals(200, now.status(), now.body());
        JsonObject answer = json(now).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.endpointAt");
        assertTrue(answer.getBoolean("is_local"), answer.toString());
        assertTrue(answer.getJsonObject("local").getInt("node") > 100, answer.toString());
        assertFalse(answer.getJsonArray("nodes").isEmpty(), answer.toString());
        JsonObject before = json(get(base + "/at?ts=1000")).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.endpointAt");
        assertFalse(before.getBoolean("is_local"), before.toString());
        assertFalse(before.getBoolean("complete"), "1970 is before the oldest kept event");
        assertEquals(400, get(base + "/at?ts=yesterday").status());
    }

    @Test
    void statusRoutesReportQueuesWorkersAndFabrics() {
        JsonObject manager = json(get("app-status/manager"));
        assertEquals("running", manager.getJsonObject("manager").getString("status"));
        assertFalse(manager.getJsonArray("workers").isEmpty(), manager.toString());
        assertTrue(manager.getJsonArray("fabrics").toString().contains("\"" + FABRIC + "\""), manager.toString());
        String queues = manager.getJsonObject("manager").getJsonArray("queues").toString();
        assertTrue(queues.contains("EptWorkerQueue") && queues.contains("\"consumers\""), queues);
        JsonObject worker = manager.getJsonObject("manager").getJsonArray("queues").getJsonObject(0);
        assertTrue(worker.getJsonNumber("total_rx_msg").longValue() > 0, "the worker queue has carried the fabric's events");
        assertTrue(json(get("app-status/queue")).containsKey("total_queue_len"));
        EptDeployment.Reply hash = send("POST", "uni/fb-" + FABRIC + "/endpoint/vnid-" + VRF + "/addr-" + E1_IP + "/hash",
                "{\"worker_count\":10}", EptDeployment.adminSession());
        assertEquals(200, hash.status(), hash.body());
        int index = json(hash).getInt("worker_index");
        assertTrue(index >= 0 && index < 10, hash.body());
        assertNotEquals("", json(hash).getString("hash"));
    }

    @Test
    void eventStreamDeliversTheFabricsLiveEventsAsServerSentEvents() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(TestInfrastructure.apiUrl() + "uni/fb-" + FABRIC + "/events"))
                .header("session", EptDeployment.adminSession()).header("Accept", "text/event-stream").GET().build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
                client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        java.util.Iterator<String> lines = response.body().iterator();
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            while (lines.hasNext()) {
                received.add(lines.next());
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertTrue(poll(received, "event: hello") != null, "stream opens with a hello event");
        assertEquals("data: {\"fabric\":\"" + FABRIC + "\"}", poll(received, "data: "));
        // a finding published by any node reaches the stream of its fabric only
        String other = "{\"fabric\":\"some-other-fabric\",\"kind\":\"stale\",\"ts\":1,\"description\":\"x\"}";
        String mine = "{\"fabric\":\"" + FABRIC + "\",\"kind\":\"stale\",\"ts\":2,\"vnid\":" + VRF
                + ",\"addr\":\"" + E1_IP + "\",\"node\":101,\"description\":\"stale on node 101\"}";
        try (redis.clients.jedis.RedisClient pubsub = redis.clients.jedis.RedisClient.create(java.net.URI.create(TestInfrastructure.redisUri()))) {
            pubsub.publish("ept.events", other);
            pubsub.publish("ept.events", mine);
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        String line;
        // the fabric's own findings (the analysis runs meanwhile) may come first: read up to the published one
        while ((line = received.poll(30, java.util.concurrent.TimeUnit.SECONDS)) != null && !line.equals("data: " + mine)) {
            seen.add(line);
        }
        assertEquals("data: " + mine, line, "the published event reaches the stream; before it: " + seen);
        java.util.List<String> ownFields = seen.subList(seen.lastIndexOf("") + 1, seen.size());
        assertTrue(ownFields.contains("event: stale"), "the event name is the kind: " + ownFields);
        assertFalse(String.join("\n", seen).contains("some-other-fabric"), "other fabrics' events stay out: " + seen);
        response.body().close();
        assertEquals(401, send("GET", "uni/fb-" + FABRIC + "/events", null, null).status());
        assertEquals(404, get("uni/fb-no-such-fabric/events").status());
    }

    /** The next line starting with the prefix within 30 s, or null. */
    private static String poll(java.util.concurrent.BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }
}
