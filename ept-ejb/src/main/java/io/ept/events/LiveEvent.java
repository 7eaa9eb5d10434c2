package io.ept.events;

import io.ept.fabric.FabricEvent;
import io.ept.platform.JsonSupport;
import jakarta.json.JsonObject;

import java.io.StringReader;

/**
 * One entry of EPT's live event feed (Redis channel {@link LiveEvents#CHANNEL}): a fabric monitor event or a newly
 * recorded finding. Endpoint learns themselves are not published: they are too many to be useful to a person.
 *
 * @param kind        {@code fabric}, {@code move}, {@code stale}, {@code offsubnet}, {@code rapid} or {@code clear}
 * @param vnid        0 for fabric events
 * @param addr        "" for fabric events
 * @param node        the affected node, 0 when the finding has none (move, rapid) or for fabric events
 * @param description human-readable one-liner
 */
public record LiveEvent(String fabric, String kind, double ts, int vnid, String addr, int node, String description) {

    public static LiveEvent fabric(String fabric, FabricEvent event) {
        return new LiveEvent(fabric, "fabric", event.timestamp(), 0, "", 0, event.status() + ": " + event.description());
    }

    public String toJson() {
        return JsonSupport.JSON.createObjectBuilder().add("fabric", fabric).add("kind", kind).add("ts", ts).add("vnid", vnid)
                .add("addr", addr).add("node", node).add("description", description).build().toString();
    }

    /** Parses a published event; null when the message is not one. */
    public static LiveEvent fromJson(String json) {
        try (var reader = JsonSupport.JSON.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            return new LiveEvent(o.getString("fabric"), o.getString("kind"), o.getJsonNumber("ts").doubleValue(),
                    o.getInt("vnid", 0), o.getString("addr", ""), o.getInt("node", 0), o.getString("description", ""));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
