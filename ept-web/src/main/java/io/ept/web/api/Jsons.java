package io.ept.web.api;

import static io.ept.platform.JsonSupport.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between JSON-P values and the plain maps/lists EPT's repositories use, through the one provider
 * ({@code Json.createValue} looked the provider up through the service loader for every value: four fifths of the
 * time of a large API read).
 */
public final class Jsons {

    private Jsons() {
    }

    public static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String s) {
            return JSON.createValue(s);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return JSON.createValue(n.doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((k, v) -> {
                if (!"_id".equals(k)) {
                    object.add(String.valueOf(k), toJson(v));
                }
            });
            return object.build();
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(v -> array.add(toJson(v)));
            return array.build();
        }
        return JSON.createValue(String.valueOf(value));
    }

    public static Map<String, Object> toMap(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((k, v) -> map.put(k, fromJson(v)));
        return map;
    }

    public static Object fromJson(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : (Object) ((JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case OBJECT -> toMap((JsonObject) value);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(fromJson(v)));
                yield list;
            }
        };
    }

    /** EPT 2.x read envelope: {@code {"count":N,"objects":[{"<class>":{...,"dn":"..."}}]}}. */
    public static JsonObject envelope(String className, List<? extends Map<String, Object>> objects, long count) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Map<String, Object> object : objects) {
            array.add(JSON.createObjectBuilder().add(className, toJson(object)));
        }
        return JSON.createObjectBuilder().add("count", count).add("objects", array).build();
    }

    public static JsonObject success() {
        return JSON.createObjectBuilder().add("success", true).build();
    }
}
