package io.ept.it;

import jakarta.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 1: what EPT keeps in memory of a fabric (rapid counters, endpoint states, lookups, settings, pending
 * watch rechecks) must not survive the fabric's deletion into a new fabric of the same name, and settings changes
 * must reach the analysis without a reload. The endpoint flaps through raw epm events injected into the simulator:
 * 400 alternating creates and deletes of one MAC on one leaf, 50 ms apart (about 1,200 events per minute, rapid above
 * a threshold of 512, not above the default 2,048).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FabricResetIT extends DeployedEar {

    private static final String FABRIC = "reset-it";
    private static final int VRF = 2818048;
    private static final int BD1 = 16023499;
    private static final int LEAF = 103;
    private static final String SETTINGS_MAC = "00:00:5E:00:53:A1";
    private static final String RECREATE_MAC = "00:00:5E:00:53:A2";
    private static final int FLAP_EVENTS = 400;
    private static final long FLAP_PERIOD_MILLIS = 50;

    private static void patchSettings(String json) {
        EptDeployment.Reply patched = EptDeployment.patchJson("uni/fb-" + FABRIC + "/settings-default", json);
        assertEquals(200, patched.status(), patched.body());
    }

    private static void reloadSettings() {
        EptDeployment.Reply reloaded = EptDeployment.postJson("uni/fb-" + FABRIC + "/settings-default/reload", "{}");
        assertEquals(200, reloaded.status(), reloaded.body());
    }

    /** 400 alternating created/deleted epmMacEp events of {@code mac} on the leaf, 50 ms apart; ends deleted. */
    private static void flap(String mac) {
        String dn = "topology/pod-1/node-" + LEAF + "/sys/ctx-[vxlan-" + VRF + "]/bd-[vxlan-" + BD1
                + "]/vlan-[vlan-101]/db-ep/mac-" + mac;
        long start = System.nanoTime();
        for (int i = 0; i < FLAP_EVENTS; i++) {
            boolean create = i % 2 == 0;
            var attributes = Json.createObjectBuilder().add("dn", dn).add("status", create ? "created" : "deleted");
            if (create) {
                attributes.add("flags", "local,mac").add("ifId", "eth1/20").add("pcTag", "49153");
            }
            TestInfrastructure.simulator().inject(Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("epmMacEp", Json.createObjectBuilder().add("attributes", attributes))).build());
            long next = start + (i + 1) * FLAP_PERIOD_MILLIS * 1_000_000;
            long wait = (next - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static List<Document> rapidRecords(String mac) {
        return Fabrics.rows("ept.rapid", new Document("fabric", FABRIC).append("addr", mac));
    }

    private static Document endpoint(String mac) {
        return Fabrics.db().getCollection("ept.endpoint")
                .find(new Document("fabric", FABRIC).append("vnid", BD1).append("addr", mac)).first();
    }

    /** Watch keys of the fabric in Redis: a key per pending recheck (ept:watch:fabric,vnid,addr[,node]). */
    private static List<String> pendingWatchKeys() {
        try (RedisClient redis = RedisClient.create(java.net.URI.create(TestInfrastructure.redisUri()))) {
            List<String> keys = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = redis.scan(cursor, new ScanParams().match("ept:watch:" + FABRIC + ",*").count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return keys;
        }
    }

    /** Polls like Awaitility's {@code until} but returns the last value instead of failing, for assertAll. */
    private static <T> T eventually(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = probe.get();
        }
        return last;
    }

    @Test
    @Order(1)
    void settingsChangesReachTheAnalysisWithoutReload() {
        // the build analyses the demo endpoints, so the workers hold the default settings (rapid threshold 2048)
        Fabrics.createAndStart(FABRIC);
        patchSettings("{\"rapid_threshold\":512,\"rapid_holdtime\":600}");
        flap(SETTINGS_MAC);
        List<Document> rapid = await("an ept.rapid record under the patched threshold").atMost(Duration.ofSeconds(40))
                .until(
                () -> rapidRecords(SETTINGS_MAC), r -> !r.isEmpty());
        double rate = rapid.get(0).getList("events", Document.class).get(0).get("rate", Number.class).doubleValue();
        assertTrue(rate > 512 && rate < 2048, "about 1,200 events per minute: " + rate);
    }

    @Test
    @Order(2)
    void aRecreatedFabricStartsWithNothingOfTheDeletedOne() {
        // the case: fabric F detects a rapid endpoint (hold time 600) ...
        if (EptDeployment.get("uni/fb-" + FABRIC + "/status").body().contains("\"running\"")) {
            Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(60));
        } else {
            Fabrics.createAndStart(FABRIC);
        }
        patchSettings("{\"rapid_threshold\":512,\"rapid_holdtime\":600}");
        reloadSettings();
        flap(RECREATE_MAC);
        await("rapid detected in the first fabric").atMost(Duration.ofSeconds(40))
                .until(() -> rapidRecords(RECREATE_MAC),
                r -> !r.isEmpty());
        await("the rapid recheck pending").atMost(Duration.ofSeconds(20)).until(FabricResetIT::pendingWatchKeys,
                keys -> !keys.isEmpty());

        // ... is deleted, and created again with hold time 60: the same flapping is rapid again
        Fabrics.delete(FABRIC);
        List<String> pendingAfterDelete = pendingWatchKeys();
        Fabrics.createAndStart(FABRIC);
        patchSettings("{\"rapid_threshold\":512,\"rapid_holdtime\":60}");
        reloadSettings();
        flap(RECREATE_MAC);
        List<Document> rapid = eventually(Duration.ofSeconds(40), () -> rapidRecords(RECREATE_MAC), r -> !r.isEmpty());
        Document endpoint = eventually(Duration.ofSeconds(10), () -> endpoint(RECREATE_MAC),
                e -> e != null && Boolean.TRUE.equals(e.getBoolean("is_rapid")));
        assertAll(
                () -> assertEquals(List.of(), pendingAfterDelete, "pending watch rechecks of the deleted fabric"),
                () -> assertEquals(1, rapid.size(), "ept.rapid records of the new fabric"),
                () -> assertNotNull(endpoint, "the endpoint in the new fabric"),
                () -> assertEquals(Boolean.TRUE, endpoint.getBoolean("is_rapid"), endpoint.toJson()),
                () -> assertTrue(endpoint.get("rapid_count", Number.class).longValue() > 0, endpoint.toJson()));
        Fabrics.delete(FABRIC);
    }
}
