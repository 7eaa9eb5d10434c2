package io.ept.analysis.model;

/** One side (src or dst) of an ept.move record. */
public record MoveEvent(int node, double ts, int pctag, String encap, String intfId, String intfName,
                        String rwMac, int rwBd, String epgName, String vnidName) {

    public static MoveEvent of(EndpointEvent e) {
        return new MoveEvent(e.node(), e.ts(), e.pctag(), e.encap(), e.intfId(), e.intfName(), e.rwMac(), e.rwBd(),
                e.epgName(), e.vnidName());
    }

    /** Same six attributes that define a move (node, intf_id, pctag, encap, rw_mac, rw_bd). */
    public boolean sameLocation(MoveEvent o) {
        return node == o.node && pctag == o.pctag && encap.equals(o.encap) && intfId.equals(o.intfId)
                && rwMac.equals(o.rwMac) && rwBd == o.rwBd;
    }
}
