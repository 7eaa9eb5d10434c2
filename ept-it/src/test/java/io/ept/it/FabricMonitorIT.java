package io.ept.it;

import jakarta.json.JsonObject;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fabric monitor against the simulated APIC over real HTTP and websocket: the initial build mirrors the
 * fabric exactly, websocket drops and token expiry are resubscribed in place (no restart) with what happened
 * meanwhile reconciled, and 503 bursts and a leaf going down all end with the fabric
 * running and its mirror matching the simulator's ground truth.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FabricMonitorIT extends DeployedEar {

    private static final String FABRIC = "monitor-it";

    private static SimClient sim() {
        return TestInfrastructure.simulator();
    }

    private static Document fabricFilter() {
        return new Document("fabric", FABRIC);
    }

    private static List<JsonObject> truth(String key) {
        return SimClient.objects(sim().topologySummary().getJsonArray(key));
    }

    private static int num(JsonObject o, String key) {
        return o.get(key) instanceof jakarta.json.JsonNumber n ? n.intValue() : Integer.parseInt(o.getString(key));
    }

    @Test
    @Order(1)
    void initialBuildMirrorsTheFabric() {
        Fabrics.createAndStart(FABRIC);

        Map<Integer, Document> nodes = Fabrics.rows("ept.node", fabricFilter()).stream()
                .collect(Collectors.toMap(d -> d.getInteger("node"), d -> d));
        for (JsonObject node : truth("nodes")) {
            Document row = nodes.get(num(node, "id"));
            assertNotNull(row, "node " + node);
            assertEquals(node.getString("role"), row.getString("role"));
            assertEquals(node.getString("address"), row.getString("addr"));
        }
        JsonObject vpc = truth("vpcs").get(0);
        assertEquals("vpc", nodes.get(num(vpc, "pseudoNode")).getString("role"));

        Map<String, Integer> tunnelRemote = new HashMap<>();
        Fabrics.rows("ept.tunnel", fabricFilter()).forEach(t -> tunnelRemote.put(t.getInteger("node") + "/" + t.getString("intf"), t.getInteger("remote")));
        List<JsonObject> tunnels = truth("tunnels");
        assertEquals(tunnels.size(), tunnelRemote.size());
        for (JsonObject t : tunnels) {
            assertEquals(num(t, "remote"), tunnelRemote.get(num(t, "node") + "/" + t.getString("id")), "tunnel " + t);
        }
        Map<String, Integer> pctags = Fabrics.rows("ept.epg", fabricFilter()).stream()
                .collect(Collectors.toMap(d -> d.getString("name"), d -> d.getInteger("pctag")));
        for (JsonObject epg : truth("epgs")) {
            assertEquals(num(epg, "pcTag"), pctags.get(epg.getString("dn")), "epg " + epg);
        }
        Set<String> subnets = Fabrics.rows("ept.subnet", fabricFilter()).stream().map(d -> d.getString("name")).collect(Collectors.toSet());
        assertEquals(truth("subnets").stream().map(o -> o.getString("dn")).collect(Collectors.toSet()), subnets);
        Map<String, Integer> vnids = Fabrics.rows("ept.vnid", fabricFilter()).stream()
                .collect(Collectors.toMap(d -> d.getString("name"), d -> d.getInteger("vnid")));
        for (JsonObject v : truth("vnids")) {
            assertEquals(num(v, "vnid"), vnids.get(v.getString("dn")), "vnid " + v);
        }

        // The REST API serves the same mirror.
        EptDeployment.Reply api = EptDeployment.get("ept/node?filter=" + java.net.URLEncoder.encode(
                "eq(\"fabric\",\"" + FABRIC + "\")", java.nio.charset.StandardCharsets.UTF_8) + "&count=1");
        assertEquals("{\"count\":" + nodes.size() + "}", api.body());

        // Every local learn of the simulator is an endpoint in EPT, on the same node.
        assertLocalNodeMatchesTruth("10.1.2.12");
        assertLocalNodeMatchesTruth("00:00:5E:00:53:02");
    }

    @Test
    @Order(2)
    void websocketDropIsResubscribedInPlaceAndWhatHappenedMeanwhileIsReconciled() {
        int failuresBefore = failures();
        int gapsBefore = reconciledGaps();
        sim().refuseLogins(true); // the websocket cannot be reopened before the move has happened
        try {
            sim().dropWebsockets();
            // The move happens while EPT has no websocket: only the gap's reconcile can see it.
            sim().move("10.1.2.12", 102, "eth1/20");
            await("degraded while resubscribing").atMost(Duration.ofSeconds(15))
                    .until(() -> EptDeployment.get("uni/fb-" + FABRIC + "/status").body(),
                            body -> body.contains("\"status\":\"degraded\"") && body.contains("resubscribing"));
        } finally {
            sim().refuseLogins(false);
        }
        await("the gap reconciled").atMost(Duration.ofSeconds(40)).until(this::reconciledGaps, n -> n > gapsBefore);
        Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(30));
        assertEquals(failuresBefore, failures(), "resubscribed in place, no restart: " + Fabrics.describeEvents(FABRIC));
        await("endpoint resynced to node 102").atMost(Duration.ofSeconds(30))
                .until(() -> localNode("10.1.2.12"), n -> n == 102);
        assertLocalNodeMatchesTruth("10.1.2.12");
    }

    @Test
    @Order(3)
    void tokenExpiryIsSurvived() {
        int failuresBefore = failures();
        int gapsBefore = reconciledGaps();
        sim().expireTokens(); // ends the session and its websocket: a new login and websocket, in place
        await("the gap after the token expired reconciled").atMost(Duration.ofSeconds(40))
                .until(this::reconciledGaps, n -> n > gapsBefore);
        Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(60));
        assertEquals(failuresBefore, failures(), "no restart: " + Fabrics.describeEvents(FABRIC));
        sim().move("10.1.2.12", 101, "eth1/12");
        await("live move after recovery").atMost(Duration.ofSeconds(30))
                .until(() -> localNode("10.1.2.12"), n -> n == 101);
    }

    @Test
    @Order(4)
    void apicBusyIsABackOffNotAFailure() {
        int failuresBefore = failures();
        sim().failFor(503, 7); // longer than the 5 s heartbeat: at least one request meets the burst
        sim().move("00:00:5E:00:53:02", 103, "eth1/30");
        await("websocket events still flow during the 503 burst").atMost(Duration.ofSeconds(30)).until(
                () -> localNode("00:00:5E:00:53:02"), n -> n == 103);
        await("the back-off recorded").atMost(Duration.ofSeconds(20)).until(() -> Fabrics.describeEvents(FABRIC),
                events -> events.contains("APIC busy (503)"));
        sleepSeconds(8); // past the burst: the next heartbeat succeeds
        sim().clearFaults();
        Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(30));
        assertEquals(failuresBefore, failures(), "no restart for 503: " + Fabrics.describeEvents(FABRIC));
    }

    @Test
    @Order(5)
    void verifyChecksApicRightsAndTheSshPathToALeaf() {
        EptDeployment.Reply verified = EptDeployment.postJson("uni/fb-" + FABRIC + "/verify", "{}");
        assertEquals(200, verified.status(), verified.body());
        assertEquals("{\"success\":true,\"apic_error\":\"\",\"ssh_error\":\"\"}", verified.body());

        EptDeployment.Reply wrongSsh = EptDeployment.patchJson("uni/fb-" + FABRIC, "{\"ssh_password\":\"wrong\"}");
        assertEquals(200, wrongSsh.status(), wrongSsh.body());
        EptDeployment.Reply failing = EptDeployment.postJson("uni/fb-" + FABRIC + "/verify", "{}");
        JsonObject result = SimClient.parse(failing.body()).asJsonObject();
        assertEquals(false, result.getBoolean("success"), failing.body());
        assertEquals("", result.getString("apic_error"));
        assertTrue(!result.getString("ssh_error").isEmpty(), failing.body());
        EptDeployment.patchJson("uni/fb-" + FABRIC, "{\"ssh_password\":\"" + sim().password() + "\"}");

        EptDeployment.Reply controllers = EptDeployment.postJson("uni/fb-" + FABRIC + "/controllers", "{}");
        assertEquals(200, controllers.status(), controllers.body());
        assertTrue(controllers.body().contains("192.0.2.11"), "the demo APIC's out-of-band address: " + controllers.body());
    }

    @Test
    @Order(6)
    void unreachableApicFailsOverToADiscoveredController() {
        String fabric = "failover-it";
        EptDeployment.send("DELETE", "uni/fb-" + fabric, null);
        EptDeployment.Reply created = EptDeployment.postJson("fabric", "{\"fabric\":\"" + fabric
                + "\",\"apic_hostname\":\"http://127.0.0.1:1\",\"apic_password\":\"" + sim().password() + "\"}");
        assertEquals(200, created.status(), created.body());
        // controllers is read-only in the API (EPT discovers it); here the discovered list points at the simulator.
        Fabrics.db().getCollection("fabric").updateOne(new Document("fabric", fabric),
                new Document("$set", new Document("controllers", List.of(sim().url()))));
        assertEquals(200, EptDeployment.postJson("uni/fb-" + fabric + "/start", "{}").status());
        Fabrics.awaitRunning(fabric, Duration.ofSeconds(60));
        assertTrue(Fabrics.describeEvents(fabric).contains("connected to apic-1"), Fabrics.describeEvents(fabric));
        assertEquals(200, EptDeployment.postJson("uni/fb-" + fabric + "/stop", "{}").status());
        EptDeployment.Reply bulk = EptDeployment.send("DELETE", "ept/endpoint/delete", "{\"fabric\":\"" + fabric + "\"}");
        assertEquals(200, bulk.status(), bulk.body());
        assertTrue(Fabrics.rows("ept.endpoint", new Document("fabric", fabric)).isEmpty());
        assertTrue(Fabrics.describeEvents(fabric).contains("bulk delete all endpoints count("), Fabrics.describeEvents(fabric));
        Fabrics.delete(fabric);
    }

    @Test
    @Order(7)
    void leafGoingDownRemovesItsEntries() {
        try {
            sim().leafDown(103);
            await("every history row of node 103 deleted").atMost(Duration.ofSeconds(40)).until(
                    () -> Fabrics.rows("ept.history", new Document("fabric", FABRIC).append("node", 103)),
                    rows -> !rows.isEmpty() && rows.stream().allMatch(FabricMonitorIT::latestIsDelete));
        } finally {
            sim().leafUp(103);
        }
        // A leaf coming back is a hard restart (events missed on it are unknowable), then a full rebuild.
        await("restart for the returning leaf").atMost(Duration.ofSeconds(30))
                .until(() -> Fabrics.describeEvents(FABRIC),
                events -> events.contains("leaf 103 became active"));
        Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(60));
        Fabrics.delete(FABRIC);
        assertEquals(0, Fabrics.rows("ept.history", fabricFilter()).size(), "delete cascades");
    }

    private static boolean latestIsDelete(Document row) {
        List<Document> events = row.getList("events", Document.class, List.of());
        return !events.isEmpty() && "deleted".equals(events.get(0).getString("status"));
    }

    private int reconciledGaps() {
        return (int) Fabrics.events(FABRIC).stream().filter(e -> "running".equals(e.getString("status"))
                && e.getString("description").startsWith("websocket gap reconciled")).count();
    }

    private int failures() {
        return (int) Fabrics.events(FABRIC).stream().filter(e -> "failed".equals(e.getString("status"))).count();
    }

    /** Node of the endpoint's newest event in ept.endpoint, 0 when none or deleted. */
    private static int localNode(String addr) {
        Document endpoint = Fabrics.db().getCollection("ept.endpoint").find(new Document("fabric", FABRIC).append("addr", addr)).first();
        if (endpoint == null) {
            return 0;
        }
        List<Document> events = endpoint.getList("events", Document.class, List.of());
        if (events.isEmpty() || "deleted".equals(events.get(0).getString("status"))) {
            return 0;
        }
        return events.get(0).getInteger("node");
    }

    private static void assertLocalNodeMatchesTruth(String addr) {
        Set<Integer> localNodes = SimClient.objects(sim().groundTruth(addr)).stream()
                .filter(r -> r.getBoolean("local", false)).map(r -> num(r, "node")).collect(Collectors.toSet());
        int node = await("endpoint " + addr + " local").atMost(Duration.ofSeconds(30))
                .until(() -> localNode(addr), n -> n > 0);
        if (localNodes.size() == 1) {
            assertEquals(localNodes.iterator().next(), node, "local node of " + addr);
        } else {
            assertTrue(node > 0xFFFF, "vPC learn on " + localNodes + " is stored under the pseudo node, got " + node);
        }
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
