package io.ept.analysis.lookup;

/** What a (vrf, pcTag) resolves to. */
public enum EpgKind {
    /** fvAEPg (or service EPG): has a BD whose subnets bound the IPs. */
    EPG,
    /** fvESg: VRF-scoped security group, no BD, so no subnet check is possible. */
    ESG,
    /** l3extInstP (external EPG): no BD. */
    EXTERNAL
}
