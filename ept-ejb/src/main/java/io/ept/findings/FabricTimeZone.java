package io.ept.findings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The fabric's time zone from its settings' {@code tz}: APIC's datetimeFormat names such as
 * "n300_America-Chicago" (offset prefix, '/' written as '-'), a plain zone id, or "" / "UTC".
 */
public final class FabricTimeZone {

    private FabricTimeZone() {
    }

    public static ZoneId of(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        String name = tz.trim().replaceFirst("^[np]\\d+_", "");
        ZoneId direct = tryZone(name);
        if (direct != null) {
            return direct;
        }
        // APIC writes the '/' separators as '-'; some city names keep a real '-' (America/Port-au-Prince)
        String[] parts = name.split("-");
        for (int separators = parts.length - 1; separators >= 1; separators--) {
            StringBuilder candidate = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                candidate.append(i <= separators ? '/' : '-').append(parts[i]);
            }
            ZoneId zone = tryZone(candidate.toString());
            if (zone != null) {
                return zone;
            }
        }
        return ZoneOffset.UTC;
    }

    private static ZoneId tryZone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
