package io.ept.findings;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionRulesTest {

    private static final String EPG = "uni/tn-tn1/ap-app1/epg-web";
    private static final String BD = "uni/tn-tn1/BD-bd1";
    private static final long T = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli(); // a Wednesday

    private static Finding stale(String addr, int node) {
        return new Finding("fab", FindingKind.STALE, T / 1000.0, 2818048, addr, "ipv4", node, EPG, BD,
                "uni/tn-tn1/ctx-vrf1", "stale event");
    }

    private static SuppressionRules rules(List<Acknowledgement> acks, List<Snooze> snoozes, List<MaintenanceWindow> windows) {
        return new SuppressionRules(acks, snoozes, windows, ZoneOffset.UTC);
    }

    private static Snooze snooze(SnoozeScope scope, int vnid, String target, long from, long until) {
        return new Snooze("s1", scope, vnid, target, from, until, "ops", from, "until friday");
    }

    @Test
    void nothingConfiguredLeavesTheFindingOpen() {
        Suppression s = SuppressionRules.NONE.check(stale("10.1.1.1", 101), T);
        assertFalse(s.suppressed());
        assertEquals(SuppressionState.OPEN, s.state());
    }

    @Test
    void acknowledgementCoversTheSameKindEndpointAndNodeOnly() {
        Acknowledgement ack = new Acknowledgement("a1", FindingKind.STALE, 2818048, "10.1.1.1", 101, "alice", T - 5, "on it");
        SuppressionRules r = rules(List.of(ack), List.of(), List.of());
        Suppression s = r.check(stale("10.1.1.1", 101), T);
        assertEquals(SuppressionState.ACKNOWLEDGED, s.state());
        assertEquals("alice", s.by());
        assertEquals("a1", s.ruleId());
        assertEquals("on it", s.note());
        assertFalse(r.check(stale("10.1.1.1", 102), T).suppressed(), "another node is another finding");
        assertFalse(r.check(stale("10.1.1.2", 101), T).suppressed());
        Finding offsubnet = new Finding("fab", FindingKind.OFFSUBNET, 0, 2818048, "10.1.1.1", "ipv4", 101, EPG, BD, "", "");
        assertFalse(r.check(offsubnet, T).suppressed(), "another kind is another finding");
        assertTrue(r.check(stale("10.1.1.1", 101), T + Duration.ofDays(365).toMillis()).suppressed(), "until withdrawn");
    }

    @Test
    void snoozeOfAnEndpointHoldsOnlyWhileItLastsAndMatchesVnidWhenGiven() {
        SuppressionRules r = rules(List.of(), List.of(snooze(SnoozeScope.ENDPOINT, 2818048, "10.1.1.1", T, T + 60_000)), List.of());
        assertEquals(SuppressionState.SNOOZED, r.check(stale("10.1.1.1", 101), T).state());
        assertEquals(SuppressionState.SNOOZED, r.check(stale("10.1.1.1", 101), T + 59_999).state());
        assertFalse(r.check(stale("10.1.1.1", 101), T + 60_000).suppressed(), "end is exclusive");
        assertFalse(r.check(stale("10.1.1.1", 101), T - 1).suppressed(), "not before it starts");
        SuppressionRules otherVrf = rules(List.of(), List.of(snooze(SnoozeScope.ENDPOINT, 999, "10.1.1.1", T, T + 60_000)), List.of());
        assertFalse(otherVrf.check(stale("10.1.1.1", 101), T).suppressed());
        SuppressionRules anyVrf = rules(List.of(), List.of(snooze(SnoozeScope.ENDPOINT, 0, "10.1.1.1", T, T + 60_000)), List.of());
        assertTrue(anyVrf.check(stale("10.1.1.1", 101), T).suppressed());
    }

    @Test
    void snoozeOfAnEpgABdOrASubnetCoversEverythingInside() {
        long until = T + 3_600_000;
        assertTrue(rules(List.of(), List.of(snooze(SnoozeScope.EPG, 0, EPG, T, until)), List.of())
                .check(stale("10.9.9.9", 103), T).suppressed());
        assertFalse(rules(List.of(), List.of(snooze(SnoozeScope.EPG, 0, EPG + "x", T, until)), List.of())
                .check(stale("10.9.9.9", 103), T).suppressed());
        assertTrue(rules(List.of(), List.of(snooze(SnoozeScope.BD, 0, BD, T, until)), List.of())
                .check(stale("10.9.9.9", 103), T).suppressed());
        SuppressionRules subnet = rules(List.of(), List.of(snooze(SnoozeScope.SUBNET, 0, "10.1.0.0/16", T, until)), List.of());
        assertTrue(subnet.check(stale("10.1.200.7", 101), T).suppressed());
        assertFalse(subnet.check(stale("10.2.0.1", 101), T).suppressed());
        Finding mac = new Finding("fab", FindingKind.MOVE, 0, 1, "00:00:5E:00:53:01", "mac", 0, EPG, BD, BD, "");
        assertFalse(subnet.check(mac, T).suppressed(), "a MAC is in no subnet");
        SuppressionRules v6 = rules(List.of(), List.of(snooze(SnoozeScope.SUBNET, 0, "2001:db8::/32", T, until)), List.of());
        assertTrue(v6.check(stale("2001:db8:1::5", 101), T).suppressed());
        assertFalse(v6.check(stale("10.1.1.1", 101), T).suppressed(), "families must match");
    }

    @Test
    void findingWithoutEpgOrBdIsNotCoveredByAnEmptyTarget() {
        Finding rapid = new Finding("fab", FindingKind.RAPID, 0, 1, "10.1.1.1", "ipv4", 0, "", "", "", "");
        assertFalse(rules(List.of(), List.of(snooze(SnoozeScope.EPG, 0, "", T, T + 1000)), List.of()).check(rapid, T).suppressed());
    }

    @Test
    void badSnoozesAndWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> snooze(SnoozeScope.ENDPOINT, 0, "a", T, T));
        assertThrows(IllegalArgumentException.class, () -> snooze(SnoozeScope.SUBNET, 0, "10.1.0.0", T, T + 1));
        assertThrows(IllegalArgumentException.class, () -> snooze(SnoozeScope.SUBNET, 0, "10.1.0.0/33", T, T + 1));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.oneOff("w", "", T, T - 1, "ops", T));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.weekly("w", "", Set.of(), LocalTime.NOON, Duration.ofHours(1), "ops", T));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.weekly("w", "", Set.of(DayOfWeek.MONDAY), LocalTime.NOON, Duration.ofDays(8), "ops", T));
    }

    @Test
    void oneOffWindowHoldsEveryFindingOfTheFabricInsideItsInterval() {
        MaintenanceWindow w = MaintenanceWindow.oneOff("w1", "leaf upgrade", T, T + 7_200_000, "ops", T - 1000);
        SuppressionRules r = rules(List.of(), List.of(), List.of(w));
        Suppression s = r.check(stale("10.1.1.1", 101), T + 1000);
        assertEquals(SuppressionState.MAINTENANCE, s.state());
        assertEquals("leaf upgrade", s.note());
        assertFalse(r.check(stale("10.1.1.1", 101), T + 7_200_000).suppressed());
        assertNull(r.activeWindow(T - 1));
    }

    @Test
    void weeklyWindowFollowsTheFabricTimeZoneAndMayCrossMidnight() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        // Saturdays 22:00 Chicago time for 4 hours
        MaintenanceWindow w = MaintenanceWindow.weekly("w2", "weekly", Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0),
                Duration.ofHours(4), "ops", T);
        long satLate = Instant.parse("2026-12-06T04:30:00Z").toEpochMilli(); // Sat 22:30 CST (UTC-6)
        long sunEarly = Instant.parse("2026-12-06T07:59:00Z").toEpochMilli(); // Sun 01:59 CST
        long sunAfter = Instant.parse("2026-12-06T08:00:00Z").toEpochMilli(); // Sun 02:00 CST
        long satBefore = Instant.parse("2026-12-06T03:59:00Z").toEpochMilli(); // Sat 21:59 CST
        assertTrue(w.activeAt(satLate, chicago));
        assertTrue(w.activeAt(sunEarly, chicago), "an occurrence runs past midnight");
        assertFalse(w.activeAt(sunAfter, chicago));
        assertFalse(w.activeAt(satBefore, chicago));
        assertFalse(w.activeAt(satLate, ZoneOffset.UTC), "the same instant is Sunday 04:30 in UTC");
        assertEquals(Instant.parse("2026-12-06T08:00:00Z"), w.currentOccurrenceEnd(satLate, chicago));
        SuppressionRules r = new SuppressionRules(List.of(), List.of(), List.of(w), chicago);
        assertEquals(SuppressionState.MAINTENANCE, r.check(stale("10.1.1.1", 101), satLate).state());
    }

    @Test
    void weeklyWindowKeepsItsWallClockStartAcrossDaylightSaving() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        MaintenanceWindow w = MaintenanceWindow.weekly("w3", "", Set.of(DayOfWeek.SUNDAY), LocalTime.of(3, 0),
                Duration.ofHours(1), "ops", T);
        // 2026-03-08: clocks go forward at 02:00 in Chicago (CST -> CDT, UTC-5)
        assertTrue(w.activeAt(Instant.parse("2026-03-08T08:30:00Z").toEpochMilli(), chicago)); // 03:30 CDT
        assertFalse(w.activeAt(Instant.parse("2026-03-08T09:30:00Z").toEpochMilli(), chicago)); // 04:30 CDT
        assertTrue(w.activeAt(Instant.parse("2026-03-01T09:30:00Z").toEpochMilli(), chicago)); // 03:30 CST a week before
    }

    @Test
    void weeklyWindowOfSevenDaysIsAlwaysActive() {
        MaintenanceWindow w = MaintenanceWindow.weekly("w4", "", Set.of(DayOfWeek.MONDAY), LocalTime.MIDNIGHT,
                Duration.ofDays(7), "ops", T);
        for (int h = 0; h < 24 * 7; h += 5) {
            assertTrue(w.activeAt(T + h * 3_600_000L, ZoneOffset.UTC), "hour " + h);
        }
    }

    @Test
    void acknowledgementWinsOverSnoozeAndSnoozeOverWindow() {
        Acknowledgement ack = new Acknowledgement("a1", FindingKind.STALE, 2818048, "10.1.1.1", 101, "alice", T, "");
        Snooze snooze = snooze(SnoozeScope.EPG, 0, EPG, T, T + 60_000);
        MaintenanceWindow w = MaintenanceWindow.oneOff("w1", "", T, T + 60_000, "ops", T);
        SuppressionRules r = rules(List.of(ack), List.of(snooze), List.of(w));
        assertEquals(SuppressionState.ACKNOWLEDGED, r.check(stale("10.1.1.1", 101), T).state());
        assertEquals(SuppressionState.SNOOZED, r.check(stale("10.1.1.1", 102), T).state());
        Finding outside = new Finding("fab", FindingKind.RAPID, 0, 5, "10.7.7.7", "ipv4", 0, "", "", "", "");
        assertEquals(SuppressionState.MAINTENANCE, r.check(outside, T).state());
    }

    @Test
    void fabricTimeZoneReadsApicNamesAndFallsBackToUtc() {
        assertEquals(ZoneId.of("America/Chicago"), FabricTimeZone.of("n300_America-Chicago"));
        assertEquals(ZoneId.of("America/Port-au-Prince"), FabricTimeZone.of("n300_America-Port-au-Prince"));
        assertEquals(ZoneId.of("America/Argentina/Buenos_Aires"), FabricTimeZone.of("n180_America-Argentina-Buenos_Aires"));
        assertEquals(ZoneId.of("Europe/Paris"), FabricTimeZone.of("Europe/Paris"));
        assertEquals(ZoneId.of("UTC"), FabricTimeZone.of("UTC"));
        assertEquals(ZoneOffset.UTC, FabricTimeZone.of(""));
        assertEquals(ZoneOffset.UTC, FabricTimeZone.of("p0_Nowhere-Atall"));
    }
}
