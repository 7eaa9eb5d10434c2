package io.ept.analysis.model;

/** One entry of ept.offsubnet.events; also the payload of a watch_offsubnet job. */
public record OffsubnetEvent(double ts, int pctag, String encap, String intfId, String intfName, String rwMac,
                             int rwBd, int remote, String epgName, String vnidName) {

    public static OffsubnetEvent of(double ts, HistoryEvent h) {
        return new OffsubnetEvent(ts, h.pctag(), h.encap(), h.intfId(), h.intfName(), h.rwMac(), h.rwBd(),
                h.remote(), h.epgName(), h.vnidName());
    }

    /** Same remote and pctag (the pctag drives epg/bd/subnets). */
    public boolean isDuplicateOf(OffsubnetEvent other) {
        return other != null && remote == other.remote && pctag == other.pctag;
    }
}
