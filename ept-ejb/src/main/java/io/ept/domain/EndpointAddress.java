package io.ept.domain;

import io.ept.analysis.parse.IpAddresses;

import java.util.Locale;

/**
 * An endpoint address as a typed value: a MAC, IPv4 or IPv6 address, parsed strictly and re-rendered canonically
 * (MAC upper case with colons, as the APIC writes them; IPv4 dotted decimal; IPv6 in RFC 5952 form, lower case,
 * longest zero run compressed). Anything else (zone ids, prefixes, spaces, quotes, shell metacharacters) is
 * rejected, so the canonical text is safe to put in a query or a shell line.
 */
public final class EndpointAddress {

    public enum Kind { MAC, IPV4, IPV6 }

    /** Longest text accepted at all (the longest IPv6 literal with an embedded IPv4 quad is 45 characters). */
    public static final int MAX_LENGTH = 45;

    private final Kind kind;
    private final String text;

    private EndpointAddress(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    public Kind kind() {
        return kind;
    }

    /** The canonical text. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointAddress a && a.kind == kind && a.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    public boolean isMac() {
        return kind == Kind.MAC;
    }

    public boolean isIp() {
        return kind != Kind.MAC;
    }

    public boolean isIpv6() {
        return kind == Kind.IPV6;
    }

    @Override
    public String toString() {
        return text;
    }

    public static EndpointAddress parse(String value) {
        return parse("addr", value);
    }

    /** Parses {@code value}; an {@link InvalidValueException} naming {@code field} when it is not an address. */
    public static EndpointAddress parse(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(field, "an address is required (MAC, IPv4 or IPv6)");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(field, "too long for a MAC, IPv4 or IPv6 address (" + value.length()
                    + " characters, at most " + MAX_LENGTH + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                    || c == '.' || c == '-';
            if (!ok) {
                throw new InvalidValueException(field, "not a MAC, IPv4 or IPv6 address (character "
                        + describe(c) + " at position " + (i + 1) + ")");
            }
        }
        String mac = mac(value);
        if (mac != null) {
            return new EndpointAddress(Kind.MAC, mac);
        }
        byte[] ip = value.indexOf('-') >= 0 ? null : IpAddresses.parse(value);
        if (ip == null || (ip.length == 4 && !strictV4(value))) {
            throw new InvalidValueException(field, "not a MAC, IPv4 or IPv6 address");
        }
        return ip.length == 4 ? new EndpointAddress(Kind.IPV4, v4(ip, 0))
                : new EndpointAddress(Kind.IPV6, v6(ip));
    }

    /** True if {@code value} parses as an address (any of the three kinds). */
    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** "aa:bb:cc:dd:ee:ff" or "aa-bb-cc-dd-ee-ff" to "AA:BB:CC:DD:EE:FF"; null when not a MAC. */
    private static String mac(String value) {
        if (value.length() != 17) {
            return null;
        }
        char sep = value.charAt(2);
        if (sep != ':' && sep != '-') {
            return null;
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            char c = value.charAt(i);
            if (i % 3 == 2) {
                if (c != sep) {
                    return null;
                }
                out.append(':');
            } else {
                if (Character.digit(c, 16) < 0) {
                    return null;
                }
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }

    /** Dotted quad without leading zeros (010 is octal to some tools, decimal to others: refused). */
    private static boolean strictV4(String value) {
        for (String part : value.split("\\.", -1)) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }

    private static String v4(byte[] b, int offset) {
        return (b[offset] & 0xff) + "." + (b[offset + 1] & 0xff) + "." + (b[offset + 2] & 0xff) + "." + (b[offset + 3] & 0xff);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (of two or more) of zero groups as "::". */
    private static String v6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
