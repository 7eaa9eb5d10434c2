package io.ept.findings;

import java.time.ZoneId;
import java.util.List;

/**
 * Decides whether a finding at time T is held by an acknowledgement, a snooze or a maintenance window of its
 * fabric. Pure: the rules are loaded by {@link FindingControls}. An explicit acknowledgement wins over a snooze,
 * a snooze over a window, so the log names the most specific reason.
 */
public final class SuppressionRules {

    public static final SuppressionRules NONE = new SuppressionRules(List.of(), List.of(), List.of(), java.time.ZoneOffset.UTC);

    private final List<Acknowledgement> acks;
    private final List<Snooze> snoozes;
    private final List<MaintenanceWindow> windows;
    private final ZoneId zone;

    public SuppressionRules(List<Acknowledgement> acks, List<Snooze> snoozes, List<MaintenanceWindow> windows, ZoneId zone) {
        this.acks = List.copyOf(acks);
        this.snoozes = List.copyOf(snoozes);
        this.windows = List.copyOf(windows);
        this.zone = zone;
    }

    public Suppression check(Finding finding, long nowMillis) {
        for (Acknowledgement a : acks) {
            if (a.covers(finding)) {
                return new Suppression(SuppressionState.ACKNOWLEDGED, a.id(), a.by(), a.atMillis(), a.comment());
            }
        }
        for (Snooze s : snoozes) {
            if (s.activeAt(nowMillis) && s.covers(finding)) {
                return new Suppression(SuppressionState.SNOOZED, s.id(), s.by(), s.atMillis(), s.comment());
            }
        }
        MaintenanceWindow w = activeWindow(nowMillis);
        if (w != null) {
            return new Suppression(SuppressionState.MAINTENANCE, w.id(), w.by(), w.atMillis(), w.description());
        }
        return Suppression.NONE;
    }

    /** The first window active at {@code nowMillis}, or null. */
    public MaintenanceWindow activeWindow(long nowMillis) {
        for (MaintenanceWindow w : windows) {
            if (w.activeAt(nowMillis, zone)) {
                return w;
            }
        }
        return null;
    }

    public ZoneId zone() {
        return zone;
    }
}
