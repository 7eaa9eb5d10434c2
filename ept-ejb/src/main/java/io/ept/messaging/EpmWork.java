package io.ept.messaging;

import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an {@link WorkTypes#EPM} message: one parsed epm event of a fabric, and the id of the initial build
 * it belongs to (the end-of-build barrier counts those). The subscriber parses every APIC object once (it needs the
 * endpoint key for the message group anyway); refresh, node-down and build deletes use the same format.
 */
public record EpmWork(String fabric, EpmEvent event, String build) {

    public String toJson() {
        JsonArrayBuilder flags = Json.createArrayBuilder();
        event.flags().forEach(flags::add);
        var body = Json.createObjectBuilder()
                .add("fabric", fabric)
                .add("class", event.epmClass().className())
                .add("ts", event.ts())
                .add("status", event.status().wireName())
                .add("flags", flags)
                .add("ifId", event.ifId())
                .add("pcTag", event.pcTag())
                .add("node", event.node())
                .add("vrf", event.vrf())
                .add("bd", event.bd())
                .add("encap", event.encap())
                .add("addr", event.addr())
                .add("ip", event.ip())
                .add("vnid", event.vnid())
                .add("force", event.force());
        if (build != null) {
            body.add("build", build);
        }
        return body.build().toString();
    }

    public WorkItem toWorkItem(int priority) {
        return new WorkItem(WorkTypes.EPM, event.key(fabric).groupKey(), priority, toJson());
    }

    public static EpmWork fromJson(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            List<String> flags = new ArrayList<>();
            for (JsonValue flag : json.getJsonArray("flags")) {
                flags.add(((JsonString) flag).getString());
            }
            EpmEvent event = new EpmEvent(EpmClass.fromClassName(json.getString("class")),
                    json.getJsonNumber("ts").doubleValue(), EventStatus.fromWireName(json.getString("status")),
                    flags, json.getString("ifId"), json.getInt("pcTag"), json.getInt("node"), json.getInt("vrf"),
                    json.getInt("bd"), json.getString("encap"), json.getString("addr"), json.getString("ip"),
                    json.getInt("vnid"), json.getBoolean("force"));
            return new EpmWork(json.getString("fabric"), event, json.getString("build", null));
        } catch (JsonException | NullPointerException | ClassCastException | IllegalArgumentException e) {
            throw new UnprocessableWorkException("malformed epm work: " + e.getMessage() + " in "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body), e);
        }
    }
}
