package io.ept.findings;

import java.util.Locale;

/** Where a finding stands in the workflow: open (notified and published) or held by one rule. */
public enum SuppressionState {
    OPEN, ACKNOWLEDGED, SNOOZED, MAINTENANCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SuppressionState of(String wireName) {
        for (SuppressionState s : values()) {
            if (s.wireName().equalsIgnoreCase(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state must be one of open, acknowledged, snoozed, maintenance; got '" + wireName + "'");
    }
}
