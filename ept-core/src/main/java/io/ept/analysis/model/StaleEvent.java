package io.ept.analysis.model;

import java.util.List;

/** One entry of ept.stale.events; also the payload of a watch_stale job. */
public record StaleEvent(double ts, int remote, int expectedRemote, int pctag, String encap, String intfId,
                         String intfName, List<String> flags, String epgName, String vnidName) {

    public StaleEvent {
        flags = List.copyOf(flags);
    }

    public static StaleEvent of(int expectedRemote, double ts, HistoryEvent h) {
        return new StaleEvent(ts, h.remote(), expectedRemote, h.pctag(), h.encap(), h.intfId(), h.intfName(),
                h.flags(), h.epgName(), h.vnidName());
    }

    /** Logically the same stale state: same remote and expected remote. */
    public boolean isDuplicateOf(StaleEvent other) {
        return other != null && remote == other.remote && expectedRemote == other.expectedRemote;
    }
}
