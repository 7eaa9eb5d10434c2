package io.ept.domain;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

import java.math.BigDecimal;

/**
 * The integer identifiers of a fabric, checked at the boundary (API, UI, values read from the APIC):
 * <ul>
 * <li>vnid: a VXLAN network identifier is 24 bits, 0..16777215 (2^24-1); the APIC's own vnids (BD/VRF scopes,
 *     overlay-1's 16777199, the infra BD 16777209) all fit;</li>
 * <li>node id: ACI node ids are 1..16000 (controllers from 1, switches from 101; the largest id the APIC
 *     accepts for a remote leaf or spine is 16000);</li>
 * <li>leaf to clear: 101..4096, the range the reference (3.10 and section 6) allows in the clear dialog;</li>
 * <li>pod id: 1..255 (the APIC's pod ids are 1..254 in practice; 255 keeps one spare and fits a byte).</li>
 * </ul>
 * Text is decimal digits only (no sign, no spaces, no exponent, at most 10 digits before the range check), so
 * "-1", "99999999999", "1e3" or "101;id" never become a number.
 */
public final class FabricIds {

    public static final int VNID_MAX = (1 << 24) - 1;
    public static final int NODE_MIN = 1;
    public static final int NODE_MAX = 16000;
    public static final int LEAF_MIN = 101;
    public static final int LEAF_MAX = 4096;
    public static final int POD_MIN = 1;
    public static final int POD_MAX = 255;

    private FabricIds() {
    }

    public static int vnid(String text) {
        return parse("vnid", text, 0, VNID_MAX);
    }

    public static int vnid(long value) {
        return check("vnid", value, 0, VNID_MAX);
    }

    public static int node(String text) {
        return parse("node", text, NODE_MIN, NODE_MAX);
    }

    public static int node(long value) {
        return check("node", value, NODE_MIN, NODE_MAX);
    }

    public static int pod(String text) {
        return parse("pod", text, POD_MIN, POD_MAX);
    }

    public static int pod(long value) {
        return check("pod", value, POD_MIN, POD_MAX);
    }

    /** A leaf node id to clear an endpoint on (101..4096). */
    public static int leaf(String field, long value) {
        return check(field, value, LEAF_MIN, LEAF_MAX);
    }

    /** An integral JSON number in range; strings, fractions, booleans and huge numbers are refused. */
    public static int leaf(String field, JsonValue value) {
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidValueException(field, "node ids must be integers " + LEAF_MIN + "-" + LEAF_MAX + ", got a "
                    + (value == null ? "null" : value.getValueType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.scale() > 0 && decimal.stripTrailingZeros().scale() > 0) {
            throw new InvalidValueException(field, "node ids must be integers " + LEAF_MIN + "-" + LEAF_MAX + ", got " + number);
        }
        if (decimal.compareTo(BigDecimal.valueOf(LEAF_MIN)) < 0 || decimal.compareTo(BigDecimal.valueOf(LEAF_MAX)) > 0) {
            throw new InvalidValueException(field, "node ids must be integers " + LEAF_MIN + "-" + LEAF_MAX + ", got "
                    + abbreviate(number.toString()));
        }
        return decimal.intValueExact();
    }

    static int parse(String field, String text, int min, int max) {
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(field, "an integer " + min + "-" + max + " is required");
        }
        if (text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException(field, "must be an integer " + min + "-" + max + ", got '" + abbreviate(text) + "'");
        }
        return check(field, Long.parseLong(text), min, max);
    }

    static int check(String field, long value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be an integer " + min + "-" + max + ", got " + value);
        }
        return (int) value;
    }

    /** Echoes at most 24 printable characters of a bad value (control characters as '?'). */
    static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 24; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 24 ? out + "..." : out.toString();
    }
}
