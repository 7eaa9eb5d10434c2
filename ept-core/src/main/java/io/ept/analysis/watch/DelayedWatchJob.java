package io.ept.analysis.watch;

import io.ept.analysis.model.Settings;

/**
 * A watch job executed after a transitory delay. A newer job with the same {@link #watchKey()} replaces the
 * pending one (its timer restarts).
 */
public sealed interface DelayedWatchJob extends WatchJob permits WatchStale, WatchOffsubnet, WatchRapid {

    /** "fabric,vnid,addr,node" for stale/offsubnet, "fabric,vnid,addr" for rapid. */
    String watchKey();

    /** Delay between receiving the job and executing it. */
    double delaySeconds(Settings settings);

    /** Execute time for a job received at {@code receivedAt} (epoch s). */
    default double executeAt(double receivedAt, Settings settings) {
        return receivedAt + delaySeconds(settings);
    }

    static String rapidKey(String fabric, int vnid, String addr) {
        return fabric + "," + vnid + "," + addr;
    }

    static String nodeKey(String fabric, int vnid, String addr, int node) {
        return fabric + "," + vnid + "," + addr + "," + node;
    }
}
