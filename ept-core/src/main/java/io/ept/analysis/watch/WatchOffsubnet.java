package io.ept.analysis.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.Settings;

/** Node {@code node} learned the IP outside its BD's subnets; confirmed after 10 s. */
public record WatchOffsubnet(String fabric, int node, int vnid, String addr, EndpointType type, double ts,
                             OffsubnetEvent event) implements DelayedWatchJob {
    @Override
    public String workType() {
        return "watch_offsubnet";
    }

    @Override
    public String watchKey() {
        return DelayedWatchJob.nodeKey(fabric, vnid, addr, node);
    }

    @Override
    public double delaySeconds(Settings s) {
        return s.transitoryOffsubnet();
    }
}
