package io.ept.monitor;

import io.ept.analysis.lookup.VpcNodeIds;
import io.ept.apic.ApicMo;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives EPT's lookup tables (ept.node, ept.tunnel, ept.vpc, ept.pc, ept.vnid, ept.epg, ept.subnet) from the
 * APIC's objects, following the original's build (ept-reference 7.1 steps 8-13, 3.6 for subnets). Pure: the
 * subscriber reads the classes and writes the rows.
 */
public final class TopologyBuilder {

    /** The collections this builder produces, in dependency order. */
    public static final List<String> COLLECTIONS = List.of("ept.node", "ept.tunnel", "ept.vpc", "ept.pc",
            "ept.vnid", "ept.epg", "ept.subnet");

    private final String fabric;
    private final Map<String, List<ApicMo>> byClass;
    private final double ts;

    public TopologyBuilder(String fabric, Map<String, List<ApicMo>> byClass, double ts) {
        this.fabric = fabric;
        this.byClass = byClass;
        this.ts = ts;
    }

    public Map<String, List<Document>> build() {
        Map<String, List<Document>> out = new HashMap<>();
        List<Document> nodes = nodes();
        out.put("ept.node", nodes);
        out.put("ept.tunnel", tunnels(nodes));
        out.put("ept.vpc", vpcs());
        out.put("ept.pc", pcs());
        Map<String, Integer> bdVnidByDn = new HashMap<>();
        out.put("ept.vnid", vnids(bdVnidByDn));
        Map<String, Integer> epgBdByDn = new HashMap<>();
        out.put("ept.epg", epgs(bdVnidByDn, epgBdByDn));
        out.put("ept.subnet", subnets(bdVnidByDn, epgBdByDn));
        return out;
    }

    private List<ApicMo> all(String className) {
        return byClass.getOrDefault(className, List.of());
    }

    private Document row(String key, Object value) {
        return new Document("fabric", fabric).append(key, value);
    }

    List<Document> nodes() {
        Map<Integer, ApicMo> systems = new HashMap<>();
        for (ApicMo sys : all("topSystem")) {
            systems.put(Dns.node(sys.dn()), sys);
        }
        Map<Integer, String> versions = new HashMap<>();
        for (ApicMo fw : all("firmwareRunning")) {
            versions.put(Dns.node(fw.dn()), fw.attr("version"));
        }
        for (ApicMo fw : all("firmwareCtrlrRunning")) {
            versions.put(Dns.node(fw.dn()), fw.attr("version"));
        }
        List<Document> nodes = new ArrayList<>();
        Map<Integer, Document> byId = new HashMap<>();
        for (ApicMo node : all("fabricNode")) {
            int id = intOf(node.attr("id"));
            ApicMo sys = systems.get(id);
            String address = sys != null && !sys.attr("address").isEmpty() ? sys.attr("address") : node.attr("address");
            String state = sys != null && !sys.attr("state").isEmpty() ? sys.attr("state") : node.attr("fabricSt");
            Document doc = row("node", id).append("pod_id", Dns.pod(node.dn())).append("name", node.attr("name"))
                    .append("state", state).append("role", role(node.attr("role"))).append("addr", address)
                    .append("version", versions.getOrDefault(id, node.attr("version"))).append("peer", 0)
                    .append("nodes", List.of()).append("ts", ts);
            nodes.add(doc);
            byId.put(id, doc);
        }
        List<ApicMo> groups = all("fabricExplicitGEp");
        if (groups.isEmpty()) {
            groups = all("fabricAutoGEp");
        }
        for (ApicMo group : groups) {
            List<Integer> members = new ArrayList<>();
            for (ApicMo child : group.children()) {
                if ("fabricNodePEp".equals(child.className())) {
                    members.add(intOf(child.attr("id")));
                }
            }
            if (members.size() != 2) {
                continue; // a vPC domain has exactly two members; anything else is being reconfigured
            }
            int a = members.get(0);
            int b = members.get(1);
            int pseudo = VpcNodeIds.pseudoNodeId(a, b);
            String vip = group.attr("virtualIp").split("/")[0];
            List<Document> memberRows = new ArrayList<>();
            for (int member : List.of(Math.min(a, b), Math.max(a, b))) {
                Document m = byId.get(member);
                memberRows.add(new Document("node", member).append("addr", m == null ? "" : m.getString("addr")));
            }
            Document first = byId.get(Math.min(a, b));
            nodes.add(row("node", pseudo).append("pod_id", first == null ? 0 : first.getInteger("pod_id"))
                    .append("name", group.attr("name")).append("state", "in-service").append("role", "vpc")
                    .append("addr", vip).append("version", "").append("peer", 0).append("nodes", memberRows)
                    .append("ts", ts));
            if (byId.containsKey(a)) {
                byId.get(a).put("peer", b);
            }
            if (byId.containsKey(b)) {
                byId.get(b).put("peer", a);
            }
        }
        return nodes;
    }

