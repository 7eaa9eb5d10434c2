package io.ept.findings;

/**
 * One finding as the watcher confirms it: what the suppression rules match on and what the finding log keeps.
 *
 * @param ts       seconds since the epoch (EPT's event time)
 * @param node     the node the finding is about; 0 for moves and rapid endpoints (endpoint-wide)
 * @param epg      EPG dn, "" when unknown
 * @param bd       BD dn, "" when unknown
 * @param vnidName VRF dn for IPs, BD dn for MACs
 * @param summary  the notification body text
 */
public record Finding(String fabric, FindingKind kind, double ts, int vnid, String addr, String type, int node,
                      String epg, String bd, String vnidName, String summary) {

    public Finding {
        epg = epg == null ? "" : epg;
        bd = bd == null ? "" : bd;
        vnidName = vnidName == null ? "" : vnidName;
        summary = summary == null ? "" : summary;
    }
}
