package io.ept.hierarchy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tenant → VRF → BD → EPG tree of a fabric with the active endpoint counts of every level, built from the ept.vnid
 * and ept.epg tables and the count of endpoints per EPG (their newest learn's EPG). A BD hangs under its VRF (even
 * in another tenant, as a BD of a tenant using a VRF of common), an EPG under its BD; an EPG whose BD is unknown
 * hangs under its VRF in a BD node named "(unresolved BD)". Pure: the adapter reads the tables.
 */
public final class FabricHierarchy {

    public static final String TENANT = "tenant";
    public static final String VRF = "vrf";
    public static final String BD = "bd";
    public static final String EPG = "epg";

    /** Active endpoints by address family. */
    public record Counts(long mac, long ipv4, long ipv6) {
        public static final Counts NONE = new Counts(0, 0, 0);

        public long total() {
            return mac + ipv4 + ipv6;
        }

        public Counts plus(Counts o) {
            return new Counts(mac + o.mac, ipv4 + o.ipv4, ipv6 + o.ipv6);
        }
    }

    /** One level of the tree; {@code dn} identifies it (the tenant's is "uni/tn-NAME"). */
    public record Node(String level, String name, String dn, Counts counts, List<Node> children) {

        /** EPG dns at or below this node. */
        public Set<String> epgs() {
            Set<String> out = new LinkedHashSet<>();
            collect(this, out);
            return out;
        }

        private static void collect(Node n, Set<String> out) {
            if (EPG.equals(n.level())) {
                out.add(n.dn());
            }
            n.children().forEach(c -> collect(c, out));
        }

        /** This node or the node below it with the given dn, or null. */
        public Node find(String wanted) {
            if (dn.equals(wanted)) {
                return this;
            }
            for (Node c : children) {
                Node hit = c.find(wanted);
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }
    }

    /** ept.vnid row: VRF (dn with /ctx-) or BD (dn with /BD-); external BDs are left out. */
    public record VnidRow(String dn, int vnid, int vrf, boolean external) {
    }

    /** ept.epg row: bd is the BD's vnid, 0 when unresolved. */
    public record EpgRow(String dn, int vrf, int bd) {
    }

    /** The tree, and the endpoints whose EPG is in no row of it. */
    public record Tree(List<Node> tenants, Counts unassigned) {

        public Node find(String dn) {
            for (Node t : tenants) {
                Node hit = t.find(dn);
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }
    }

    private FabricHierarchy() {
    }

    public static Tree build(List<VnidRow> vnids, List<EpgRow> epgs, Map<String, Counts> byEpg) {
        Map<Integer, VnidRow> vrfs = new HashMap<>();
        Map<Integer, VnidRow> bds = new HashMap<>();
        for (VnidRow v : vnids) {
            if (v.dn().contains("/ctx-")) {
                vrfs.put(v.vnid(), v);
            } else if (v.dn().contains("/BD-") && !v.external()) {
                bds.put(v.vnid(), v);
            }
        }
        // EPG nodes grouped by (vrf, bd)
        Map<Integer, Map<Integer, List<Node>>> epgsByVrfBd = new HashMap<>();
        Set<String> placed = new LinkedHashSet<>();
        for (EpgRow e : epgs) {
            int bd = bds.containsKey(e.bd()) ? e.bd() : 0;
            int vrf = bd != 0 ? bds.get(bd).vrf() : e.vrf();
            Node node = new Node(EPG, lastRdn(e.dn()), e.dn(), byEpg.getOrDefault(e.dn(), Counts.NONE), List.of());
            epgsByVrfBd.computeIfAbsent(vrf, x -> new HashMap<>()).computeIfAbsent(bd, x -> new ArrayList<>()).add(node);
            placed.add(e.dn());
        }
        Map<String, List<Node>> vrfsByTenant = new TreeMap<>();
        Set<Integer> vrfIds = new LinkedHashSet<>(vrfs.keySet());
        bds.values().forEach(b -> vrfIds.add(b.vrf()));
        vrfIds.addAll(epgsByVrfBd.keySet());
        for (int vrf : vrfIds) {
            VnidRow row = vrfs.get(vrf);
            String dn = row != null ? row.dn() : "vnid-" + vrf;
            Map<Integer, List<Node>> byBd = epgsByVrfBd.getOrDefault(vrf, Map.of());
            List<Node> bdNodes = new ArrayList<>();
            for (VnidRow b : bds.values()) {
                if (b.vrf() == vrf) {
                    bdNodes.add(parent(BD, lastRdn(b.dn()), b.dn(), byBd.getOrDefault(b.vnid(), List.of())));
                }
            }
            if (byBd.containsKey(0)) {
                bdNodes.add(parent(BD, "(unresolved BD)", dn + "/(unresolved BD)", byBd.get(0)));
            }
            vrfsByTenant.computeIfAbsent(tenantOf(dn), t -> new ArrayList<>()).add(parent(VRF, lastRdn(dn), dn, bdNodes));
        }
        List<Node> tenants = new ArrayList<>();
        vrfsByTenant.forEach((tenant, vrfNodes) -> tenants.add(parent(TENANT, tenant, "uni/tn-" + tenant, vrfNodes)));
        Counts unassigned = Counts.NONE;
        for (Map.Entry<String, Counts> e : byEpg.entrySet()) {
            if (!placed.contains(e.getKey())) {
                unassigned = unassigned.plus(e.getValue());
            }
        }
        return new Tree(tenants, unassigned);
    }

    private static Node parent(String level, String name, String dn, List<Node> children) {
        List<Node> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparing(Node::name));
        Counts sum = Counts.NONE;
        for (Node c : sorted) {
            sum = sum.plus(c.counts());
        }
        return new Node(level, name, dn, sum, List.copyOf(sorted));
    }

    /** "uni/tn-T/ctx-V" → "T"; "" when the dn names no tenant. */
    static String tenantOf(String dn) {
        int start = dn.indexOf("uni/tn-");
        if (start < 0) {
            return "(no tenant)";
        }
        int from = start + 7;
        int end = dn.indexOf('/', from);
        return end < 0 ? dn.substring(from) : dn.substring(from, end);
    }

    /** "uni/tn-T/ap-A/epg-E" → "epg-E"'s name "E" (the part after the last "/xx-"). */
    static String lastRdn(String dn) {
        String rdn = dn.substring(dn.lastIndexOf('/') + 1);
        int dash = rdn.indexOf('-');
        return dash < 0 ? rdn : rdn.substring(dash + 1);
    }
}
