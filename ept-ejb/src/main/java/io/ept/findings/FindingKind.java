package io.ept.findings;

import java.util.Arrays;
import java.util.Locale;

/** What a finding is about; the wire name is used in the API, the finding log and published messages. */
public enum FindingKind {
    MOVE, STALE, OFFSUBNET, RAPID, CLEAR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FindingKind of(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName().equalsIgnoreCase(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kind must be one of move, stale, offsubnet, rapid, clear; got '"
                        + wireName + "'"));
    }
}
