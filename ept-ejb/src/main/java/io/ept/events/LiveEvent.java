package io.ept.events;

import io.ept.fabric.FabricEvent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.Objects;

/**
 * One entry of EPT's live event feed (Redis channel {@link LiveEvents#CHANNEL}): a fabric monitor event or a newly
 * recorded finding. Endpoint learns themselves are not published: they are too many to be useful to a person.
 * Mapped to and from JSON by JSON-B, field by field.
 *
 * @param kind        {@code fabric}, {@code move}, {@code stale}, {@code offsubnet}, {@code rapid} or {@code clear}
 * @param vnid        0 for fabric events
 * @param addr        "" for fabric events
 * @param node        the affected node, 0 when the finding has none (move, rapid) or for fabric events
 * @param description human-readable one-liner
 */
@JsonbPropertyOrder({"fabric", "kind", "ts", "vnid", "addr", "node", "description"})
public record LiveEvent(String fabric, String kind, Double ts, int vnid, String addr, int node, String description) {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** Fabric, kind and time are required (a message without them is not an event); absent text reads as "". */
    public LiveEvent {
        Objects.requireNonNull(fabric, "fabric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ts, "ts");
        addr = addr == null ? "" : addr;
        description = description == null ? "" : description;
    }

    public static LiveEvent fabric(String fabric, FabricEvent event) {
        return new LiveEvent(fabric, "fabric", event.timestamp(), 0, "", 0, event.status() + ": " + event.description());
    }

    public String toJson() {
        return JSONB.toJson(this);
    }

    /** Parses a published event; null when the message is not one (not JSON, or without fabric, kind or ts). */
    public static LiveEvent fromJson(String json) {
        try {
            return JSONB.fromJson(json, LiveEvent.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
