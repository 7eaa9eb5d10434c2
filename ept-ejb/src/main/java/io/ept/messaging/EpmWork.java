package io.ept.messaging;

import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;
import io.ept.platform.JsonSupport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed epm event of a fabric and the id of the initial build it belongs to (the end-of-build barrier counts
 * those), as queued by the subscriber, a refresh or the watcher's node-down; sent to the workers in
 * {@link EpmBatch}es. Also the body of the single-event {@link WorkTypes#EPM} message of earlier versions.
 */
public record EpmWork(String fabric, EpmEvent event, String build) {

    public String toJson() {
        JsonArrayBuilder flags = JsonSupport.JSON.createArrayBuilder();
        event.flags().forEach(flags::add);
        var body = JsonSupport.JSON.createObjectBuilder()
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
        if (event.synthetic()) {
            body.add("synthetic", true);
        }
        if (build != null) {
            body.add("build", build);
        }
        return body.build().toString();
    }

    public static EpmWork fromJson(String body) {
        try (var reader = JsonSupport.JSON.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            List<String> flags = new ArrayList<>();
            for (JsonValue flag : json.getJsonArray("flags")) {
                flags.add(((JsonString) flag).getString());
            }
            EpmEvent event = new EpmEvent(EpmClass.fromClassName(json.getString("class")),
                    json.getJsonNumber("ts").doubleValue(), EventStatus.fromWireName(json.getString("status")),
                    flags, json.getString("ifId"), json.getInt("pcTag"), json.getInt("node"), json.getInt("vrf"),
                    json.getInt("bd"), json.getString("encap"), json.getString("addr"), json.getString("ip"),
                    json.getInt("vnid"), json.getBoolean("force"), json.getBoolean("synthetic", false));
            return new EpmWork(json.getString("fabric"), event, json.getString("build", null));
        } catch (JsonException | NullPointerException | ClassCastException | IllegalArgumentException e) {
            throw new UnprocessableWorkException("malformed epm work: " + e.getMessage() + " in "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body), e);
        }
    }
}
