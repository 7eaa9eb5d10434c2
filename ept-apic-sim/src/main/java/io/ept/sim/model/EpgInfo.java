package io.ept.sim.model;

/** What the epm tables need to know about an EPG (or L3Out external EPG). */
public final class EpgInfo {
    public final String dn;
    public final String pcTag;
    public final int vrfVnid;
    public final int bdVnid;
    public final String encap;
    /** l3extInstP: MAC entries carry pcTag "any". */
    public final boolean external;

    public EpgInfo(String dn, String pcTag, int vrfVnid, int bdVnid, String encap, boolean external) {
        this.dn = dn; this.pcTag = pcTag; this.vrfVnid = vrfVnid; this.bdVnid = bdVnid; this.encap = encap; this.external = external;
    }
}
