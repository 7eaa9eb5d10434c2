package io.ept.analysis.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.Settings;

/**
 * The endpoint became rapid. Carries vnid_name (the original did not, Q5) so notifications name the
 * VRF/BD. Re-checked after rapid_holdtime + 35 s when refresh_rapid is on.
 */
public record WatchRapid(String fabric, int vnid, String addr, EndpointType type, double ts, long count,
                         double rate, String vnidName) implements DelayedWatchJob {
    @Override
    public String workType() {
        return "watch_rapid";
    }

    @Override
    public String watchKey() {
        return DelayedWatchJob.rapidKey(fabric, vnid, addr);
    }

    @Override
    public double delaySeconds(Settings s) {
        return s.rapidHoldtime() + s.transitoryRapid();
    }
}
