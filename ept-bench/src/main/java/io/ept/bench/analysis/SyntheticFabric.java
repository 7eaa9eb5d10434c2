package io.ept.bench.analysis;

import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.EpgKind;
import io.ept.analysis.lookup.FabricNode;
import io.ept.analysis.lookup.InMemoryFabricLookups;
import io.ept.analysis.lookup.Subnet;
import io.ept.analysis.lookup.Tunnel;
import io.ept.analysis.lookup.Vnid;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.parse.EpmEventParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small fabric (leafs 101-104, a tunnel mesh, one VRF with one BD and EPG) and a realistic event mix on it, parsed
 * from APIC dns by the real parser: per endpoint a local MAC, IP and rewrite learn, XR learns on the other leafs (bounce
 * on the previous leaf), a move to the next leaf every round and a delete every fifth round, so history, local state,
 * move, offsubnet and stale analysis all run (every 16th IP is outside the BD subnet).
 */
public final class SyntheticFabric {
    public static final String FABRIC = "bench";
    public static final int OVERLAY = 16777209;
    public static final int VRF = 2916352;
    public static final int BD = 15007697;
    public static final int PCTAG = 32769;
    private static final int[] LEAFS = {101, 102, 103, 104};
    private static final EpmEventParser PARSER = new EpmEventParser(OVERLAY);

    private SyntheticFabric() {
    }

    public static InMemoryFabricLookups lookups() {
        InMemoryFabricLookups l = new InMemoryFabricLookups().overlayVnid(OVERLAY);
        for (int leaf : LEAFS) {
            l.addNode(new FabricNode(leaf, 1, "leaf-" + leaf, "leaf", "10.0.0." + leaf, 0));
            for (int dst : LEAFS) {
                if (dst != leaf) {
                    l.addTunnel(new Tunnel(leaf, "tunnel" + dst, "10.0.0." + dst, "10.0.0." + leaf, dst, "ivxlan", "physical"));
                }
            }
        }
        l.addVnid(new Vnid("uni/tn-t/ctx-v1", VRF, VRF, false, 0, ""));
        l.addVnid(new Vnid("uni/tn-t/BD-bd1", BD, VRF, false, 0, ""));
        l.addSubnet(new Subnet("uni/tn-t/BD-bd1/subnet-[10.1.0.1/16]", BD, "10.1.0.1/16"));
        l.addEpg(new Epg("uni/tn-t/ap-a/epg-e1", VRF, PCTAG, BD, EpgKind.EPG, false));
        return l;
    }

    /** {@code rounds} rounds over {@code endpoints} endpoints, timestamps 1 ms apart. */
    public static List<EpmEvent> events(int endpoints, int rounds) {
        List<EpmEvent> out = new ArrayList<>();
        double ts = 1_700_000_000;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < endpoints; i++) {
                String mac = String.format("00:00:%02X:%02X:%02X:01", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
                String ip = (i % 16 == 0 ? "10.9." : "10.1.") + ((i >> 8) & 0xff) + "." + (i & 0xff);
                int local = LEAFS[(i + round) % LEAFS.length];
                int previous = LEAFS[(i + round + LEAFS.length - 1) % LEAFS.length];
                ts += 0.001;
                String intf = "eth1/" + (1 + round % 8);
                out.add(mac(ts, "created", local, BD, "vlan-101", mac, "local", intf));
                out.add(ip(ts, "created", local, BD, "vlan-101", ip, "local", intf));
                out.add(rs(ts, local, BD, "vlan-101", mac, ip));
                for (int other : LEAFS) {
                    if (other != local) {
                        String flags = other == previous ? "bounce" : "";
                        out.add(ip(ts + 0.0005, "created", other, 0, "", ip, flags, "tunnel" + local));
                        out.add(mac(ts + 0.0005, "created", other, BD, "", mac, flags, "tunnel" + local));
                    }
                }
                if (round % 5 == 4) {
                    out.add(ip(ts + 0.0007, "deleted", local, BD, "vlan-101", ip, "", ""));
                }
            }
        }
        return out;
    }

    /** The same event {@code shift} seconds later (to replay a list without the events looking old). */
    public static EpmEvent shifted(EpmEvent e, double shift) {
        return new EpmEvent(e.epmClass(), e.ts() + shift, e.status(), e.flags(), e.ifId(), e.pcTag(), e.node(), e.vrf(),
                e.bd(), e.encap(), e.addr(), e.ip(), e.vnid(), e.force(), e.synthetic());
    }

    private static String prefix(int node, int bd, String encap) {
        StringBuilder dn = new StringBuilder("topology/pod-1/node-").append(node).append("/sys/ctx-[vxlan-").append(VRF).append("]/");
        if (bd > 0) {
            dn.append("bd-[vxlan-").append(bd).append("]/");
        }
        if (!encap.isEmpty()) {
            dn.append("vlan-[").append(encap).append("]/");
        }
        return dn.append("db-ep/").toString();
    }

    private static Map<String, String> attrs(String dn, String status, String flags, String ifId) {
        Map<String, String> a = new HashMap<>();
        a.put("dn", dn);
        a.put("status", status);
        a.put("flags", flags);
        a.put("ifId", ifId);
        a.put("pcTag", Integer.toString(PCTAG));
        return a;
    }

    private static EpmEvent mac(double ts, String status, int node, int bd, String encap, String mac, String flags, String ifId) {
        return PARSER.parse("epmMacEp", attrs(prefix(node, bd, encap) + "mac-" + mac, status, flags, ifId), ts);
    }

    private static EpmEvent ip(double ts, String status, int node, int bd, String encap, String ip, String flags, String ifId) {
        return PARSER.parse("epmIpEp", attrs(prefix(node, bd, encap) + "ip-[" + ip + "]", status, flags, ifId), ts);
    }

    private static EpmEvent rs(double ts, int node, int bd, String encap, String mac, String ip) {
        String p = prefix(node, bd, encap);
        Map<String, String> a = new HashMap<>();
        a.put("dn", p + "mac-" + mac + "/rsmacEpToIpEpAtt-[" + p.substring(p.indexOf("sys/")) + "ip-[" + ip + "]]");
        a.put("status", "created");
        return PARSER.parse("epmRsMacEpToIpEpAtt", a, ts);
    }
}
