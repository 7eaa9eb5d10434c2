package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static io.ept.it.EptDeployment.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings workflow end to end on the simulator: a maintenance window holds a stale finding's notification and
 * auto-clear, an acknowledged move and a snoozed off-subnet learn are recorded (workers' lists and the finding log
 * with state and author) but not sent to syslog; rights, audit, bad input, and the UI (Ack on a findings list,
 * the Workflow page, the dashboard's maintenance banner).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingsWorkflowIT extends DeployedEar {

    private static final String FABRIC = "workflow-it";
    private static final String BASE = "uni/fb-" + FABRIC + "/";
    private static final int VRF = 2818048;
    private static final String MAC = "00:00:5E:00:53:29";
    private static final String IP = "10.1.1.29";
    private static final String SNOOZED_IP = "10.1.98.7";
    private static final String READER = "wf-reader";

    private static final SyslogListener SYSLOG = new SyslogListener();
    private static boolean started;
    private static String reader;

    @AfterAll
    static void cleanUp() {
        SYSLOG.close();
        if (started) {
            Fabrics.delete(FABRIC);
            send("DELETE", "uni/username-" + READER, null);
        }
    }

    private static SimClient sim() {
        return TestInfrastructure.simulator();
    }

    private static JsonObject json(EptDeployment.Reply reply) {
        try (var r = Json.createReader(new StringReader(reply.body()))) {
            return r.readObject();
        }
    }

    private static void ensureStarted() {
        if (started) {
            return;
        }
        Fabrics.createAndStart(FABRIC);
        Fabrics.configure(FABRIC, "{" + Fabrics.syslogNotifications(SYSLOG) + ",\"auto_clear_stale\":true}");
        send("DELETE", "uni/username-" + READER, null);
        assertEquals(200, send("POST", "user", "{\"username\":\"" + READER + "\",\"password\":\"pw-" + READER
                + "-Long1\",\"role\":1}").status());
        reader = EptDeployment.login(READER, "pw-" + READER + "-Long1");
        started = true;
    }

    private static List<Document> log(String kind, String addr) {
        return Fabrics.rows("ept.finding", new Document("fabric", FABRIC).append("kind", kind).append("addr", addr));
    }

    private static long syslogCount(String text, String addr) {
        return SYSLOG.messages().stream().filter(m -> m.contains(text) && m.contains(addr + "]")).count();
    }

    /** The decision is logged before the notification would be queued; the dispatcher flushes every second. */
    private static void assertNothingSentWithin(String text, String addr, long before) {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(before, syslogCount(text, addr), "no '" + text + "' notification for " + addr + ": " + SYSLOG.messages());
    }

    @Test
    @Order(1)
    void openMoveIsNotifiedAndLoggedOpen() {
        ensureStarted();
        sim().learn(MAC, IP, "uni/tn-tn1/ap-app1/epg-web", 103, "eth1/5", 102);
        await(IP + " local on 103").atMost(Duration.ofSeconds(30))
                .until(() -> Fabrics.newestNode(FABRIC, VRF, IP), n -> n == 103);
        sim().move(IP, 101, "eth1/7");
        Document logged = await("the move in the finding log").atMost(Duration.ofSeconds(30))
                .until(() -> log("move", IP),
                l -> !l.isEmpty()).get(0);
        assertEquals("open", logged.getString("state"));
        assertEquals("uni/tn-tn1/ap-app1/epg-web", logged.getString("epg"));
        assertTrue(logged.getString("bd").contains("BD-"), "the finding names its BD: " + logged.toJson());
        await("the move notification").atMost(Duration.ofSeconds(20))
                .until(() -> syslogCount("move detected", IP), n -> n == 1);
    }

    @Test
    @Order(2)
    void maintenanceWindowHoldsNotificationAndAutoClearButRecordsTheStaleFinding() {
        ensureStarted();
        EptDeployment.Reply refused = send("POST", BASE + "maintenance", "{\"start\":\"" + Instant.now() + "\",\"end\":\""
                + Instant.now().plusSeconds(600) + "\"}", reader);
        assertEquals(403, refused.status(), "windows are for admins: " + refused.body());
        EptDeployment.Reply added = EptDeployment.postJson(BASE + "maintenance", "{\"description\":\"leaf 102 upgrade\",\"start\":"
                + Instant.now().minusSeconds(5).getEpochSecond() + ",\"end\":\"" + Instant.now().plusSeconds(600) + "\"}");
        assertEquals(200, added.status(), added.body());
        String windowId = json(added).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.maintenance").getString("id");
        JsonObject active = json(send("GET", BASE + "maintenance/active", null, reader));
        assertTrue(active.getBoolean("active"), active.toString());
        assertEquals("leaf 102 upgrade", active.getString("description"));

        long staleBefore = syslogCount("stale event", IP);
        sim().stale(IP, 102, 103);
        Document logged = await("the stale finding in the log").atMost(Duration.ofSeconds(120))
                .until(() -> log("stale", IP),
                l -> !l.isEmpty()).get(0);
        assertEquals("maintenance", logged.getString("state"));
        assertEquals("admin", logged.getString("rule_by"));
        assertEquals("leaf 102 upgrade", logged.getString("rule_note"));
        assertEquals(102, logged.getInteger("node"));
        assertFalse(Fabrics.rows("ept.stale", new Document("fabric", FABRIC).append("addr", IP).append("node", 102)).isEmpty(),
                "the workers still record the stale entry");
        assertNothingSentWithin("stale event", IP, staleBefore);
        assertTrue(Fabrics.rows("ept.remediate", new Document("fabric", FABRIC).append("addr", IP)).isEmpty(),
                "no auto-clear inside the window");
        assertTrue(log("clear", IP).isEmpty());

        assertEquals(200, send("DELETE", BASE + "maintenance/" + windowId, null).status());
        assertFalse(json(EptDeployment.get(BASE + "maintenance/active")).getBoolean("active"));
        assertEquals(404, send("DELETE", BASE + "maintenance/" + windowId, null).status(), "already removed");
    }

    @Test
    @Order(3)
    void acknowledgedMoveIsRecordedButNotNotified() {
        ensureStarted();
        String ack = "{\"kind\":\"move\",\"vnid\":" + VRF + ",\"addr\":\"" + IP + "\",\"comment\":\"host migration, ticket 42\"}";
        EptDeployment.Reply notAllowed = send("POST", BASE + "ack", ack, reader);
        assertEquals(403, notAllowed.status(), notAllowed.body());
        assertTrue(json(notAllowed).getString("error").contains("finding-rights"), notAllowed.body());
        EptDeployment.Reply granted = send("PUT", BASE + "finding-rights", "{\"acknowledgers\":[\"" + READER + "\"]}");
        assertEquals(200, granted.status(), granted.body());
        assertEquals(403, send("PUT", BASE + "finding-rights", "{\"acknowledgers\":[]}", reader).status(), "rights are for admins");
        EptDeployment.Reply acked = send("POST", BASE + "ack", ack, reader);
        assertEquals(200, acked.status(), acked.body());
        JsonObject view = json(acked).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.ack");
        assertEquals(READER, view.getString("by"));
        assertEquals(400, send("POST", BASE + "ack", ack, reader).status(), "acknowledged twice");

        long movesBefore = syslogCount("move detected", IP);
        int rowCount = Fabrics.rows("ept.move", new Document("fabric", FABRIC).append("addr", IP)).get(0).get("count", Number.class).intValue();
        sim().move(IP, 103, "eth1/5");
        Document logged = await("the acknowledged move in the log").atMost(Duration.ofSeconds(30)).until(
                () -> log("move", IP).stream().filter(d -> !"open".equals(d.getString("state"))).toList(), l -> !l.isEmpty()).get(0);
        assertEquals("acknowledged", logged.getString("state"));
        assertEquals(READER, logged.getString("rule_by"));
        assertEquals("host migration, ticket 42", logged.getString("rule_note"));
        assertTrue(Fabrics.rows("ept.move", new Document("fabric", FABRIC).append("addr", IP)).get(0).get("count", Number.class).intValue() > rowCount,
                "the move is still recorded");
        assertNothingSentWithin("move detected", IP, movesBefore);

        JsonObject filtered = json(send("GET", BASE + "finding?state=acknowledged&kind=move", null, reader));
        assertEquals(1, filtered.getInt("count"), filtered.toString());
        assertEquals(IP, filtered.getJsonArray("objects").getJsonObject(0).getJsonObject("ept.finding").getString("addr"));
        assertTrue(json(EptDeployment.get(BASE + "finding?state=open")).getInt("count") >= 1);
    }

    @Test
    @Order(4)
    void snoozedSubnetIsRecordedButNotNotifiedAndEndsOnRequest() {
        ensureStarted();
        EptDeployment.Reply bad = send("POST", BASE + "snooze", "{\"scope\":\"subnet\",\"target\":\"10.1.98.0\",\"duration_minutes\":10}", reader);
        assertEquals(400, bad.status(), bad.body());
        assertTrue(json(bad).getString("error").contains("prefix"), bad.body());
        assertEquals(400, send("POST", BASE + "snooze", "{\"scope\":\"subnet\",\"target\":\"10.1.98.0/24\"}", reader).status(),
                "a duration or an end is required");
        EptDeployment.Reply snoozed = send("POST", BASE + "snooze",
                "{\"scope\":\"subnet\",\"target\":\"10.1.98.0/24\",\"duration_minutes\":10,\"comment\":\"lab range\"}", reader);
        assertEquals(200, snoozed.status(), snoozed.body());
        String id = json(snoozed).getJsonArray("objects").getJsonObject(0).getJsonObject("ept.snooze").getString("id");

        sim().offSubnet(MAC, SNOOZED_IP);
        Document logged = await("the snoozed off-subnet finding in the log").atMost(Duration.ofSeconds(40)).until(
                () -> log("offsubnet", SNOOZED_IP), l -> !l.isEmpty()).get(0);
        assertEquals("snoozed", logged.getString("state"));
        assertEquals(READER, logged.getString("rule_by"));
        assertFalse(Fabrics.rows("ept.offsubnet", new Document("fabric", FABRIC).append("addr", SNOOZED_IP)).isEmpty());
        assertNothingSentWithin("offsubnet event", SNOOZED_IP, 0);

        JsonArray active = json(send("GET", BASE + "snooze?active=true", null, reader)).getJsonArray("objects");
        assertEquals(1, active.size());
        assertEquals(200, send("DELETE", BASE + "snooze/" + id, null, reader).status());
        assertEquals(0, json(EptDeployment.get(BASE + "snooze?active=true")).getInt("count"));
        assertEquals(404, send("DELETE", BASE + "snooze/not-an-id", null).status());
        assertEquals(400, send("GET", BASE + "finding?state=closed", null).status());
    }

    @Test
    @Order(5)
    void auditLogNamesWhoDidWhat() {
        ensureStarted();
        JsonArray audit = json(EptDeployment.get(BASE + "audit")).getJsonArray("objects");
        String all = audit.toString();
        for (String action : List.of("add-maintenance-window", "remove-maintenance-window", "set-acknowledgers",
                "acknowledge", "snooze", "cancel-snooze")) {
            assertTrue(all.contains("\"action\":\"" + action + "\""), action + " audited: " + all);
        }
        assertTrue(audit.stream().map(v -> v.asJsonObject().getJsonObject("audit"))
                .anyMatch(a -> a.getString("action").equals("acknowledge") && a.getString("user").equals(READER)), all);
    }

    @Test
    @Order(6)
    void uiAcknowledgesFromAFindingsListAndShowsTheWorkflowAndTheMaintenanceBanner() {
        ensureStarted();
        Assumptions.assumeTrue(Browser.available(), "no headless Chromium");
        try (Browser b = new Browser("http://localhost:" + System.getProperty("ept.it.http.port") + "/ept/")) {
            b.login("admin", EptDeployment.ADMIN_PASSWORD);

            b.open("findings.xhtml?fabric=" + FABRIC + "&kind=stale");
            String row = "//tbody[@id='findings:table_data']/tr[contains(., '" + IP + "')]";
            b.waitFor(d -> d.findElement(By.xpath(row)).getText().contains("open"));
            b.click(By.xpath(row + "//button[contains(@id, ':ack')]"));
            b.type(By.id("findings:ackComment"), "known stale after upgrade");
            b.click(By.id("findings:ackConfirm"));
            b.waitFor(d -> d.findElement(By.xpath(row)).getText().contains("acknowledged by admin"));
            b.screenshot("findings-acknowledged");

            // a weekly window covering every day: the dashboard shows it
            assertEquals(200, EptDeployment.postJson(BASE + "maintenance", "{\"description\":\"ui check\",\"days\":[\"mon\",\"tue\","
                    + "\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],\"daily_start\":\"00:00\",\"length_minutes\":1440}").status());
            b.open("dashboard.xhtml?fabric=" + FABRIC);
            assertTrue(b.find(By.id("dash:maintenance")).getText().contains("Maintenance window active: ui check"),
                    b.find(By.id("dash:maintenance")).getText());

            b.open("workflow.xhtml?fabric=" + FABRIC);
            assertTrue(b.find(By.id("workflow:maintenanceBanner")).getText().contains("ui check"));
            assertTrue(b.find(By.id("workflow:acks")).getText().contains("known stale after upgrade"));
            String log = b.find(By.id("workflow:log")).getText();
            assertTrue(log.contains("acknowledged") && log.contains("snoozed") && log.contains("maintenance"), log);
            assertTrue(b.find(By.id("workflow:audit")).getText().contains("acknowledge"));
            b.screenshot("workflow");
        }
        List<Document> acks = Fabrics.rows("ept.ack", new Document("fabric", FABRIC).append("kind", "stale").append("addr", IP));
        assertEquals(1, acks.size());
        assertEquals(102, acks.get(0).getInteger("node"));
        assertEquals("admin", acks.get(0).getString("by"));
        Fabrics.delete(FABRIC);
        started = false;
        assertTrue(Fabrics.rows("ept.ack", new Document("fabric", FABRIC)).isEmpty(), "a deleted fabric's rules go with it");
        send("DELETE", "uni/username-" + READER, null);
    }
}
