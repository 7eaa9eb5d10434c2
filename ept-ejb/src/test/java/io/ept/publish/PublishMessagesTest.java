package io.ept.publish;

import io.ept.findings.Finding;
import io.ept.findings.FindingKind;
import io.ept.platform.JsonSupport;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishMessagesTest {

    private static JsonObject parse(String body) {
        try (var r = JsonSupport.JSON.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }

    @Test
    void findingMessageCarriesSchemaKindAndTheFinding() {
        Finding f = new Finding("fab1", FindingKind.STALE, 1796595003.25, 2818048, "10.1.1.29", "ipv4", 102,
                "uni/tn-tn1/ap-app1/epg-web", "uni/tn-tn1/BD-bd1", "uni/tn-tn1/ctx-vrf1", "stale event [...]");
        EventMessage m = EventMessage.finding(f);
        JsonObject json = parse(m.body());
        assertEquals(EventMessage.SCHEMA, json.getString("schema"));
        assertEquals("ept.event.v1", json.getString("schema"));
        assertEquals(m.id(), json.getString("id"));
        assertEquals("fab1", json.getString("fabric"));
        assertEquals("finding", json.getString("type"));
        assertEquals("stale", json.getString("kind"));
        assertEquals("2026-12-06T22:10:03.250Z", json.getString("time"));
        JsonObject finding = json.getJsonObject("finding");
        assertEquals(102, finding.getInt("node"));
        assertEquals("10.1.1.29", finding.getString("addr"));
        assertEquals("ipv4", finding.getString("endpoint_type"));
        assertEquals("uni/tn-tn1/BD-bd1", finding.getString("bd"));
        assertNotEquals(m.id(), EventMessage.finding(f).id(), "every message has its own id");
    }

    /** A watcher job's finding published again (a batch redelivered after a crash) repeats its event id. */
    @Test
    void aJobsFindingHasAnIdDerivedFromTheJob() {
        Finding f = new Finding("fab1", FindingKind.MOVE, 1796595003.25, 2818048, "10.1.1.29", "ipv4", 0,
                "epg", "bd", "vrf", "moved");
        EventMessage first = EventMessage.findingOfJob(f, "2f1c0d6e-8d4c-4b4e-9a57-0d2c3a3f7b11/7");
        EventMessage again = EventMessage.findingOfJob(f, "2f1c0d6e-8d4c-4b4e-9a57-0d2c3a3f7b11/7");
        assertEquals(first.id(), again.id());
        assertEquals(first.body(), again.body());
        assertTrue(first.body().contains("\"id\":\"" + first.id() + "\""), first.body());
        assertNotEquals(first.id(), EventMessage.findingOfJob(f, "2f1c0d6e-8d4c-4b4e-9a57-0d2c3a3f7b11/8").id());
        assertNotEquals(EventMessage.finding(f).id(), EventMessage.finding(f).id(), "lone findings: a new id each");
    }

    @Test
    void monitorMessageCarriesStatusAndDescription() {
        EventMessage m = EventMessage.monitor("fab1", 1796595000, "running", "monitor started");
        JsonObject json = parse(m.body());
        assertEquals("monitor", json.getString("type"));
        assertEquals("monitor", m.kind());
        assertEquals("running", json.getJsonObject("monitor").getString("status"));
        assertFalse(json.containsKey("finding"));
    }

    @Test
    void signatureIsHexHmacSha256OfTheBodyAndVerifiesOnlyTheSameBodyAndSecret() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
        String header = WebhookSignature.sign("0123456789abcdef", body);
        assertTrue(WebhookSignature.verify("0123456789abcdef", body, header));
        assertFalse(WebhookSignature.verify("0123456789abcdeX", body, header));
        assertFalse(WebhookSignature.verify("0123456789abcdef", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(WebhookSignature.verify("0123456789abcdef", body, null));
    }

    @Test
    void webhookKindFilter() {
        EventMessage move = EventMessage.monitor("f", 0, "x", "y");
        assertTrue(new Webhook("1", "f", "http://h", "s", java.util.Set.of()).accepts(move));
        assertTrue(new Webhook("1", "f", "http://h", "s", java.util.Set.of("monitor")).accepts(move));
        assertFalse(new Webhook("1", "f", "http://h", "s", java.util.Set.of("stale")).accepts(move));
    }
}
