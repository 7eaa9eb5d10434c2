package io.ept.fabric.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of one object class (fabric, settings...): validates and normalises API input and supplies the
 * defaults of a new object. Pure Java so the rules are unit-tested without a server.
 */
public final class ObjectSchema {

    private final String className;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    public ObjectSchema(String className, List<Attribute> attributes) {
        this.className = className;
        for (Attribute attribute : attributes) {
            this.attributes.put(attribute.name(), attribute);
        }
    }

    public String className() {
        return className;
    }

    public Collection<Attribute> attributes() {
        return attributes.values();
    }

    public Attribute attribute(String name) {
        return attributes.get(name);
    }

    /** Every attribute with its default value. */
    public Map<String, Object> defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : attributes.values()) {
            values.put(attribute.name(), attribute.defaultValue());
        }
        return values;
    }

    /**
     * Checks values sent by a client. Unknown attributes, read-only attributes (other than the given keys), wrong
     * types, out-of-range numbers and values not matching their pattern are rejected with a message naming the
     * attribute; numbers are normalised (an integer attribute given 5.0 becomes 5).
     *
     * @param allowedKeys attributes the client may send even though they are read-only (the object's key on create)
     */
    public Map<String, Object> validateInput(Map<String, ?> input, Collection<String> allowedKeys) {
        Map<String, Object> clean = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : input.entrySet()) {
            String name = entry.getKey();
            Attribute attribute = attributes.get(name);
            if (attribute == null || attribute.hidden()) {
                throw new ValidationException("unknown attribute '" + name + "' for " + className);
            }
            if (attribute.readOnly() && !allowedKeys.contains(name)) {
                throw new ValidationException("attribute '" + name + "' of " + className + " is read-only");
            }
            clean.put(name, validateValue(attribute, entry.getValue()));
        }
        return clean;
    }

    private Object validateValue(Attribute attribute, Object value) {
        String name = attribute.name();
        if (value == null) {
            throw new ValidationException("attribute '" + name + "' must not be null");
        }
        switch (attribute.type()) {
            case STRING -> {
                if (!(value instanceof String s)) {
                    throw new ValidationException("attribute '" + name + "' must be a string");
                }
                if (attribute.pattern() != null && !attribute.pattern().matcher(s).matches()) {
                    throw new ValidationException("attribute '" + name + "' value '" + abbreviate(attribute, s)
                            + "' does not match " + attribute.pattern().pattern());
                }
                if (!attribute.allowed().isEmpty() && !attribute.allowed().contains(s)) {
                    throw new ValidationException("attribute '" + name + "' must be one of " + attribute.allowed());
                }
                if (attribute.max() != null && s.length() > attribute.max()) {
                    throw new ValidationException("attribute '" + name + "' is longer than " + attribute.max());
                }
                return s;
            }
            case INTEGER -> {
                long number = integral(name, value);
                if (attribute.min() != null && number < attribute.min()
                        || attribute.max() != null && number > attribute.max()) {
                    throw new ValidationException("attribute '" + name + "' must be between " + attribute.min()
                            + " and " + attribute.max() + ", got " + number);
                }
                return number;
            }
            case FLOAT -> {
                if (!(value instanceof Number n)) {
                    throw new ValidationException("attribute '" + name + "' must be a number");
                }
                return n.doubleValue();
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw new ValidationException("attribute '" + name + "' must be true or false");
                }
                return b;
            }
            case LIST -> {
                if (!(value instanceof List<?> list)) {
                    throw new ValidationException("attribute '" + name + "' must be a list");
                }
                return List.copyOf(list);
            }
            default -> throw new IllegalStateException("unhandled type " + attribute.type());
        }
    }

    private static long integral(String name, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return (long) d;
            }
        }
        throw new ValidationException("attribute '" + name + "' must be an integer");
    }

    private static String abbreviate(Attribute attribute, String value) {
        if (attribute.secret()) {
            return "***";
        }
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
