package io.ept.analysis.model;

/** One entry of ept.remediate.events; action is always "clear", reason stale/offsubnet/api. */
public record RemediateEvent(double ts, String vnidName, String action, String reason) {
    public static RemediateEvent clear(double ts, String vnidName, String reason) {
        return new RemediateEvent(ts, vnidName, "clear", reason);
    }
}
