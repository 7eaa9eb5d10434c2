package io.ept.sim.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses epm dns (all forms of apic-api.md 4.1, topology-prefixed or leaf-local inner rs dn). */
public final class EpmDn {
    private static final Pattern DN = Pattern.compile(
            "^topology/pod-(\\d+)/node-(\\d+)/sys/(?:ctx-\\[vxlan-(\\d+)\\]|inst-overlay-1)"
                    + "(?:/bd-\\[vxlan-(\\d+)\\])?(?:/(?:vlan|vxlan)-\\[((?:vlan|vxlan)-\\d+)\\])?/db-ep/"
                    + "(?:mac-([0-9A-Fa-f:.]+)(?:/rsmacEpToIpEpAtt-\\[.*ip-\\[([^\\]]+)\\]\\])?|ip-\\[([^\\]]+)\\])$");

    public final byte kind;
    public final int pod;
    public final int node;
    public final int vrf;
    public final int bd;
    public final String encap;
    public final String addr;
    public final String ip;

    private EpmDn(byte kind, int pod, int node, int vrf, int bd, String encap, String addr, String ip) {
        this.kind = kind; this.pod = pod; this.node = node; this.vrf = vrf; this.bd = bd;
        this.encap = encap; this.addr = addr; this.ip = ip;
    }

    /** Parsed dn, or null when it is not an epm entry dn. */
    public static EpmDn parse(String dn) {
        Matcher m = DN.matcher(dn);
        if (!m.matches()) return null;
        int vrf = m.group(3) == null ? EpmRecord.OVERLAY_VRF : Integer.parseInt(m.group(3));
        int bd = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        byte kind;
        String addr;
        String ip = null;
        if (m.group(6) != null) {
            addr = m.group(6);
            if (m.group(7) != null) { kind = EpmRecord.RS; ip = m.group(7); } else kind = EpmRecord.MAC;
        } else { kind = EpmRecord.IP; addr = m.group(8); }
        return new EpmDn(kind, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), vrf, bd, m.group(5), addr, ip);
    }

    public EpmRecord toRecord(String flags, String ifId, String pcTag, String createTs) {
        return new EpmRecord(kind, pod, node, vrf, bd, encap, addr, ip, flags, ifId, pcTag, createTs);
    }
}
