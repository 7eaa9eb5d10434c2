package io.ept.analysis.support;

import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.parse.EpmEventParser;

import java.util.HashMap;
import java.util.Map;

/** Builds epm events from realistic APIC dns through the real parser. */
public final class Events {
    public static final EpmEventParser PARSER = new EpmEventParser(Topology.OVERLAY);

    private Events() {
    }

    public static String prefix(int node, int vrf, int bd, String encap) {
        StringBuilder dn = new StringBuilder("topology/pod-1/node-").append(node).append("/sys/");
        dn.append(vrf == Topology.OVERLAY ? "inst-overlay-1/" : "ctx-[vxlan-" + vrf + "]/");
        if (bd > 0) {
            dn.append("bd-[vxlan-").append(bd).append("]/");
        }
        if (encap != null && !encap.isEmpty()) {
            dn.append(encap.startsWith("vlan") ? "vlan-[" : "vxlan-[").append(encap).append("]/");
        }
        return dn.append("db-ep/").toString();
    }

    private static Map<String, String> attrs(String dn, String status, String flags, String ifId, int pcTag) {
        Map<String, String> a = new HashMap<>();
        a.put("dn", dn);
        a.put("status", status);
        a.put("flags", flags);
        a.put("ifId", ifId);
        a.put("pcTag", pcTag == 0 ? "any" : Integer.toString(pcTag));
        return a;
    }

    /** Local (bd + encap) or XR (bd, no encap) MAC. */
    public static EpmEvent mac(double ts, String status, int node, int bd, String encap, String mac, String flags,
                               String ifId, int pcTag) {
        return PARSER.parse("epmMacEp", attrs(prefix(node, Topology.VRF, bd, encap) + "mac-" + mac, status, flags,
                ifId, pcTag), ts);
    }

    /** IP under a BD (local) or directly under the VRF (XR, bd 0). */
    public static EpmEvent ip(double ts, String status, int node, int bd, String encap, String ip, String flags,
                              String ifId, int pcTag) {
        return PARSER.parse("epmIpEp", attrs(prefix(node, Topology.VRF, bd, encap) + "ip-[" + ip + "]", status,
                flags, ifId, pcTag), ts);
    }

    public static EpmEvent rs(double ts, String status, int node, int bd, String encap, String mac, String ip) {
        String p = prefix(node, Topology.VRF, bd, encap);
        String dn = p + "mac-" + mac + "/rsmacEpToIpEpAtt-[" + p.substring(p.indexOf("sys/")) + "ip-[" + ip + "]]";
        Map<String, String> a = new HashMap<>();
        a.put("dn", dn);
        a.put("status", status);
        return PARSER.parse("epmRsMacEpToIpEpAtt", a, ts);
    }
}
