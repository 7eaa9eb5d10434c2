package io.ept.sim.topology;

import io.ept.sim.behaviour.EndpointEngine;
import io.ept.sim.model.EpgInfo;
import io.ept.sim.model.EpmDn;
import io.ept.sim.model.EpmRecord;
import io.ept.sim.model.FabricState;
import io.ept.sim.model.Host;
import io.ept.sim.model.MoStore;
import io.ept.sim.model.StoredMo;
import io.ept.sim.model.Times;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a {@link Topology} into the objects an APIC would serve for it (no events are emitted). */
public final class FabricBuilder {
    private final Topology t;
    private final FabricState f;
    private final MoStore mos;
    private final String ts;

    private FabricBuilder(Topology t) {
        this.t = t;
        this.ts = t.initialTimestamp != null ? t.initialTimestamp : Times.now();
        this.f = new FabricState(t, ts);
        this.mos = f.mos;
    }

    public static FabricState build(Topology topology) {
        FabricBuilder b = new FabricBuilder(topology);
        b.buildFabric();
        b.buildTenants();
        for (Topology.RawMo raw : topology.extraMos) b.mos.put(StoredMo.of(raw.cls, raw.attributes.get("dn"), raw.attributes));
        b.buildHosts();
        return b.f;
    }

    private static String sysDn(Topology.Node n) { return "topology/pod-" + n.pod + "/node-" + n.id + "/sys"; }

    private void buildFabric() {
        mos.put(StoredMo.of("polUni", "uni", "modTs", ts));
        Topology.Node apic = null;
        for (Topology.Node n : t.nodes) {
            f.nodes.put(n.id, n);
            if (apic == null && "controller".equals(n.role)) apic = n;
        }
        if (apic != null) mos.put(StoredMo.of("topInfo", "info", "currentTime", ts, "id", "" + apic.id, "podId", "" + apic.pod));
        for (Topology.Node n : t.nodes) {
            mos.put(fabricNode(n));
            if (n.active) mos.put(topSystem(n));
            if ("controller".equals(n.role)) {
                mos.put(StoredMo.of("firmwareCtrlrRunning", sysDn(n) + "/ctrlrfwstatuscont/ctrlrrunning",
                        "modTs", ts, "ts", ts, "version", t.apicVersion));
            } else {
                mos.put(StoredMo.of("firmwareRunning", sysDn(n) + "/fwstatuscont/running",
                        "modTs", ts, "ts", ts, "peVer", t.apicVersion, "version", t.switchVersion));
            }
        }
        mos.put(StoredMo.of("fabricProtPol", "uni/fabric/protpol", "modTs", ts, "pairT", "explicit"));
        mos.put(StoredMo.of("datetimeFormat", "uni/fabric/format-default", "modTs", ts));
        for (Topology.VpcDomain d : t.vpcDomains) {
            f.vpcDomains.put(d.id, d);
            f.vpcDomainByNode.put(d.nodeA, d);
            f.vpcDomainByNode.put(d.nodeB, d);
            String gep = "uni/fabric/protpol/expgep-" + d.name;
            mos.put(StoredMo.of("fabricExplicitGEp", gep, "id", "" + d.id, "modTs", ts, "name", d.name, "virtualIp", d.virtualIp + "/32"));
            for (int[] pair : new int[][]{{d.nodeA, d.nodeB}, {d.nodeB, d.nodeA}}) {
                Topology.Node peer = f.nodes.get(pair[1]);
                Topology.Node self = f.nodes.get(pair[0]);
                mos.put(StoredMo.of("fabricNodePEp", gep + "/nodepep-" + pair[0], "id", "" + pair[0], "modTs", ts,
                        "peerIp", (peer == null ? "0.0.0.0" : peer.address) + "/32", "podId", "" + (self == null ? 1 : self.pod)));
            }
        }
        for (Topology.VpcInterface v : t.vpcInterfaces) {
            f.vpcInterfaces.put(v.id, v);
            Topology.VpcDomain d = f.vpcDomains.get(v.domain);
            if (d == null) continue;
            portChannel(d.nodeA, v.poA, v.policyGroup, v.portsA);
            portChannel(d.nodeB, v.poB, v.policyGroup, v.portsB);
            vpcConf(d, v, d.nodeA, v.poA);
            vpcConf(d, v, d.nodeB, v.poB);
        }
        for (Topology.PortChannel pc : t.portChannels) portChannel(pc.node, pc.id, pc.policyGroup, pc.ports);
        buildTunnels();
    }

