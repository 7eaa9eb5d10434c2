package io.ept.findings;

/**
 * Why a finding is held: the state, the rule's id, who made the rule and when (epoch ms), and its comment or
 * description. {@link #NONE} for an open finding.
 */
public record Suppression(SuppressionState state, String ruleId, String by, long atMillis, String note) {

    public static final Suppression NONE = new Suppression(SuppressionState.OPEN, "", "", 0, "");

    public boolean suppressed() {
        return state != SuppressionState.OPEN;
    }
}
