package io.ept.it;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: what the APIC sends cannot grow EPT's memory or storage without bound. An oversize websocket frame is
 * discarded without being buffered, recorded (truncated) in ept.rejected and reported in the fabric's event log,
 * and the connection survives; a flood of malformed frames leaves at most the bound (1000 per fabric by default).
 */
class ApicFramesBoundIT extends DeployedEar {

    private static final String FABRIC = "frames-it";

    private static List<Document> rejected() {
        return Fabrics.db().getCollection("ept.rejected").find(new Document("fabric", FABRIC)).into(new ArrayList<>());
    }

    @Test
    void oversizeAndMalformedFramesAreBoundedAndTheFabricKeepsRunning() {
        Fabrics.db().getCollection("ept.rejected").deleteMany(new Document("fabric", FABRIC));
        Fabrics.createAndStart(FABRIC);
        SimClient sim = TestInfrastructure.simulator();
        double startedTs = System.currentTimeMillis() / 1000.0;

        assertTrue(sim.sendRawFrames("", 9 << 20, 1) >= 1, "a websocket is open"); // 9 MiB > the 8 MiB default limit
        Document oversize = await("the oversize frame recorded").atMost(Duration.ofSeconds(60))
                .until(ApicFramesBoundIT::rejected,
                r -> r.stream().anyMatch(d -> String.valueOf(d.getString("reason")).contains("exceeds the limit"))).stream()
                .filter(d -> d.getString("reason").contains("exceeds the limit")).findFirst().orElseThrow();
        assertTrue(oversize.getString("frame").length() <= 4096 + 3, "only a prefix is kept");
        await("the oversize frame in the fabric's event log").atMost(Duration.ofSeconds(20))
                .until(() -> Fabrics.describeEvents(FABRIC),
                e -> e.contains("exceeds the limit"));

        sim.sendRawFrames("{not json", 0, 1200);
        await("the malformed frames recorded").atMost(Duration.ofSeconds(60)).until(() -> rejected().stream()
                .filter(d -> "{not json".equals(d.getString("frame"))).count(), n -> n >= 900);
        // every frame is handled by now or soon; the bound holds throughout
        await("all frames handled").atMost(Duration.ofSeconds(30)).until(() -> rejected().size(), n -> n >= 968);
        assertTrue(rejected().size() <= 1000, "at most 1000 rejected records per fabric: " + rejected().size());

        // the websocket survived: the fabric is running and still follows the APIC
        assertTrue(EptDeployment.get("uni/fb-" + FABRIC + "/status").body().contains("\"running\""));
        assertTrue(Fabrics.events(FABRIC).stream().noneMatch(e -> "failed".equals(e.getString("status"))
                && e.get("ts", Number.class).doubleValue() >= startedTs), "no restart: " + Fabrics.describeEvents(FABRIC));
        String ip = "10.1.1.88";
        sim.learn("00:00:5E:00:53:88", ip, "uni/tn-tn1/ap-app1/epg-web", 103, "eth1/5");
        await("a new endpoint learned after the floods").atMost(Duration.ofSeconds(30)).until(
                () -> Fabrics.rows("ept.endpoint", new Document("fabric", FABRIC).append("addr", ip)).size(), n -> n == 1);
        assertEquals(0, Fabrics.rows("ept.endpoint", new Document("fabric", FABRIC).append("addr", "x")).size());
        Fabrics.delete(FABRIC);
    }
}