    private StoredMo fabricNode(Topology.Node n) {
        boolean ctrl = "controller".equals(n.role);
        return StoredMo.of("fabricNode", "topology/pod-" + n.pod + "/node-" + n.id,
                "adSt", n.active ? "on" : "off", "address", n.address,
                "fabricSt", ctrl ? "commissioned" : (n.active ? "active" : "inactive"), "id", "" + n.id,
                "lastStateModTs", ts, "modTs", ts, "model", n.model != null ? n.model : (ctrl ? "APIC-SERVER-M3" : "spine".equals(n.role) ? "N9K-C9332C" : "N9K-C93180YC-FX"),
                "name", n.name, "role", n.role, "serial", n.serial != null ? n.serial : (ctrl ? "WZP" : "FDO") + String.format("%08d", n.id));
    }

    public static StoredMo topSystem(Topology t, Topology.Node n, String ts) {
        boolean ctrl = "controller".equals(n.role);
        return StoredMo.of("topSystem", sysDn(n), "address", n.address, "fabricDomain", t.fabricDomain, "id", "" + n.id,
                "modTs", ts, "name", n.name, "oobMgmtAddr", n.oobMgmtAddr != null ? n.oobMgmtAddr : "192.0.2." + (n.id % 250 + 1),
                "podId", "" + n.pod, "role", n.role, "serial", n.serial != null ? n.serial : (ctrl ? "WZP" : "FDO") + String.format("%08d", n.id),
                "state", "in-service", "version", ctrl ? t.apicVersion : t.switchVersion);
    }

    private StoredMo topSystem(Topology.Node n) { return topSystem(t, n, ts); }

    private void portChannel(int nodeId, String po, String policyGroup, List<String> ports) {
        Topology.Node n = f.nodes.get(nodeId);
        if (n == null || po == null) return;
        String aggr = sysDn(n) + "/aggr-[" + po + "]";
        mos.put(StoredMo.of("pcAggrIf", aggr, "fop", ports.isEmpty() ? "unspecified" : ports.get(0), "id", po, "modTs", ts,
                "name", policyGroup, "pcId", po.replaceAll("\\D", ""), "activePorts", "" + ports.size()));
        for (String port : ports) {
            String phys = sysDn(n) + "/phys-[" + port + "]";
            mos.put(StoredMo.of("pcRsMbrIfs", aggr + "/rsmbrIfs-[" + phys + "]", "modTs", ts, "parentSKey", po, "tDn", phys, "tSKey", port));
        }
    }

    private void vpcConf(Topology.VpcDomain d, Topology.VpcInterface v, int nodeId, String po) {
        Topology.Node n = f.nodes.get(nodeId);
        if (n == null) return;
        mos.put(StoredMo.of("vpcRsVpcConf", sysDn(n) + "/vpc/inst/dom-" + d.id + "/if-" + v.id + "/rsvpcConf", "modTs", ts,
                "parentSKey", "" + v.id, "tDn", sysDn(n) + "/aggr-[" + po + "]", "tSKey", po));
    }

