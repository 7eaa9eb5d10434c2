package io.ept.it;

import jakarta.json.JsonObject;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings end to end: the simulator produces the situation on its leafs, EPT's subscriber, workers and watchers
 * analyse, confirm after the (shortened) transitory delays, notify over syslog and clear over SSH.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointAnalysisIT extends DeployedEar {

    private static final String FABRIC = "analysis-it";
    private static final int VRF = 2818048;
    private static final int BD1 = 16023499;
    private static final int VPC_PSEUDO_NODE = (101 << 16) + 102;
    private static final String E1_IP = "10.1.1.11";
    private static final String E3_IP = "10.1.1.13";
    private static final String E3_MAC = "00:00:5E:00:53:03";

    private static final SyslogListener SYSLOG = new SyslogListener();
    private static boolean started;

    @AfterAll
    static void closeSyslog() {
        SYSLOG.close();
    }

    private static SimClient sim() {
        return TestInfrastructure.simulator();
    }

    private static void ensureStarted() {
        if (started) {
            return;
        }
        Fabrics.createAndStart(FABRIC);
        Fabrics.configure(FABRIC, "{" + Fabrics.syslogNotifications(SYSLOG) + ",\"notify_rapid_syslog\":true,"
                + "\"auto_clear_stale\":true,\"rapid_threshold\":512,\"rapid_holdtime\":5}");
        started = true;
    }

    private static Document endpoint(int vnid, String addr) {
        return Fabrics.db().getCollection("ept.endpoint")
                .find(new Document("fabric", FABRIC).append("vnid", vnid).append("addr", addr)).first();
    }

    private static List<Document> records(String collection, String addr) {
        return Fabrics.rows(collection, new Document("fabric", FABRIC).append("addr", addr));
    }

    @Test
    @Order(1)
    void moveBetweenLeafsIsRecordedAndNotified() {
        ensureStarted();
        sim().learn(E3_MAC, E3_IP, "uni/tn-tn1/ap-app1/epg-web", 103, "eth1/5", 102);
        assertEquals(103, await("E3 local on 103").atMost(Duration.ofSeconds(20))
                .until(() -> Fabrics.newestNode(FABRIC, VRF, E3_IP), n -> n == 103));
        sim().move(E3_IP, 101, "eth1/7");
        Document move = await("a move of E3's IP").atMost(Duration.ofSeconds(30))
                .until(() -> records("ept.move", E3_IP),
                moves -> !moves.isEmpty()).get(0);
        Document last = move.getList("events", Document.class).get(0);
        assertEquals(103, last.get("src", Document.class).getInteger("node"));
        assertEquals(101, last.get("dst", Document.class).getInteger("node"));
        assertEquals("eth1/7", last.get("dst", Document.class).getString("intf_id"));
        await("the move notification on syslog").atMost(Duration.ofSeconds(20)).until(SYSLOG::messages,
                m -> m.stream().anyMatch(s -> s.contains("move detected") && s.contains(E3_IP)));
    }

    @Test
    @Order(2)
    void vpcLearnOnBothPeersIsOneLocalAndNoMove() {
        ensureStarted();
        assertEquals(VPC_PSEUDO_NODE, await("E1 local on the vPC pair").atMost(Duration.ofSeconds(20)).until(
                () -> Fabrics.newestNode(FABRIC, VRF, E1_IP), n -> n == VPC_PSEUDO_NODE));
        assertTrue(records("ept.move", E1_IP).isEmpty(), "learning on both vPC peers is not a move");
        assertTrue(records("ept.stale", E1_IP).isEmpty(), "remote learns through the vPC VIP are not stale");
    }

    @Test
    @Order(3)
    void offSubnetLearnIsConfirmedAfterTheDelay() {
        ensureStarted();
        String ip = "10.1.99.5"; // in no subnet of BD bd1 or its EPGs
        sim().offSubnet(E3_MAC, ip);
        Document record = await("an ept.offsubnet record").atMost(Duration.ofSeconds(30))
                .until(() -> records("ept.offsubnet", ip),
                r -> !r.isEmpty()).get(0);
        assertEquals(VRF, record.getInteger("vnid"));
        await("endpoint flagged offsubnet by the watcher").atMost(Duration.ofSeconds(20)).until(
                () -> endpoint(VRF, ip), e -> e != null && Boolean.TRUE.equals(e.getBoolean("is_offsubnet")));
        await("the offsubnet notification on syslog").atMost(Duration.ofSeconds(20)).until(SYSLOG::messages,
                m -> m.stream().anyMatch(s -> s.contains("offsubnet") && s.contains(ip)));
    }

    @Test
    @Order(4)
    void staleRemoteIsConfirmedAndAutoClearedOverSsh() {
        ensureStarted();
        // E3 is local on 101 since the move; leaf 102 is made to keep pointing at E3's old leaf.
        sim().stale(E3_IP, 102, 103);
        Document stale = await("an ept.stale record on node 102").atMost(Duration.ofSeconds(40)).until(
                () -> Fabrics.rows("ept.stale", new Document("fabric", FABRIC).append("addr", E3_IP).append("node", 102)),
                r -> !r.isEmpty()).get(0);
        Document event = stale.getList("events", Document.class).get(0);
        assertEquals(103, event.getInteger("remote"));
        assertEquals(101, event.getInteger("expected_remote"));
        Document remediate = await("an auto-clear record").atMost(Duration.ofSeconds(40)).until(
                () -> Fabrics.rows("ept.remediate", new Document("fabric", FABRIC).append("addr", E3_IP).append("node", 102)),
                r -> !r.isEmpty()).get(0).getList("events", Document.class).get(0);
        assertEquals("stale", remediate.getString("reason"));
        assertEquals(Boolean.TRUE, remediate.getBoolean("success"), remediate.toJson());
        // 102 is 101's vPC peer: once the stale entry is cleared it holds only its peer-attached entry pointing at 101
        await("the stale entry gone from leaf 102 in the simulator").atMost(Duration.ofSeconds(20)).until(
                () -> SimClient.objects(sim().groundTruth(E3_IP)),
                truth -> truth.stream().noneMatch(r -> r.getInt("node") == 102 && r.getInt("remote") == 103));
        await("stale and auto-clear notifications").atMost(Duration.ofSeconds(20)).until(SYSLOG::messages,
                m -> m.stream().anyMatch(s -> s.contains("stale event") && s.contains(E3_IP))
                        && m.stream().anyMatch(s -> s.contains("auto-clear stale endpoint")));
    }

    @Test
    @Order(5)
    void rapidFlapperIsDetectedAndNotified() {
        ensureStarted();
        sim().flap(E3_MAC, 3000, 20);
        Document rapid = await("an ept.rapid record").atMost(Duration.ofSeconds(45))
                .until(() -> records("ept.rapid", E3_MAC),
                r -> !r.isEmpty()).get(0);
        Document event = rapid.getList("events", Document.class).get(0);
        assertTrue(event.get("rate", Number.class).doubleValue() > 512, rapid.toJson());
        await("the rapid notification naming the BD").atMost(Duration.ofSeconds(20)).until(SYSLOG::messages,
                m -> m.stream().anyMatch(s -> s.contains("rapid endpoint") && s.contains(E3_MAC) && s.contains("BD-")));
    }

    @Test
    @Order(6)
    void apiDeleteThenRefreshRelearnsTheEndpoint() {
        ensureStarted();
        String path = "uni/fb-" + FABRIC + "/endpoint/vnid-" + VRF + "/addr-" + E1_IP;
        assertEquals(200, EptDeployment.get(path).status());
        EptDeployment.Reply deleted = EptDeployment.send("DELETE", path + "/delete", null);
        assertEquals(200, deleted.status(), deleted.body());
        // Delete and refresh travel in the endpoint's message group: the refresh always lands after the delete.
        await("E1 relearned on the vPC pair after delete + refresh").atMost(Duration.ofSeconds(30)).until(
                () -> endpoint(VRF, E1_IP), e -> e != null && Fabrics.newestNode(e) == VPC_PSEUDO_NODE
                        && e.get("count", Number.class).intValue() == 1);
        EptDeployment.Reply refreshed = EptDeployment.postJson(path + "/refresh", "{}");
        assertEquals(200, refreshed.status(), refreshed.body());
    }

    @Test
    @Order(7)
    void apiClearRecordsTheRealResultPerNode() {
        ensureStarted();
        String path = "uni/fb-" + FABRIC + "/endpoint/vnid-" + VRF + "/addr-" + E3_IP + "/clear";
        EptDeployment.Reply cleared = EptDeployment.postJson(path, "{\"nodes\":[101,201]}");
        assertEquals(200, cleared.status(), cleared.body());
        JsonObject result = SimClient.parse(cleared.body()).asJsonObject();
        assertEquals(false, result.getBoolean("success"), "node 201 is a spine: " + cleared.body());
        assertTrue(result.getString("error").contains("node-201"), cleared.body());
        List<Document> onLeaf = Fabrics.rows("ept.remediate", new Document("fabric", FABRIC).append("addr", E3_IP).append("node", 101));
        Document api = onLeaf.get(0).getList("events", Document.class).get(0);
        assertEquals("api", api.getString("reason"));
        assertEquals(Boolean.TRUE, api.getBoolean("success"), api.toJson());

        EptDeployment.Reply badNodes = EptDeployment.postJson(path, "{\"nodes\":[\"x\"]}");
        assertEquals(400, badNodes.status(), badNodes.body());
        Fabrics.delete(FABRIC);
    }
}
