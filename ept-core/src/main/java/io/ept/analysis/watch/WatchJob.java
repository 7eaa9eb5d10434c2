package io.ept.analysis.watch;

/**
 * Work sent from the analysis to the watcher (wire work types watch_move, watch_stale, watch_offsubnet,
 * watch_rapid, watch_node).
 */
public sealed interface WatchJob permits WatchMove, WatchNode, DelayedWatchJob {

    String fabric();

    /** Wire name of the work type. */
    String workType();
}
