package io.ept.domain;

import java.util.regex.Pattern;

/**
 * What may reach a shell line on the APIC or a leaf: values checked against strict patterns, then single-quoted
 * as a second layer. Everything here throws {@link InvalidValueException} naming the field instead of passing a
 * doubtful value on.
 */
public final class ShellWords {

    /** An ACI object name (tenant, VRF, BD...): the APIC's own name rule, 1-64 of [A-Za-z0-9_.:-]. */
    public static final Pattern ACI_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    /**
     * The VRF key of {@code clear system internal epm endpoint key vrf}: "tenant:vrf" (two ACI names, each 1-64
     * characters of [A-Za-z0-9_.-]) or "overlay-1".
     */
    public static final Pattern VRF_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}(:[A-Za-z0-9_.-]{1,64})?");
    /** SSH user names, with the APIC's login-domain forms ("apic#domain\\user"). */
    public static final Pattern SSH_USER = Pattern.compile("[A-Za-z0-9_.@#\\\\-]{1,128}");
    /** Dn of an epm object's parent as moquery prints it (no quotes, spaces or shell metacharacters). */
    public static final Pattern DN = Pattern.compile("[A-Za-z0-9_.:/\\[\\]-]{1,512}");
    /** A PI VLAN id (moquery "id : 23"). */
    public static final Pattern VLAN_ID = Pattern.compile("[0-9]{1,5}");

    private ShellWords() {
    }

    /**
     * POSIX single quoting: the whole text in '...', each ' as '"'"'. Control characters (newline, carriage
     * return, NUL, escape...) cannot be made harmless on an interactive line, so they are refused.
     */
    public static String quote(String text) {
        if (text == null) {
            throw new InvalidValueException("shell word", "missing");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidValueException("shell word", String.format("control character U+%04X refused", (int) c));
            }
        }
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }

    public static String require(String field, Pattern pattern, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidValueException(field, "'" + FabricIds.abbreviate(value == null ? "" : value)
                    + "' does not match " + pattern.pattern());
        }
        return value;
    }

    /** A TEP address: an IPv4 address in canonical form. */
    public static String tep(String field, String value) {
        EndpointAddress a;
        try {
            a = EndpointAddress.parse(field, value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, "not an IPv4 TEP address");
        }
        if (a.kind() != EndpointAddress.Kind.IPV4) {
            throw new InvalidValueException(field, "not an IPv4 TEP address");
        }
        return a.text();
    }
}
