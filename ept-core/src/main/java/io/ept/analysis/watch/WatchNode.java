package io.ept.analysis.watch;

/** A leaf left the active state: every non-deleted history row of the node gets delete events. */
public record WatchNode(String fabric, double ts, int node, String status) implements WatchJob {
    @Override
    public String workType() {
        return "watch_node";
    }
}
