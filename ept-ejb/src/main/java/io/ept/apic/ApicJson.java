package io.ept.apic;

import io.ept.platform.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses APIC envelopes ({@code {"totalCount":"N","imdata":[...]}}) and websocket frames into {@link ApicMo}s. */
public final class ApicJson {

    private ApicJson() {
    }

    public static JsonObject parse(String body) {
        try (var reader = JsonSupport.JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedApicPayloadException("not a JSON object: " + abbreviate(body), e);
        }
    }

    public static List<ApicMo> imdata(JsonObject envelope) {
        JsonValue imdata = envelope.get("imdata");
        if (!(imdata instanceof JsonArray array)) {
            throw new MalformedApicPayloadException("no imdata list in " + abbreviate(envelope.toString()));
        }
        List<ApicMo> mos = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            mos.add(mo(value));
        }
        return mos;
    }

    public static long totalCount(JsonObject envelope) {
        JsonValue count = envelope.get("totalCount");
        if (count instanceof JsonString s) {
            try {
                return Long.parseLong(s.getString());
            } catch (NumberFormatException e) {
                throw new MalformedApicPayloadException("totalCount is not a number: " + s.getString());
            }
        }
        return -1;
    }

    /** The APIC error object of an envelope ({@code {"error":{"attributes":{"code","text"}}}}), or null. */
    public static String errorText(JsonObject envelope) {
        try {
            for (ApicMo mo : imdata(envelope)) {
                if ("error".equals(mo.className())) {
                    return mo.attr("text");
                }
            }
        } catch (MalformedApicPayloadException ignored) {
            // no usable error object
        }
        return null;
    }

    public static ApicMo mo(JsonValue value) {
        if (!(value instanceof JsonObject wrapper) || wrapper.size() != 1) {
            throw new MalformedApicPayloadException("expected {\"<class>\":{...}}, got " + abbreviate(String.valueOf(value)));
        }
        Map.Entry<String, JsonValue> entry = wrapper.entrySet().iterator().next();
        if (!(entry.getValue() instanceof JsonObject body)) {
            throw new MalformedApicPayloadException("object of class " + entry.getKey() + " is not a JSON object");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonValue attrs = body.get("attributes");
        if (attrs instanceof JsonObject attrObject) {
            for (Map.Entry<String, JsonValue> a : attrObject.entrySet()) {
                JsonValue v = a.getValue();
                attributes.put(a.getKey().intern(), shared(v instanceof JsonString s ? s.getString() : v.toString()));
            }
        } else if (attrs != null) {
            throw new MalformedApicPayloadException("attributes of " + entry.getKey() + " is not an object");
        }
        List<ApicMo> children = new ArrayList<>();
        JsonValue kids = body.get("children");
        if (kids instanceof JsonArray kidArray) {
            for (JsonValue kid : kidArray) {
                children.add(mo(kid));
            }
        }
        return new ApicMo(entry.getKey().intern(), attributes, children);
    }

    /**
     * Short attribute values ("up", "physical", "0", "yes"...) repeat across hundreds of thousands of objects of a
     * large fabric, which the monitor keeps in memory: one shared copy each. Long values (dns, addresses, times) are
     * mostly unique and kept as they are.
     */
    private static String shared(String value) {
        return value.length() <= SHARED_VALUE_LENGTH ? value.intern() : value;
    }

    private static final int SHARED_VALUE_LENGTH = 12;

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
