package io.ept.analysis.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;

/** Node {@code node} looks stale for the endpoint; confirmed after 45 s (315 s when no local exists). */
public record WatchStale(String fabric, int node, int vnid, String addr, EndpointType type, double ts,
                         StaleEvent event) implements DelayedWatchJob {
    @Override
    public String workType() {
        return "watch_stale";
    }

    @Override
    public String watchKey() {
        return DelayedWatchJob.nodeKey(fabric, vnid, addr, node);
    }

    @Override
    public double delaySeconds(Settings s) {
        return event.expectedRemote() == 0 ? s.transitoryStaleNoLocal() : s.transitoryStale();
    }
}
