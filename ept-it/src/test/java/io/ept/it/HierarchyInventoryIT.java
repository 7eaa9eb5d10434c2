package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenant → VRF → BD → EPG tree with counts and the endpoints below a level, and the inventory history: a
 * subnet added and removed on the simulated APIC gets versions with active_from/active_until, answers "at time T",
 * and shows as configuration changes of an endpoint in its BD.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HierarchyInventoryIT extends DeployedEar {

    private static final String FABRIC = "hierarchy-it";
    private static final String BASE = "uni/fb-" + FABRIC + "/";
    private static final int VRF = 2818048;
    private static final String EPG = "uni/tn-tn1/ap-app1/epg-web";
    private static final String MAC = "00:00:5E:00:53:51";
    private static final String IP = "10.1.1.51";
    private static boolean started;

    @AfterAll
    static void cleanUp() {
        if (started) {
            Fabrics.delete(FABRIC);
        }
    }

    private static JsonObject json(EptDeployment.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        try (var r = Json.createReader(new StringReader(reply.body()))) {
            return r.readObject();
        }
    }

    private static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static void ensureStarted() {
        if (started) {
            return;
        }
        Fabrics.createAndStart(FABRIC);
        started = true;
        TestInfrastructure.simulator().learn(MAC, IP, EPG, 103, "eth1/5", 102);
        await(IP + " learned").atMost(Duration.ofSeconds(30)).until(() -> Fabrics.rows("ept.endpoint",
                new Document("fabric", FABRIC).append("addr", IP)), l -> !l.isEmpty());
    }

    private static List<JsonObject> flatten(JsonArray nodes) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : nodes) {
            out.add(v.asJsonObject());
            out.addAll(flatten(v.asJsonObject().getJsonArray("children")));
        }
        return out;
    }

    private static JsonObject node(List<JsonObject> all, String dn) {
        return all.stream().filter(n -> n.getString("dn").equals(dn)).findFirst().orElse(null);
    }

    @Test
    @Order(1)
    void treeCountsEndpointsPerLevelAndListsTheEndpointsBelowAnyLevel() {
        ensureStarted();
        JsonObject tree = await("the EPG counts the new endpoint").atMost(Duration.ofSeconds(20)).until(
                () -> json(EptDeployment.get(BASE + "hierarchy")),
                t -> { JsonObject epg = node(flatten(t.getJsonArray("tenants")), EPG); return epg != null && epg.getInt("ipv4") >= 1; });
        List<JsonObject> all = flatten(tree.getJsonArray("tenants"));
        JsonObject tenant = node(all, "uni/tn-tn1");
        assertNotNull(tenant, tree.toString());
        assertEquals("tenant", tenant.getString("level"));
        JsonObject epg = node(all, EPG);
        assertEquals("epg", epg.getString("level"));
        // every level counts what is below it
        for (JsonObject n : all) {
            if (!n.getJsonArray("children").isEmpty()) {
                long sum = n.getJsonArray("children").stream().mapToLong(c -> c.asJsonObject().getJsonNumber("total").longValue()).sum();
                assertEquals(sum, n.getJsonNumber("total").longValue(), "counts of " + n.getString("dn"));
            }
            assertEquals(n.getJsonNumber("mac").longValue() + n.getJsonNumber("ipv4").longValue() + n.getJsonNumber("ipv6").longValue(),
                    n.getJsonNumber("total").longValue());
        }
        assertTrue(tenant.getJsonNumber("total").longValue() >= epg.getJsonNumber("total").longValue());

        JsonObject below = json(EptDeployment.get(BASE + "hierarchy/endpoints?dn=" + q("uni/tn-tn1") + "&page-size=1000"));
        assertEquals(tenant.getJsonNumber("total").longValue(), below.getJsonNumber("count").longValue());
        assertTrue(below.toString().contains("\"addr\":\"" + IP + "\""), below.toString());
        JsonObject ofEpg = json(EptDeployment.get(BASE + "hierarchy/endpoints?dn=" + q(EPG)));
        assertTrue(ofEpg.getJsonArray("objects").stream().allMatch(o -> o.asJsonObject().getJsonObject("ept.endpoint")
                .getString("epg").equals(EPG)), ofEpg.toString());

        assertEquals(404, EptDeployment.get(BASE + "hierarchy/endpoints?dn=" + q("uni/tn-nothing")).status());
        assertEquals(400, EptDeployment.get(BASE + "hierarchy/endpoints").status());
        assertEquals(400, EptDeployment.get(BASE + "hierarchy/endpoints?dn=" + q(EPG) + "&page-size=0").status());
    }

    @Test
    @Order(2)
    void subnetAddedThenRemovedHasVersionsAndShowsOnTheEndpointsConfigChanges() {
        ensureStarted();
        JsonObject initial = json(EptDeployment.get(BASE + "inventory?table=subnet"));
        assertTrue(initial.getInt("count") > 0, "the subnets read at start-up are the first versions");
        Document bd = Fabrics.rows("ept.epg", new Document("fabric", FABRIC).append("name", EPG)).get(0);
        String bdDn = Fabrics.rows("ept.vnid", new Document("fabric", FABRIC).append("vnid", bd.get("bd"))).get(0).getString("name");
        String subnetDn = bdDn + "/subnet-[10.1.77.1/24]";
        double before = Instant.now().getEpochSecond();
        TestInfrastructure.simulator().inject(Json.createArrayBuilder().add(Json.createObjectBuilder().add("fvSubnet",
                Json.createObjectBuilder().add("attributes", Json.createObjectBuilder().add("dn", subnetDn)
                        .add("ip", "10.1.77.1/24").add("status", "created")))).build());
        String versionsPath = BASE + "inventory/versions?table=subnet&key=" + q(subnetDn);
        await("a version of the new subnet").atMost(Duration.ofSeconds(30))
                .until(() -> json(EptDeployment.get(versionsPath)).getInt("count"), n -> n == 1);
        TestInfrastructure.simulator().inject(Json.createArrayBuilder().add(Json.createObjectBuilder().add("fvSubnet",
                Json.createObjectBuilder().add("attributes", Json.createObjectBuilder().add("dn", subnetDn)
                        .add("status", "deleted")))).build());
        JsonObject version = await("the subnet's version closed").atMost(Duration.ofSeconds(30)).until(
                () -> json(EptDeployment.get(versionsPath)).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.inventory"),
                v -> v.get("active_until") != JsonValue.NULL);
        double from = version.getJsonNumber("active_from").doubleValue();
        double until = version.getJsonNumber("active_until").doubleValue();
        assertTrue(from >= before - 5 && until >= from, version.toString());

        double middle = (from + until) / 2;
        assertTrue(json(EptDeployment.get(BASE + "inventory?table=subnet&at=" + middle)).toString().contains(subnetDn),
                "the subnet existed in the middle of its version");
        assertFalse(json(EptDeployment.get(BASE + "inventory?table=subnet")).toString().contains(subnetDn), "gone now");
        assertFalse(json(EptDeployment.get(BASE + "inventory?table=subnet&at=" + (from - 1))).toString().contains(subnetDn));

        JsonObject changes = json(EptDeployment.get(BASE + "inventory/endpoint?vnid=" + VRF + "&addr=" + IP));
        String text = changes.toString();
        assertTrue(text.contains("\"change\":\"appeared\"") && text.contains("\"change\":\"removed\"") && text.contains(subnetDn),
                "the endpoint's BD got and lost a subnet: " + text);
        assertEquals(400, EptDeployment.get(BASE + "inventory?table=bogus").status());
        assertEquals(400, EptDeployment.get(BASE + "inventory?table=subnet&at=yesterday").status());
        assertEquals(400, EptDeployment.get(BASE + "inventory/versions?table=node&key=abc").status());
    }

    @Test
    @Order(3)
    void pagesShowTheTreeTheEndpointsConfigChangesAndTheInventory() {
        ensureStarted();
        Assumptions.assumeTrue(Browser.available(), "no headless Chromium");
        try (Browser b = new Browser("http://localhost:" + System.getProperty("ept.it.http.port") + "/ept/")) {
            b.login("admin", EptDeployment.ADMIN_PASSWORD);

            b.open("hierarchy.xhtml?fabric=" + FABRIC);
            String tenantRow = "//tbody[@id='hierarchy:tree_data']/tr[contains(., 'tenant tn1')]";
            b.click(By.xpath(tenantRow + "//button[contains(@id, ':show')]"));
            b.waitFor(d -> d.findElement(By.id("hierarchy:below")).getText().contains(IP));
            b.screenshot("hierarchy");

            b.open("endpoint.xhtml?fabric=" + FABRIC + "&vnid=" + VRF + "&addr=" + IP);
            b.click(By.xpath("//a[starts-with(normalize-space(.), 'Config changes (')]"));
            b.waitFor(d -> d.findElement(By.id("ep:tabs:configChanges")).getText().contains("10.1.77.1/24"));
            assertTrue(b.all(By.cssSelector("#ep\\:timeline .vis-item.ept-tl-config")).size() >= 2,
                    "the timeline shows the subnet appearing and being removed");
            b.screenshot("endpoint-config-changes");

            b.open("inventory.xhtml?fabric=" + FABRIC);
            b.waitFor(d -> d.findElement(By.id("inventory:rows")).getText().contains("subnet-["));
            b.screenshot("inventory");
        }
    }
}
