package io.ept.analysis.lookup;

/** ept.epg row (EPG, ESG or external EPG) keyed by (vrf, pctag); bd is 0 when unresolved or not applicable. */
public record Epg(String name, int vrf, int pctag, int bd, EpgKind kind, boolean isAttrBased) {
}
