package io.ept.findings;

import java.util.Arrays;
import java.util.Locale;

/** What a snooze silences: one endpoint, everything in an EPG or a BD, or every IP inside a subnet. */
public enum SnoozeScope {
    ENDPOINT, EPG, BD, SUBNET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnoozeScope of(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName().equalsIgnoreCase(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scope must be one of endpoint, epg, bd, subnet; got '"
                        + wireName + "'"));
    }
}
