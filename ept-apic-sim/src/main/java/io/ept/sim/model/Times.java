package io.ept.sim.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** APIC timestamp format: ISO-8601 with milliseconds and offset, e.g. 2024-05-14T10:21:33.512+00:00. */
public final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private Times() {}

    public static String now() { return OffsetDateTime.now(ZoneOffset.UTC).format(FORMAT); }
}
