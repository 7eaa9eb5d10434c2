package io.ept.platform;

import jakarta.json.stream.JsonParser;
import org.bson.Document;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents as JMS message text (watcher messages): relaxed extended JSON, written and read directly for EPT's value
 * types (strings, 32/64-bit integers, doubles, booleans, nulls, documents, lists). The driver's {@code toJson} and
 * {@code Document.parse} go through its JSON writer and reader, which cost a sixth of the worker threads' time under
 * the event load (issue 16). The text is what {@link DirectDocumentCodec#toJson} writes, up to escaping, and both
 * directions read each other's text into equal documents ({@code DocumentJsonTest}), so messages queued by an
 * earlier version, or by a cluster node not yet upgraded, are read as before. Any other value type, and any other
 * extended-JSON key on reading, falls back to the driver.
 */
public final class DocumentJson {

    private static final String NUMBER_DOUBLE = "$numberDouble";
    private static final String NUMBER_LONG = "$numberLong";
    private static final String NUMBER_INT = "$numberInt";

    private DocumentJson() {
    }

    public static String write(Document document) {
        StringBuilder out = new StringBuilder(256);
        return appendDocument(out, document) ? out.toString() : DirectDocumentCodec.toJson(document);
    }

    /**
     * The document of a JSON object text, numbers typed as the driver types them: a literal with a fraction or an
     * exponent is a double, an integer an int when it fits, else a long (beyond a long: refused). A RuntimeException on malformed text.
     */
    public static Document read(String json) {
        try (JsonParser parser = JsonSupport.JSON.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Object value = readObject(parser);
            if (parser.hasNext()) {
                throw new IllegalArgumentException("text after the JSON object");
            }
            if (!(value instanceof Document d)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return d;
        } catch (OtherExtendedJson e) {
            return Document.parse(json);
        }
    }

    /** Signals an extended-JSON form this reader leaves to the driver. */
    private static final class OtherExtendedJson extends RuntimeException {
        OtherExtendedJson() {
            super(null, null, false, false);
        }
    }

    /** After START_OBJECT: the document, or the number an extended-JSON number object stands for. */
    private static Object readObject(JsonParser parser) {
        Document d = new Document();
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_OBJECT) {
                return d;
            }
            String key = parser.getString();
            if (key.startsWith("$")) {
                return extendedNumber(parser, key, d);
            }
            d.put(key, readValue(parser, parser.next()));
        }
    }

    private static Object extendedNumber(JsonParser parser, String key, Document soFar) {
        if (!soFar.isEmpty() || parser.next() != JsonParser.Event.VALUE_STRING) {
            throw new OtherExtendedJson();
        }
        String text = parser.getString();
        Object number = switch (key) {
            case NUMBER_DOUBLE -> Double.parseDouble(text);
            case NUMBER_LONG -> Long.parseLong(text);
            case NUMBER_INT -> Integer.parseInt(text);
            default -> throw new OtherExtendedJson();
        };
        if (parser.next() != JsonParser.Event.END_OBJECT) {
            throw new OtherExtendedJson();
        }
        return number;
    }

    private static List<Object> readArray(JsonParser parser) {
        List<Object> list = new ArrayList<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            list.add(readValue(parser, event));
        }
        return list;
    }

    private static Object readValue(JsonParser parser, JsonParser.Event event) {
        return switch (event) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER -> number(parser.getString());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected " + event);
        };
    }

    static Object number(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return Double.parseDouble(literal);
            }
        }
        // beyond 64 bits: refused, as the driver's parser does
        long value = Long.parseLong(literal);
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    /** False when a value is not one of the plain types (the caller then uses the driver's writer). */
    private static boolean appendDocument(StringBuilder out, Map<String, Object> document) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : document.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            appendString(out, e.getKey());
            out.append(": ");
            if (!appendValue(out, e.getValue())) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                out.append("{\"").append(NUMBER_DOUBLE).append("\": \"").append(d).append("\"}");
            } else {
                out.append(d.doubleValue());
            }
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Document d) {
            return appendDocument(out, d);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (!appendValue(out, list.get(i))) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    /** Quoted, with everything outside printable ASCII escaped (the text stays ASCII whatever carries it). */
    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        out.append("0".repeat(4 - hex.length())).append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
