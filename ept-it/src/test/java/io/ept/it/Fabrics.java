package io.ept.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Creates and drives fabrics of the EPT under test through its REST API; reads its MongoDB directly. */
final class Fabrics {

    private static final MongoClient MONGO = MongoClients.create(TestInfrastructure.mongoUri());

    private Fabrics() {
    }

    static MongoDatabase db() {
        return MONGO.getDatabase("ept");
    }

    /** Creates the fabric for the shared simulator (deleting a leftover of an earlier run) and starts it. */
    static void createAndStart(String fabric) {
        SimClient sim = TestInfrastructure.simulator();
        EptDeployment.Reply existing = EptDeployment.get("uni/fb-" + fabric);
        if (existing.status() == 200) {
            delete(fabric);
        }
        EptDeployment.Reply created = EptDeployment.postJson("fabric", "{\"fabric\":\"" + fabric + "\",\"apic_hostname\":\""
                + sim.url() + "\",\"apic_username\":\"admin\",\"apic_password\":\"" + sim.password()
                + "\",\"ssh_username\":\"admin\",\"ssh_password\":\"" + sim.password() + "\",\"heartbeat_interval\":5}");
        assertEquals(200, created.status(), created.body());
        EptDeployment.Reply started = EptDeployment.postJson("uni/fb-" + fabric + "/start", "{\"reason\":\"integration test\"}");
        assertEquals(200, started.status(), started.body());
        awaitRunning(fabric, Duration.ofSeconds(60));
    }

    static void awaitRunning(String fabric, Duration timeout) {
        await("fabric " + fabric + " running").atMost(timeout)
                .until(() -> EptDeployment.get("uni/fb-" + fabric + "/status").body(),
                body -> body.contains("\"status\":\"running\""));
    }

    static void delete(String fabric) {
        EptDeployment.Reply deleted = EptDeployment.send("DELETE", "uni/fb-" + fabric, null);
        assertEquals(200, deleted.status(), deleted.body());
    }

    /** The node of the endpoint's newest event, or 0 when the endpoint (or any event) is missing. */
    static int newestNode(String fabric, int vnid, String addr) {
        return newestNode(db().getCollection("ept.endpoint")
                .find(new Document("fabric", fabric).append("vnid", vnid).append("addr", addr)).first());
    }

    /** The node of the newest event on an ept.endpoint row, or 0 when the row (or any event) is missing. */
    static int newestNode(Document endpoint) {
        List<Document> events = endpoint == null ? List.of() : endpoint.getList("events", Document.class, List.of());
        return events.isEmpty() ? 0 : events.get(0).getInteger("node");
    }

    /** Patches the fabric's default settings with {@code settingsJson} and reloads them; both must succeed. */
    static void configure(String fabric, String settingsJson) {
        EptDeployment.Reply patched = EptDeployment.patchJson("uni/fb-" + fabric + "/settings-default", settingsJson);
        assertEquals(200, patched.status(), patched.body());
        EptDeployment.Reply reloaded = EptDeployment.postJson("uni/fb-" + fabric + "/settings-default/reload", "{}");
        assertEquals(200, reloaded.status(), reloaded.body());
    }

    /** Settings fields (without braces) that send move, stale, offsubnet and clear notifications to the listener. */
    static String syslogNotifications(SyslogListener syslog) {
        return "\"syslog_server\":\"127.0.0.1\",\"syslog_port\":" + syslog.port() + ",\"notify_move_syslog\":true,"
                + "\"notify_stale_syslog\":true,\"notify_offsubnet_syslog\":true,\"notify_clear_syslog\":true";
    }

    static List<Document> rows(String collection, Document filter) {
        return db().getCollection(collection).find(filter).into(new ArrayList<>());
    }

    static List<Document> events(String fabric) {
        Document doc = db().getCollection("fabric").find(new Document("fabric", fabric)).first();
        return doc == null ? List.of() : doc.getList("events", Document.class, List.of());
    }

    static String describeEvents(String fabric) {
        StringBuilder out = new StringBuilder();
        for (Document e : events(fabric)) {
            out.append(e.getString("status")).append(": ").append(e.getString("description")).append(" | ");
        }
        return out.toString();
    }
}
