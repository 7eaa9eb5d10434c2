package io.ept.analysis.lookup;

/** ept.vnid row: a VRF, BD or external BD (then {@code encap} is the L3Out encap). */
public record Vnid(String name, int vnid, int vrf, boolean external, int pctag, String encap) {
}
