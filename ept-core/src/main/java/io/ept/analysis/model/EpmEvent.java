package io.ept.analysis.model;

import java.util.List;

/**
 * One parsed epm event (epmMacEp, epmIpEp or epmRsMacEpToIpEpAtt).
 *
 * @param epmClass source class
 * @param ts       receive time of the websocket frame or start time of the class query (epoch s)
 * @param status   created/modified/deleted
 * @param flags    epm flags, sorted
 * @param ifId     interface id as sent by the APIC ("" if absent)
 * @param pcTag    pcTag, 0 when absent or not numeric (e.g. "any")
 * @param node     physical node id
 * @param vrf      VRF vnid (overlay vnid for inst-overlay-1)
 * @param bd       BD vnid, 0 if absent from the dn
 * @param encap    "vlan-N"/"vxlan-N", "" if absent (XR entries)
 * @param addr     MAC for epmMacEp and epmRsMacEpToIpEpAtt, IP for epmIpEp
 * @param ip       IP of an epmRsMacEpToIpEpAtt, "" otherwise
 * @param vnid     BD for epmMacEp, VRF otherwise
 * @param force    set on refresh/delete generated events: bypass rapid, force analysis
 * @param synthetic a delete EPT generated itself (refresh, node down, build) rather than one the APIC sent: its
 *                  history event gets no class name, as in the original
 */
public record EpmEvent(EpmClass epmClass, double ts, EventStatus status, List<String> flags, String ifId,
                       int pcTag, int node, int vrf, int bd, String encap, String addr, String ip, int vnid,
                       boolean force, boolean synthetic) {

    public EpmEvent {
        flags = List.copyOf(flags);
    }

    /** An event as received from the APIC (not synthetic). */
    public EpmEvent(EpmClass epmClass, double ts, EventStatus status, List<String> flags, String ifId, int pcTag,
                    int node, int vrf, int bd, String encap, String addr, String ip, int vnid, boolean force) {
        this(epmClass, ts, status, flags, ifId, pcTag, node, vrf, bd, encap, addr, ip, vnid, force, false);
    }

    public EpmType type() {
        return epmClass.type();
    }

    public boolean isRewrite() {
        return epmClass == EpmClass.RS_MAC_EP_TO_IP_EP_ATT;
    }

    /** Address of the endpoint key this event belongs to: the IP for rewrite events. */
    public String keyAddr() {
        return isRewrite() ? ip : addr;
    }

    public EndpointKey key(String fabric) {
        return new EndpointKey(fabric, vnid, keyAddr());
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public EpmEvent withForce(boolean value) {
        return new EpmEvent(epmClass, ts, status, flags, ifId, pcTag, node, vrf, bd, encap, addr, ip, vnid, value,
                synthetic);
    }

    /**
     * Synthetic delete (refresh, node down, build): only class, node, vnid, addr and ts are meaningful. The class
     * only routes the event (mac, ip or rewrite rules); it is not stored on the history event.
     */
    public static EpmEvent syntheticDelete(EpmClass epmClass, int node, int vnid, String keyAddr, double ts) {
        String ip = epmClass == EpmClass.RS_MAC_EP_TO_IP_EP_ATT ? keyAddr : "";
        return new EpmEvent(epmClass, ts, EventStatus.DELETED, List.of(), "", 0, node, 0, 0, "", keyAddr, ip,
                vnid, true, true);
    }
}