    /** Explicit tunnels first, then one to every other leaf, every foreign vPC VIP, the proxies and a DCI example. */
    private void buildTunnels() {
        List<Topology.Node> leaves = new ArrayList<>();
        for (Topology.Node n : t.nodes) if ("leaf".equals(n.role)) leaves.add(n);
        Map<Integer, List<Topology.Tunnel>> perNode = new LinkedHashMap<>();
        Map<Integer, Set<String>> have = new HashMap<>();
        Map<Integer, Integer> nextId = new HashMap<>();
        for (Topology.Tunnel tu : t.tunnels) {
            perNode.computeIfAbsent(tu.node, k -> new ArrayList<>()).add(tu);
            have.computeIfAbsent(tu.node, k -> new HashSet<>()).add(tu.dest + "|" + tu.type);
            int num = Integer.parseInt(tu.id.replaceAll("\\D", "0"));
            nextId.merge(tu.node, num + 1, Math::max);
        }
        for (Topology.Node leaf : leaves) {
            List<Topology.Tunnel> list = perNode.computeIfAbsent(leaf.id, k -> new ArrayList<>());
            Set<String> h = have.computeIfAbsent(leaf.id, k -> new HashSet<>());
            int[] next = {nextId.getOrDefault(leaf.id, 1)};
            java.util.function.BiConsumer<String, String> add = (dest, type) -> {
                if (dest == null || !h.add(dest + "|" + type)) return;
                list.add(new Topology.Tunnel(leaf.id, "tunnel" + next[0]++, dest, type, "ivxlan"));
            };
            for (Topology.Node other : leaves) if (other.id != leaf.id) add.accept(other.address, "physical");
            Topology.VpcDomain own = f.vpcDomainByNode.get(leaf.id);
            for (Topology.VpcDomain d : t.vpcDomains) if (d != own) add.accept(d.virtualIp, "physical");
            add.accept(t.proxyV4, "physical,proxy-acast-v4");
            add.accept(t.proxyV6, "physical,proxy-acast-v6");
            add.accept(t.proxyMac, "physical,proxy-acast-mac");
            if (t.dciUnicastDest != null && leaf == leaves.get(0)) add.accept(t.dciUnicastDest, "dci-ucast,fabric-ext,physical");
        }
        for (Map.Entry<Integer, List<Topology.Tunnel>> e : perNode.entrySet()) {
            Topology.Node n = f.nodes.get(e.getKey());
            if (n == null) continue;
            Map<String, String> byDest = f.tunnelByDest.computeIfAbsent(n.id, k -> new HashMap<>());
            Map<String, Topology.Tunnel> byId = f.tunnelById.computeIfAbsent(n.id, k -> new HashMap<>());
            String sys = sysDn(n);
            String src = n.address + "/32";
            for (Topology.Tunnel tu : e.getValue()) {
                byId.put(tu.id, tu);
                if ("physical".equals(tu.type) && "ivxlan".equals(tu.tType)) byDest.putIfAbsent(tu.dest, tu.id);
                mos.put(StoredMo.of("tunnelIf", sys + "/tunnel-[" + tu.id + "]", "dest", tu.dest, "id", tu.id,
                        "idRequestorDn", sys + "/isis/inst-default/dom-overlay-1/lvl-l1/db-dtep/dtep-[" + tu.dest + "]",
                        "modTs", ts, "src", src, "tType", tu.tType, "type", tu.type));
            }
        }
    }

