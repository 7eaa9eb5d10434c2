package io.ept.apic;

import io.ept.platform.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import jakarta.json.stream.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * Reads an envelope from a stream one object at a time: each object of {@code imdata} goes to {@code each} as soon
     * as it is parsed, so a page of 75,000 objects never exists as one JSON tree (nor its text as one string).
     * Returns the envelope's totalCount, or -1 when it has none. A failure to read the stream is an
     * {@link UncheckedIOException}; anything that is not an envelope a {@link MalformedApicPayloadException}.
     */
    public static long readImdata(InputStream in, Consumer<ApicMo> each) {
        try (JsonParser parser = JsonSupport.JSON.createParser(in)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new MalformedApicPayloadException("not a JSON object");
            }
            long total = -1;
            boolean imdata = false;
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if ("imdata".equals(key) && value == JsonParser.Event.START_ARRAY) {
                    imdata = true;
                    for (JsonParser.Event item = parser.next(); item != JsonParser.Event.END_ARRAY; item = parser.next()) {
                        if (item != JsonParser.Event.START_OBJECT) {
                            throw new MalformedApicPayloadException("imdata holds a " + item + ", not an object");
                        }
                        each.accept(mo(parser.getObject()));
                    }
                } else if ("totalCount".equals(key)) {
                    total = value == JsonParser.Event.VALUE_STRING ? totalCount(parser.getString())
                            : value == JsonParser.Event.VALUE_NUMBER ? parser.getLong() : -1;
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            if (!imdata) {
                throw new MalformedApicPayloadException("no imdata list in the envelope");
            }
            return total;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new MalformedApicPayloadException("malformed envelope: " + e.getMessage(), e);
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
        return count instanceof JsonString s ? totalCount(s.getString()) : -1;
    }

    private static long totalCount(String count) {
        try {
            return Long.parseLong(count);
        } catch (NumberFormatException e) {
            throw new MalformedApicPayloadException("totalCount is not a number: " + count);
        }
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
