package io.ept.events;

import io.ept.fabric.FabricEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The live feed's JSON, as every node's UI reads it. */
class LiveEventTest {

    @Test
    void aFindingTravelsWithEveryField() {
        LiveEvent stale = new LiveEvent("f1", "stale", 1_700_000_000.25, 2818048, "10.1.1.5", 102, "stale on 102");
        String json = stale.toJson();
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        assertEquals("f1", o.getString("fabric"));
        assertEquals("stale", o.getString("kind"));
        assertEquals(1_700_000_000.25, o.getJsonNumber("ts").doubleValue());
        assertEquals(2818048, o.getInt("vnid"));
        assertEquals("10.1.1.5", o.getString("addr"));
        assertEquals(102, o.getInt("node"));
        assertEquals("stale on 102", o.getString("description"));
        assertEquals(stale, LiveEvent.fromJson(json));
        assertEquals(json.indexOf("\"fabric\""), 1, "fields in the documented order: " + json);
    }

    @Test
    void aFabricEventHasNoEndpoint() {
        LiveEvent e = LiveEvent.fabric("f1", new FabricEvent(12.5, "running", "monitor started"));
        assertEquals(new LiveEvent("f1", "fabric", 12.5, 0, "", 0, "running: monitor started"), LiveEvent.fromJson(e.toJson()));
        assertEquals(new LiveEvent("f1", "move", 3.0, 0, "", 0, ""),
                LiveEvent.fromJson("{\"fabric\":\"f1\",\"kind\":\"move\",\"ts\":3}"), "absent fields read as empty");
    }

    @Test
    void whatIsNotAnEventReadsAsNull() {
        assertNull(LiveEvent.fromJson("not json"));
        assertNull(LiveEvent.fromJson("[1,2]"));
        assertNull(LiveEvent.fromJson("{\"kind\":\"move\",\"ts\":3}"), "no fabric");
        assertNull(LiveEvent.fromJson("{\"fabric\":\"f1\",\"ts\":3}"), "no kind");
        assertNull(LiveEvent.fromJson("{\"fabric\":\"f1\",\"kind\":\"move\"}"), "no time");
        assertNull(LiveEvent.fromJson("{\"fabric\":\"f1\",\"kind\":\"move\",\"ts\":\"soon\"}"), "no time");
    }
}