    private void buildTenants() {
        Map<String, Topology.Vrf> vrfs = new HashMap<>();
        for (Topology.Vrf v : t.vrfs) {
            vrfs.put(v.tenant + "/" + v.name, v);
            vrfs.putIfAbsent(v.name, v);
            mos.put(StoredMo.of("fvCtx", v.dn(), "modTs", ts, "name", v.name, "pcTag", v.pcTag, "scope", "" + v.vnid, "seg", "" + v.vnid));
        }
        Map<String, Topology.Bd> bds = new HashMap<>();
        Map<String, Integer> bdVrf = new HashMap<>();
        for (Topology.Bd b : t.bds) {
            Topology.Vrf v = vrfs.getOrDefault(b.tenant + "/" + b.vrf, vrfs.get(b.vrf));
            int vrfVnid = v == null ? 0 : v.vnid;
            bds.put(b.tenant + "/" + b.name, b);
            bds.putIfAbsent(b.name, b);
            bdVrf.put(b.dn(), vrfVnid);
            Map<String, String> a = new LinkedHashMap<>();
            a.put("modTs", ts); a.put("name", b.name); a.put("pcTag", b.pcTag); a.put("scope", "" + vrfVnid); a.put("seg", "" + b.vnid);
            if (b.attributes != null) a.putAll(b.attributes);
            mos.put(StoredMo.of("fvBD", b.dn(), a));
            for (String s : b.subnets) subnet(b.dn(), s);
        }
        for (Topology.Epg e : t.epgs) {
            Topology.Bd b = bds.getOrDefault(e.tenant + "/" + e.bd, bds.get(e.bd));
            int vrfVnid = b == null ? 0 : bdVrf.get(b.dn());
            mos.put(StoredMo.of("fvAEPg", e.dn(), "isAttrBasedEPg", e.useg ? "yes" : "no", "modTs", ts, "name", e.name,
                    "pcTag", e.pcTag, "scope", "" + vrfVnid));
            if (b != null) mos.put(StoredMo.of("fvRsBd", e.dn() + "/rsbd", "modTs", ts, "tDn", b.dn(), "tRn", "BD-" + b.name, "tnFvBDName", b.name));
            for (String s : e.subnets) subnet(e.dn(), s);
            for (int i = 0; i < e.ipAttributes.size(); i++)
                mos.put(StoredMo.of("fvIpAttr", e.dn() + "/crtrn/ipattr-" + i, "ip", e.ipAttributes.get(i), "modTs", ts, "name", "" + i));
            f.epgs.put(e.dn(), new EpgInfo(e.dn(), e.pcTag, vrfVnid, b == null ? 0 : b.vnid, e.encap, false));
        }
        for (Topology.L3Out o : t.l3outs) {
            Topology.Vrf v = vrfs.getOrDefault(o.tenant + "/" + o.vrf, vrfs.get(o.vrf));
            int vrfVnid = v == null ? 0 : v.vnid;
            mos.put(StoredMo.of("l3extOut", o.dn(), "modTs", ts, "name", o.name));
            if (v != null) mos.put(StoredMo.of("l3extRsEctx", o.dn() + "/rsectx", "modTs", ts, "tDn", v.dn(), "tRn", "ctx-" + v.name, "tnFvCtxName", v.name));
            String firstEncap = null;
            int firstExt = 0;
            for (Map.Entry<String, Integer> en : o.encaps.entrySet()) {
                if (firstEncap == null) { firstEncap = en.getKey(); firstExt = en.getValue(); }
                mos.put(StoredMo.of("l3extExtEncapAllocator", o.dn() + "/encap-[" + en.getKey() + "]", "encap", en.getKey(),
                        "extEncap", "vxlan-" + en.getValue(), "modTs", ts));
            }
            for (Map.Entry<String, String> ip : o.instPs.entrySet()) {
                String dn = o.dn() + "/instP-" + ip.getKey();
                mos.put(StoredMo.of("l3extInstP", dn, "modTs", ts, "name", ip.getKey(), "pcTag", ip.getValue(), "scope", "" + vrfVnid));
                f.epgs.put(dn, new EpgInfo(dn, ip.getValue(), vrfVnid, firstExt, firstEncap, true));
            }
        }
    }

    /** Subnet spec "10.1.1.1/24" optionally followed by ";attr=value" overrides (e.g. ";scope=private"). */
    private void subnet(String parentDn, String spec) {
        String[] parts = spec.split(";");
        Map<String, String> a = new LinkedHashMap<>();
        a.put("ip", parts[0]);
        a.put("modTs", ts);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) a.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        mos.put(StoredMo.of("fvSubnet", parentDn + "/subnet-[" + parts[0] + "]", a));
    }

    private void buildHosts() {
        for (Topology.Endpoint ep : t.endpoints) {
            Host h = f.newHost();
            EndpointEngine.applySpec(f, h, ep);
            f.indexHost(h);
        }
        for (Topology.RawMo raw : t.staticEpm) {
            EpmDn p = EpmDn.parse(raw.attributes.get("dn"));
            if (p == null) continue;
            EpmRecord r = p.toRecord(raw.attributes.getOrDefault("flags", ""), raw.attributes.getOrDefault("ifId", "unspecified"),
                    raw.attributes.getOrDefault("pcTag", "any"), raw.attributes.getOrDefault("createTs", ts));
            Host holder = EndpointEngine.holderFor(f, r);
            holder.pins.add(new Host.Pin(r, 0, "static"));
        }
        for (Host h : f.hosts) h.records = EndpointEngine.derive(f, h, ts);
    }
}
