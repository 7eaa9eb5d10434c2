package io.ept.web.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Set;
import java.util.TreeSet;

/** Checks of JSON request bodies: present, no unknown fields, fields of the right type; failures are 400s. */
final class Bodies {

    private Bodies() {
    }

    static JsonObject require(JsonObject body, Set<String> allowed) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        Set<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
        }
        return body;
    }

    static String string(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        if (!(value instanceof JsonString s)) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return s.getString();
    }
}
