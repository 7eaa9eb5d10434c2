package io.ept.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the APIC's TLS certificate is pinned on first use. A second simulator serves HTTPS with a self-signed
 * certificate made at its start; the fabric pins it; the simulator restarts on the same ports with a new
 * certificate; the fabric stops with a clear monitor event and stays stopped until an admin accepts the new
 * certificate, then it runs again.
 */
class ApicCertificatePinIT extends DeployedEar {

    private static final String FABRIC = "tls-pin-it";

    private static JsonObject trust() {
        return SimClient.parse(EptDeployment.get("uni/fb-" + FABRIC + "/trust").body()).asJsonObject();
    }

    private static String status() {
        return EptDeployment.get("uni/fb-" + FABRIC + "/status").body();
    }

    @Test
    void changedCertificateStopsTheFabricUntilAccepted() {
        File jar = new File(System.getProperty("ept.it.sim.jar", "target/deployments/ept-apic-sim.jar"));
        int httpPort = SimClient.freeTcpPort();
        int httpsPort = SimClient.freeTcpPort();
        SimClient sim = SimClient.start(jar, new File("target/apic-sim-tls-1.log"), httpPort, httpsPort, -1);
        try {
            if (EptDeployment.get("uni/fb-" + FABRIC).status() == 200) {
                Fabrics.delete(FABRIC);
            }
            EptDeployment.Reply created = EptDeployment.postJson("fabric", "{\"fabric\":\"" + FABRIC
                    + "\",\"apic_hostname\":\"https://127.0.0.1:" + httpsPort + "\",\"apic_username\":\"admin\","
                    + "\"apic_password\":\"" + sim.password() + "\",\"heartbeat_interval\":5}");
            assertEquals(200, created.status(), created.body());
            assertEquals(200, EptDeployment.postJson("uni/fb-" + FABRIC + "/start", "{}").status());
            Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(60));
            JsonObject pinned = trust().getJsonArray("apic_cert_pins").getJsonObject(0);
            assertEquals("127.0.0.1:" + httpsPort, pinned.getString("host"));
            String first = pinned.getString("fingerprint");
            assertTrue(first.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first);

            // the "APIC" comes back with another certificate on the same address
            sim.stopAndWait();
            sim = SimClient.start(jar, new File("target/apic-sim-tls-2.log"), httpPort, httpsPort, -1);
            await("fabric stopped on the certificate change").atMost(Duration.ofSeconds(90))
                    .until(ApicCertificatePinIT::status,
                    b -> b.contains("\"status\":\"stopped\"") && Fabrics.describeEvents(FABRIC).contains("APIC certificate"));
            String events = Fabrics.describeEvents(FABRIC);
            assertTrue(events.contains("changed") && events.contains(first), events);
            JsonObject pending = trust().getJsonArray("apic_cert_pending").getJsonObject(0);
            assertNotEquals(first, pending.getString("fingerprint"));
            assertEquals(first, trust().getJsonArray("apic_cert_pins").getJsonObject(0).getString("fingerprint"),
                    "the pin is not replaced without an admin");
            // it stays stopped: the supervisor (every 2 s in the tests) does not restart it
            try {
                Thread.sleep(6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertTrue(status().contains("\"status\":\"stopped\""), status());
            String fabric = EptDeployment.get("uni/fb-" + FABRIC).body();
            assertTrue(fabric.contains("\"auto_start\":false"), fabric);

            EptDeployment.Reply accepted = EptDeployment.postJson("uni/fb-" + FABRIC + "/trust/accept", "{}");
            assertEquals(200, accepted.status(), accepted.body());
            Fabrics.awaitRunning(FABRIC, Duration.ofSeconds(60));
            assertEquals(pending.getString("fingerprint"),
                    trust().getJsonArray("apic_cert_pins").getJsonObject(0).getString("fingerprint"));
            assertFalse(trust().getJsonArray("apic_cert_pending").size() > 0);
            Fabrics.delete(FABRIC);
        } finally {
            sim.stopAndWait();
        }
    }
}