    private static String role(String apicRole) {
        return switch (apicRole) {
            case "leaf", "spine", "controller" -> apicRole;
            default -> "unsupported";
        };
    }

    List<Document> tunnels(List<Document> nodes) {
        Map<String, Integer> nodeByAddress = new HashMap<>();
        for (Document node : nodes) {
            String addr = node.getString("addr");
            if (addr != null && !addr.isEmpty() && !"controller".equals(node.getString("role"))) {
                nodeByAddress.putIfAbsent(addr, node.getInteger("node"));
            }
        }
        List<Document> tunnels = new ArrayList<>();
        for (ApicMo tunnel : all("tunnelIf")) {
            String dst = tunnel.attr("dest").split("/")[0];
            tunnels.add(row("name", tunnel.dn()).append("node", Dns.node(tunnel.dn())).append("intf", tunnel.attr("id"))
                    .append("dst", dst).append("src", tunnel.attr("src").split("/")[0])
                    .append("remote", nodeByAddress.getOrDefault(dst, 0)).append("status", tunnel.attr("operSt"))
                    .append("encap", tunnel.attr("tType")).append("flags", tunnel.attr("type")).append("ts", ts));
        }
        return tunnels;
    }

    List<Document> vpcs() {
        List<Document> vpcs = new ArrayList<>();
        for (ApicMo conf : all("vpcRsVpcConf")) {
            vpcs.add(row("name", conf.dn()).append("node", Dns.node(conf.dn())).append("intf", conf.attr("tSKey"))
                    .append("vpc", intOf(conf.attr("parentSKey"))).append("ts", ts));
        }
        return vpcs;
    }

    List<Document> pcs() {
        Map<String, List<String>> members = new HashMap<>();
        for (ApicMo member : all("pcRsMbrIfs")) {
            members.computeIfAbsent(Dns.parent(member.dn()), k -> new ArrayList<>()).add(member.attr("tSKey"));
        }
        List<Document> pcs = new ArrayList<>();
        for (ApicMo pc : all("pcAggrIf")) {
            pcs.add(row("name", pc.dn()).append("node", Dns.node(pc.dn())).append("intf", pc.attr("id"))
                    .append("intf_name", pc.attr("name")).append("members", members.getOrDefault(pc.dn(), List.of()))
                    .append("ts", ts));
        }
        return pcs;
    }

    List<Document> vnids(Map<String, Integer> bdVnidByDn) {
        List<Document> vnids = new ArrayList<>();
        Map<String, Integer> vrfByDn = new HashMap<>();
        for (ApicMo ctx : all("fvCtx")) {
            int vnid = intOf(ctx.attr("scope"));
            vrfByDn.put(ctx.dn(), vnid);
            vnids.add(vnid(ctx.dn(), vnid, vnid, false, intOf(ctx.attr("pcTag")), ""));
        }
        for (String bdClass : List.of("fvBD", "fvSvcBD")) {
            for (ApicMo bd : all(bdClass)) {
                int vnid = intOf(bd.attr("seg"));
                bdVnidByDn.put(bd.dn(), vnid);
                vnids.add(vnid(bd.dn(), vnid, intOf(bd.attr("scope")), false, intOf(bd.attr("pcTag")), ""));
            }
        }
        // External BDs: an L3Out's encap allocator, in the VRF the L3Out points to (l3extRsEctx).
        Map<String, Integer> vrfByOut = new HashMap<>();
        for (ApicMo rs : all("l3extRsEctx")) {
            String out = Dns.parent(rs.dn());
            Integer vrf = vrfByDn.get(rs.attr("tDn"));
            if (vrf == null && !rs.attr("tnFvCtxName").isEmpty()) {
                vrf = vrfByDn.get(Dns.ancestorWithRn(out, "tn-") + "/ctx-" + rs.attr("tnFvCtxName"));
            }
            vrfByOut.put(out, vrf == null ? 0 : vrf);
        }
        for (ApicMo alloc : all("l3extExtEncapAllocator")) {
            int vnid = intOf(alloc.attr("extEncap").replace("vxlan-", ""));
            String out = Dns.ancestorWithRn(alloc.dn(), "out-");
            vnids.add(vnid(alloc.dn(), vnid, vrfByOut.getOrDefault(out, 0), true, 0, alloc.attr("encap")));
        }
        return vnids;
    }

