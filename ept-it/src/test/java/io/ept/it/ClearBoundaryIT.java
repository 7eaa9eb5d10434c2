package io.ept.it;

import jakarta.json.JsonObject;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: nothing from a request reaches a shell line on the APIC or a leaf. Hostile addresses, vnids and node
 * lists are refused with a 400 naming the field, before any SSH (the simulator's SSH server records every command
 * line it receives) and without any ept.remediate record; a valid clear still runs, with quoted command lines. The
 * APIC's SSH host key is pinned on first use: a changed key stops the fabric until an admin accepts it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClearBoundaryIT extends DeployedEar {

    private static final String FABRIC = "boundary-it";
    private static final int VRF = 2818048;
    private static final String E1_IP = "10.1.1.11";

    /** Path segments as sent (percent-encoded where a URI needs it); the server decodes them. */
    private static final List<String> HOSTILE_ADDRESSES = List.of(
            "10.1.2.12%27%3Bid%3Becho%20%27",   // 10.1.2.12';id;echo '
            "10.1.2.12'%3Bid%3Becho%20'",       // the same with raw quotes
            "%24%28id%29",                      // $(id)
            "%60id%60",                         // `id`
            "10.1.2.12%0Aid",                   // newline
            "10.1.2.12%0D%0Areboot",            // CR LF
            "10.1.2.12%20",                     // trailing space
            "1".repeat(300),                    // overlong
            "fe80::1%25eth0",                   // IPv6 with a zone id
            "fe80::1%25%60id%60",               // zone id carrying a command
            "00:00:5E:00:53:03%3Breboot",       // MAC with a command
            "10.1.2.0%2F24",                    // a prefix
            "010.1.2.12");                      // octal-looking IPv4

    private static boolean started;

    private static SimClient sim() {
        return TestInfrastructure.simulator();
    }

    private static void ensureStarted() {
        if (!started) {
            Fabrics.createAndStart(FABRIC);
            started = true;
        }
    }

    private static String endpoint(String vnid, String addr) {
        return "uni/fb-" + FABRIC + "/endpoint/vnid-" + vnid + "/addr-" + addr;
    }

    private static long remediateRecords() {
        return Fabrics.db().getCollection("ept.remediate").countDocuments(new Document("fabric", FABRIC));
    }

    /**
     * A 400 naming {@code field}; or naming "path" when the raw path itself is refused before any route sees it
     * (encoded ';' or '%' are not accepted in paths at all: see RequestPaths).
     */
    private static void assertRefused(EptDeployment.Reply reply, String field, String what) {
        assertEquals(400, reply.status(), what + ": " + reply.body());
        JsonObject body = SimClient.parse(reply.body()).asJsonObject();
        String named = body.getString("field", "");
        assertTrue(named.equals(field) || named.equals("path"), what + ": " + reply.body());
        assertTrue(body.getString("error").startsWith(named + ":"), what + ": " + reply.body());
    }

    @Test
    @Order(1)
    void hostileValuesAreRefusedBeforeAnySshAndNothingIsRecorded() {
        ensureStarted();
        sim().clearSshLog();
        long before = remediateRecords();
        for (String addr : HOSTILE_ADDRESSES) {
            String path = endpoint(String.valueOf(VRF), addr);
            assertRefused(EptDeployment.postJson(path + "/clear", "{\"nodes\":[101]}"), "addr", "clear " + addr);
            assertRefused(EptDeployment.get(path), "addr", "read " + addr);
            assertRefused(EptDeployment.get(path + "/at"), "addr", "at " + addr);
            assertRefused(EptDeployment.postJson(path + "/refresh", "{}"), "addr", "refresh " + addr);
            assertRefused(EptDeployment.send("DELETE", path + "/delete", null), "addr", "delete " + addr);
        }
        for (String vnid : List.of("-1", "99999999999", "abc", "16777216", "1e3", "2818048%3Bid")) {
            String path = endpoint(vnid, E1_IP);
            assertRefused(EptDeployment.postJson(path + "/clear", "{\"nodes\":[101]}"), "vnid", "clear vnid " + vnid);
            assertRefused(EptDeployment.get(path), "vnid", "read vnid " + vnid);
        }
        for (String nodes : List.of("[\"101;id\"]", "[-5]", "[\"101\"]", "[1e30]", "[99999999999]", "[101.5]", "[]",
                "[null]", "101", "[[101]]", "[100]", "[4097]", "[true]", "\"101\"")) {
            assertRefused(EptDeployment.postJson(endpoint(String.valueOf(VRF), E1_IP) + "/clear", "{\"nodes\":" + nodes + "}"),
                    "nodes", "nodes " + nodes);
        }
        assertEquals(List.of(), sim().sshCommands(), "the simulator's SSH server received no command");
        assertEquals(before, remediateRecords(), "nothing stored in ept.remediate");
        assertEquals(0, Fabrics.db().getCollection("ept.remediate").countDocuments(
                new Document("addr", new Document("$regex", "[';$`\\s]"))), "no record with a hostile address");
    }

    @Test
    @Order(2)
    void aValidClearRunsWithQuotedCommandsAndPinsTheHostKey() {
        ensureStarted();
        sim().clearSshLog();
        EptDeployment.Reply cleared = EptDeployment.postJson(endpoint(String.valueOf(VRF), E1_IP) + "/clear", "{\"nodes\":[101]}");
        assertEquals(200, cleared.status(), cleared.body());
        assertTrue(SimClient.parse(cleared.body()).asJsonObject().getBoolean("success"), cleared.body());
        List<JsonObject> commands = sim().sshCommands();
        assertTrue(commands.stream().anyMatch(c -> c.getString("command").startsWith("ssh ")
                && c.getString("command").contains(" -b '")), commands.toString());
        JsonObject vsh = commands.stream().filter(c -> c.getString("command").startsWith("vsh -c '")).findFirst()
                .orElseThrow(() -> new AssertionError("no vsh command: " + commands));
        assertTrue(vsh.getString("command").endsWith(" ip " + E1_IP + "'"), vsh.toString());
        assertTrue(vsh.getString("outcome").startsWith("ok"), vsh.toString());
        Document remediate = Fabrics.rows("ept.remediate", new Document("fabric", FABRIC).append("addr", E1_IP)
                .append("node", 101)).get(0).getList("events", Document.class).get(0);
        assertEquals(Boolean.TRUE, remediate.getBoolean("success"), remediate.toJson());

        JsonObject trust = SimClient.parse(EptDeployment.get("uni/fb-" + FABRIC + "/trust").body()).asJsonObject();
        assertEquals(1, trust.getJsonArray("ssh_host_key_pins").size(), trust.toString());
        assertTrue(trust.getJsonArray("ssh_host_key_pending").isEmpty(), trust.toString());
        assertTrue(trust.getJsonArray("ssh_host_key_pins").getJsonObject(0).getString("fingerprint").startsWith("SHA256:"));
        String fabric = EptDeployment.get("uni/fb-" + FABRIC).body();
        assertTrue(fabric.contains("ssh_host_key_pins"), "the pins are part of the fabric settings: " + fabric);
    }

    @Test
    @Order(3)
    void aChangedSshHostKeyStopsTheFabricUntilAnAdminAcceptsIt() {
        ensureStarted();
        String newKey = sim().rotateSshHostKey();
        sim().clearSshLog();
        String path = endpoint(String.valueOf(VRF), E1_IP) + "/clear";
        EptDeployment.Reply refused = EptDeployment.postJson(path, "{\"nodes\":[101]}");
        assertEquals(200, refused.status(), refused.body());
        JsonObject result = SimClient.parse(refused.body()).asJsonObject();
        assertFalse(result.getBoolean("success"), refused.body());
        assertTrue(result.getString("error").contains("host key"), refused.body());
        assertEquals(List.of(), sim().sshCommands(), "no command reaches a server with a changed key");

        await("fabric stopped after the host key change").atMost(Duration.ofSeconds(30)).until(
                () -> EptDeployment.get("uni/fb-" + FABRIC + "/status").body(), b -> b.contains("\"status\":\"stopped\""));
        assertTrue(Fabrics.describeEvents(FABRIC).contains("SSH host key"), Fabrics.describeEvents(FABRIC));
        JsonObject trust = SimClient.parse(EptDeployment.get("uni/fb-" + FABRIC + "/trust").body()).asJsonObject();
        assertEquals(newKey, trust.getJsonArray("ssh_host_key_pending").getJsonObject(0).getString("fingerprint"), trust.toString());
        EptDeployment.Reply stillRefused = EptDeployment.postJson(path, "{\"nodes\":[101]}");
        assertTrue(stillRefused.body().contains("accept"), stillRefused.body());
        assertEquals(List.of(), sim().sshCommands());

        EptDeployment.Reply accepted = EptDeployment.postJson("uni/fb-" + FABRIC + "/trust/accept", "{}");
        assertEquals(200, accepted.status(), accepted.body());
        Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(60));
        trust = SimClient.parse(EptDeployment.get("uni/fb-" + FABRIC + "/trust").body()).asJsonObject();
        assertEquals(newKey, trust.getJsonArray("ssh_host_key_pins").getJsonObject(0).getString("fingerprint"), trust.toString());
        EptDeployment.Reply again = EptDeployment.postJson(path, "{\"nodes\":[101]}");
        assertTrue(SimClient.parse(again.body()).asJsonObject().getBoolean("success"), again.body());
        Fabrics.delete(FABRIC);
    }
}
