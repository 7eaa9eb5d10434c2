package io.ept.analysis.model;

import java.util.List;

/** One event of an ept.history row (attribute names of section 4 in camel case). */
public record HistoryEvent(String classname, double ts, EventStatus status, int remote, int pctag,
                           List<String> flags, String tunnelFlags, String encap, String intfId, String intfName,
                           String rwMac, int rwBd, String epgName, String vnidName) {

    public HistoryEvent {
        flags = List.copyOf(flags);
    }

    /**
     * A delete keeps only its identity (class, time, status): whatever flags, interface, pcTag or encap the APIC's
     * delete carries describe the entry that is gone (original eptHistoryEvent.from_msg). The history rules add the
     * vnid name and, for IPs, the rewrite info of the last event.
     */
    public static HistoryEvent deleted(String classname, double ts) {
        return new HistoryEvent(classname, ts, EventStatus.DELETED, 0, 0, List.of(), "", "", "", "", "", 0, "", "");
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public boolean hasAnyFlag(List<String> candidates) {
        for (String f : candidates) {
            if (flags.contains(f)) {
                return true;
            }
        }
        return false;
    }

    public boolean isLocal() {
        return flags.contains(EpmFlags.LOCAL);
    }

    public boolean isDeleted() {
        return status == EventStatus.DELETED;
    }

    public HistoryEvent withRewrite(String mac, int bd) {
        return new HistoryEvent(classname, ts, status, remote, pctag, flags, tunnelFlags, encap, intfId, intfName,
                mac, bd, epgName, vnidName);
    }

    public HistoryEvent withVnidName(String name) {
        return new HistoryEvent(classname, ts, status, remote, pctag, flags, tunnelFlags, encap, intfId, intfName,
                rwMac, rwBd, epgName, name);
    }

    /** Keep this event's class, ts and rewrite info; take everything else from {@code last} (rs merge). */
    public HistoryEvent withAttributesOf(HistoryEvent last) {
        return new HistoryEvent(classname, ts, last.status, last.remote, last.pctag, last.flags, last.tunnelFlags,
                last.encap, last.intfId, last.intfName, rwMac, rwBd, last.epgName, last.vnidName);
    }

    /** Fill zero/empty attributes of a 'modified' event (which only carries changed values) from {@code last}. */
    public HistoryEvent mergedOnto(HistoryEvent last) {
        return new HistoryEvent(classname, ts, status,
                remote == 0 ? last.remote : remote,
                pctag == 0 ? last.pctag : pctag,
                flags.isEmpty() ? last.flags : flags,
                orElse(tunnelFlags, last.tunnelFlags), orElse(encap, last.encap), orElse(intfId, last.intfId),
                orElse(intfName, last.intfName), rwMac, rwBd, orElse(epgName, last.epgName),
                orElse(vnidName, last.vnidName));
    }

    /** True if any of the attributes that make a history change (remote, pctag, flags, encap, intf_id) differ. */
    public boolean differsFrom(HistoryEvent other) {
        return remote != other.remote || pctag != other.pctag || !flags.equals(other.flags)
                || !encap.equals(other.encap) || !intfId.equals(other.intfId);
    }

    private static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