    private Document vnid(String name, int vnid, int vrf, boolean external, int pctag, String encap) {
        return row("name", name).append("vnid", vnid).append("vrf", vrf).append("external", external)
                .append("pctag", pctag).append("encap", encap).append("ts", ts);
    }

    List<Document> epgs(Map<String, Integer> bdVnidByDn, Map<String, Integer> epgBdByDn) {
        Map<String, Integer> bdOfOwner = new HashMap<>();
        for (String relation : List.of("fvRsBd", "mgmtRsMgmtBD", "vnsRsEPpInfoToBD", "vnsRsLIfCtxToBD")) {
            for (ApicMo rs : all(relation)) {
                bdOfOwner.put(Dns.parent(rs.dn()), bdVnidByDn.getOrDefault(rs.attr("tDn"), 0));
            }
        }
        List<Document> epgs = new ArrayList<>();
        for (String epgClass : List.of("fvAEPg", "mgmtInB", "vnsEPpInfo")) {
            for (ApicMo epg : all(epgClass)) {
                int bd = bdOfOwner.getOrDefault(epg.dn(), 0);
                epgBdByDn.put(epg.dn(), bd);
                epgs.add(epg(epg, bd, "epg"));
            }
        }
        for (ApicMo instP : all("l3extInstP")) {
            epgs.add(epg(instP, 0, "external"));
        }
        for (ApicMo esg : all("fvESg")) {
            epgs.add(epg(esg, 0, "esg"));
        }
        // Service-graph interface contexts own subnets through their BD relation.
        for (ApicMo lif : all("vnsLIfCtx")) {
            epgBdByDn.put(lif.dn(), bdOfOwner.getOrDefault(lif.dn(), 0));
        }
        return epgs;
    }

    private Document epg(ApicMo epg, int bd, String kind) {
        return row("name", epg.dn()).append("vrf", intOf(epg.attr("scope"))).append("pctag", intOf(epg.attr("pcTag")))
                .append("bd", bd).append("is_attr_based", "yes".equals(epg.attr("isAttrBasedEPg")))
                .append("kind", kind).append("ts", ts);
    }

    List<Document> subnets(Map<String, Integer> bdVnidByDn, Map<String, Integer> ownerBdByDn) {
        List<Document> subnets = new ArrayList<>();
        for (ApicMo subnet : all("fvSubnet")) {
            String owner = Dns.parent(subnet.dn());
            Integer bd = bdVnidByDn.containsKey(owner) ? bdVnidByDn.get(owner) : ownerBdByDn.getOrDefault(owner, 0);
            subnets.add(subnet(subnet.dn(), bd, subnet.attr("ip")));
        }
        for (ApicMo attr : all("fvIpAttr")) {
            String epg = Dns.parent(Dns.parent(attr.dn())); // <epg>/crtrn/ipattr-N
            subnets.add(subnet(attr.dn(), ownerBdByDn.getOrDefault(epg, 0), attr.attr("ip")));
        }
        return subnets;
    }

    private Document subnet(String name, int bd, String ip) {
        return row("name", name).append("bd", bd).append("ip", ip)
                .append("type", ip.contains(":") ? "ipv6" : "ipv4").append("ts", ts);
    }

    private static int intOf(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0; // e.g. pcTag "any"
        }
    }
}
