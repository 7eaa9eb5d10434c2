package io.ept.findings;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A fabric's maintenance window: either one-off [startMillis, endMillis), or weekly on {@code days} from
 * {@code dailyStart} for {@code length} in the fabric's time zone (an occurrence may run past midnight; across a
 * daylight-saving change it keeps its wall-clock start and its length).
 */
public record MaintenanceWindow(String id, String description, long startMillis, long endMillis,
                                Set<DayOfWeek> days, LocalTime dailyStart, Duration length,
                                String by, long atMillis) {

    public MaintenanceWindow {
        days = days == null ? Set.of() : Set.copyOf(days);
        if (!days.isEmpty()) {
            if (dailyStart == null || length == null || length.isNegative() || length.isZero()
                    || length.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("a weekly window needs a start time and a length of more than 0 and at most 7 days");
            }
        } else if (endMillis <= startMillis) {
            throw new IllegalArgumentException("a maintenance window must end after it starts");
        }
    }

    public static MaintenanceWindow oneOff(String id, String description, long startMillis, long endMillis, String by,
                                           long atMillis) {
        return new MaintenanceWindow(id, description, startMillis, endMillis, Set.of(), null, null, by, atMillis);
    }

    public static MaintenanceWindow weekly(String id, String description, Set<DayOfWeek> days, LocalTime start,
                                           Duration length, String by, long atMillis) {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a weekly window needs at least one day");
        }
        return new MaintenanceWindow(id, description, 0, 0, days, start, length, by, atMillis);
    }

    public boolean isWeekly() {
        return !days.isEmpty();
    }

    /** True when {@code millis} lies inside the window (for a weekly one, inside one of its occurrences in {@code zone}). */
    public boolean activeAt(long millis, ZoneId zone) {
        if (!isWeekly()) {
            return millis >= startMillis && millis < endMillis;
        }
        return currentOccurrenceEnd(millis, zone) != null;
    }

    /** End of the occurrence that contains {@code millis}, or null when outside the window. */
    public Instant currentOccurrenceEnd(long millis, ZoneId zone) {
        if (!isWeekly()) {
            return activeAt(millis, zone) ? Instant.ofEpochMilli(endMillis) : null;
        }
        Instant t = Instant.ofEpochMilli(millis);
        LocalDate today = t.atZone(zone).toLocalDate();
        // an occurrence that started up to 7 days ago (plus one for the zone's offset change) may still run
        for (int back = 0; back <= 8; back++) {
            LocalDate day = today.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime start = ZonedDateTime.of(day, dailyStart, zone);
            Instant end = start.toInstant().plus(length);
            if (!t.isBefore(start.toInstant()) && t.isBefore(end)) {
                return end;
            }
        }
        return null;
    }
}
