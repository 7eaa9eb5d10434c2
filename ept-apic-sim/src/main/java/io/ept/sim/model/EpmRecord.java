package io.ept.sim.model;

import java.util.function.BiConsumer;

/**
 * One per-node endpoint table entry (epmMacEp, epmIpEp or epmRsMacEpToIpEpAtt). Kept as a few
 * primitive fields and shared strings; the dn and the JSON are materialised only when served,
 * which is what lets a fabric hold millions of them. Immutable: changes replace the record.
 */
public final class EpmRecord implements MoView {
    public static final byte MAC = 0;
    public static final byte IP = 1;
    public static final byte RS = 2;
    /** vrf value meaning "inst-overlay-1" instead of "ctx-[vxlan-N]". */
    public static final int OVERLAY_VRF = -1;

    private static final String[] CLASS_BY_KIND = {Schemas.EPM_MAC, Schemas.EPM_IP, Schemas.EPM_RS};

    public final byte kind;
    public final short pod;
    public final int node;
    public final int vrf;
    /** BD VNID, 0 when the entry has no bd level (remote IP). */
    public final int bd;
    /** "vlan-101" / "vxlan-8683520", null when the entry has no encap level (remote entries). */
    public final String encap;
    /** MAC for MAC and RS records, IP for IP records. */
    public final String addr;
    /** The IP of an RS record (null otherwise). */
    public final String ip;
    public final String flags;
    public final String ifId;
    public final String pcTag;
    public final String createTs;

    public EpmRecord(byte kind, int pod, int node, int vrf, int bd, String encap, String addr, String ip,
                     String flags, String ifId, String pcTag, String createTs) {
        this.kind = kind;
        this.pod = (short) pod;
        this.node = node;
        this.vrf = vrf;
        this.bd = bd;
        this.encap = Interner.intern(encap);
        this.addr = addr;
        this.ip = ip;
        this.flags = Interner.intern(flags);
        this.ifId = Interner.intern(ifId);
        this.pcTag = Interner.intern(pcTag);
        this.createTs = Interner.intern(createTs);
    }

    public EpmRecord withState(String newFlags, String newIfId, String newPcTag) {
        return new EpmRecord(kind, pod, node, vrf, bd, encap, addr, ip, newFlags, newIfId, newPcTag, createTs);
    }

    /** True when both records have the same dn. */
    public boolean sameIdentity(EpmRecord o) {
        return kind == o.kind && node == o.node && vrf == o.vrf && bd == o.bd && pod == o.pod
                && java.util.Objects.equals(encap, o.encap) && addr.equals(o.addr) && java.util.Objects.equals(ip, o.ip);
    }

    public boolean sameState(EpmRecord o) {
        return flags.equals(o.flags) && ifId.equals(o.ifId) && pcTag.equals(o.pcTag);
    }

    public boolean isLocal() { return kind != RS && (",".concat(flags).concat(",")).contains(",local,"); }

    public boolean hasFlag(String flag) { return (",".concat(flags).concat(",")).contains("," + flag + ","); }

    @Override public String className() { return CLASS_BY_KIND[kind]; }

    public String nodePrefix() { return "topology/pod-" + pod + "/node-" + node; }

    /** dn of the container (epmDb) holding this entry. */
    public String dbDn() {
        StringBuilder sb = new StringBuilder(128);
        appendDbDn(sb, bd, encap);
        return sb.toString();
    }

    private void appendDbDn(StringBuilder sb, int bdVnid, String enc) {
        sb.append("topology/pod-").append(pod).append("/node-").append(node).append("/sys/");
        if (vrf == OVERLAY_VRF) sb.append("inst-overlay-1");
        else sb.append("ctx-[vxlan-").append(vrf).append(']');
        if (bdVnid > 0) sb.append("/bd-[vxlan-").append(bdVnid).append(']');
        if (enc != null) {
            int dash = enc.indexOf('-');
            sb.append('/').append(enc, 0, dash).append("-[").append(enc).append(']');
        }
        sb.append("/db-ep");
    }

    /** dn of the IP entry an RS record points to (same vrf/bd/encap level as the MAC). */
    public String targetDn() {
        StringBuilder sb = new StringBuilder(160);
        appendDbDn(sb, bd, encap);
        return sb.append("/ip-[").append(ip).append(']').toString();
    }

    @Override public String dn() {
        StringBuilder sb = new StringBuilder(kind == RS ? 300 : 140);
        appendDbDn(sb, bd, encap);
        if (kind == IP) return sb.append("/ip-[").append(addr).append(']').toString();
        sb.append("/mac-").append(addr);
        if (kind == RS) sb.append("/rsmacEpToIpEpAtt-[").append(targetDn()).append(']');
        return sb.toString();
    }

    @Override public String attr(String name) {
        switch (name) {
            case "dn": return dn();
            case "status": case "childAction": return "";
            case "modTs": return "never";
        }
        if (kind == RS) {
            switch (name) {
                case "forceResolve": return "no";
                case "rType": return "mo";
                case "state": return "formed";
                case "stateQual": return "none";
                case "tCl": return "2266";
                case "tDn": return targetDn();
                case "tType": return "name";
                default: return null;
            }
        }
        switch (name) {
            case "addr": return addr;
            case "createTs": return createTs;
            case "flags": return flags;
            case "ifId": return ifId;
            case "name": return "";
            case "pcTag": return pcTag;
            default: return null;
        }
    }

    @Override public void forEachAttribute(BiConsumer<String, String> v) {
        String dn = dn();
        if (kind == RS) {
            v.accept("childAction", "");
            v.accept("dn", dn);
            v.accept("forceResolve", "no");
            v.accept("modTs", "never");
            v.accept("rType", "mo");
            v.accept("state", "formed");
            v.accept("stateQual", "none");
            v.accept("status", "");
            v.accept("tCl", "2266");
            v.accept("tDn", targetDn());
            v.accept("tType", "name");
            return;
        }
        v.accept("addr", addr);
        v.accept("childAction", "");
        v.accept("createTs", createTs);
        v.accept("dn", dn);
        v.accept("flags", flags);
        v.accept("ifId", ifId);
        v.accept("modTs", "never");
        v.accept("name", "");
        v.accept("pcTag", pcTag);
        v.accept("status", "");
    }

    @Override public String toString() { return dn() + " flags=" + flags + " ifId=" + ifId + " pcTag=" + pcTag; }
}
