package io.ept.sim.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The small fake fabric of shared/apic-samples/README.md, plus a few hosts so a UI has something to show. */
final class DemoTopology {
    private DemoTopology() {}

    static Topology build() {
        Topology t = new Topology();
        t.initialTimestamp = "2024-05-14T10:21:33.512+00:00";
        t.nodes.add(node(1, "apic1", "controller", "10.0.0.1", "192.0.2.11", "WZP00000001"));
        t.nodes.add(node(101, "leaf-101", "leaf", "10.0.72.64", "192.0.2.101", "FDO00000101"));
        t.nodes.add(node(102, "leaf-102", "leaf", "10.0.72.65", "192.0.2.102", "FDO00000102"));
        t.nodes.add(node(103, "leaf-103", "leaf", "10.0.72.66", "192.0.2.103", "FDO00000103"));
        t.nodes.add(node(201, "spine-201", "spine", "10.0.72.67", "192.0.2.201", "FDO00000201"));
        t.vpcDomains.add(new Topology.VpcDomain(101, "vpc-101-102", 101, 102, "10.0.72.96"));
        Topology.VpcInterface v = new Topology.VpcInterface();
        v.id = 343; v.domain = 101; v.policyGroup = "pg_vpc_srv2"; v.poA = "po2"; v.poB = "po3";
        v.portsA.add("eth1/11"); v.portsB.add("eth1/11");
        t.vpcInterfaces.add(v);
        Topology.PortChannel pc = new Topology.PortChannel();
        pc.node = 101; pc.id = "po1"; pc.policyGroup = "pg_po_srv1"; pc.ports.add("eth1/10");
        t.portChannels.add(pc);
        // tunnel ids as in the captures; the rest (proxies, dci) are generated
        tunnel(t, 101, "tunnel2", "10.0.72.65", "physical");
        tunnel(t, 101, "tunnel3", "10.0.72.66", "physical");
        tunnel(t, 101, "tunnel1", "10.0.72.68", "physical,proxy-acast-v4");
        tunnel(t, 102, "tunnel2", "10.0.72.64", "physical");
        tunnel(t, 102, "tunnel3", "10.0.72.66", "physical");
        tunnel(t, 103, "tunnel3", "10.0.72.64", "physical");
        tunnel(t, 103, "tunnel4", "10.0.72.65", "physical");
        tunnel(t, 103, "tunnel5", "10.0.72.96", "physical");
        tunnel(t, 103, "tunnel9", "10.0.72.68", "physical,proxy-acast-mac");
        // a virtual leaf (AVE) behind a vxlan tunnel on 103, for VL learns
        t.tunnels.add(new Topology.Tunnel(103, "tunnel20", "10.0.80.1", "virtual", "vxlan"));

        t.vrfs.add(new Topology.Vrf("infra", "overlay-1", 16777199, "32770"));
        t.vrfs.add(new Topology.Vrf("mgmt", "inb", 2228224, "16386"));
        t.vrfs.add(new Topology.Vrf("tn1", "v1", 2818048, "16386"));
        Topology.Bd infra = new Topology.Bd("infra", "default", "overlay-1", 16777209, "49153", List.of());
        infra.attributes = Map.of("bcastP", "225.1.9.209");
        t.bds.add(infra);
        Topology.Bd inb = new Topology.Bd("mgmt", "inb", "inb", 15826915, "32771", List.of("192.0.2.1/24;scope=public"));
        inb.attributes = Map.of("bcastP", "225.1.115.165");
        t.bds.add(inb);
        Topology.Bd bd1 = new Topology.Bd("tn1", "bd1", "v1", 16023499, "32771", List.of("10.1.1.1/24;scope=public", "2001:db8:1::1/64;scope=public;ctrl=nd"));
        bd1.attributes = Map.of("bcastP", "225.1.99.249");
        t.bds.add(bd1);
        t.bds.add(new Topology.Bd("tn1", "bd2", "v1", 15761386, "32772", List.of("10.1.2.1/24;scope=private")));
        t.epgs.add(new Topology.Epg("tn1", "app1", "web", "bd1", "49153", "vlan-101"));
        Topology.Epg app = new Topology.Epg("tn1", "app1", "app", "bd2", "49154", "vlan-102");
        app.subnets.add("10.1.3.1/24;scope=private,shared");
        t.epgs.add(app);
        Topology.Epg useg = new Topology.Epg("tn1", "app1", "useg1", "bd1", "49156", "vlan-103");
        useg.useg = true;
        useg.ipAttributes.add("10.1.1.128/25");
        t.epgs.add(useg);
        Topology.L3Out out = new Topology.L3Out();
        out.tenant = "tn1"; out.name = "out1"; out.vrf = "v1";
        out.encaps.put("vlan-300", 15400001);
        out.instPs.put("ext-all", "16387");
        t.l3outs.add(out);

        raw(t, "fvSvcBD", "uni/tn-tn1/svcBD-tn1|v1|tn1|copy1", "name", "tn1|v1|tn1|copy1", "pcTag", "32773", "scope", "2818048", "seg", "5239168");
        raw(t, "mgmtInB", "uni/tn-mgmt/mgmtp-default/inb-default", "encap", "vlan-10", "name", "default", "pcTag", "16387", "scope", "2228224");
        raw(t, "mgmtRsMgmtBD", "uni/tn-mgmt/mgmtp-default/inb-default/rsmgmtBD", "tDn", "uni/tn-mgmt/BD-inb", "tRn", "BD-inb", "tnFvBDName", "inb");
        String epp = "uni/tn-tn1/LDevInst-[uni/tn-tn1/lDevVip-fw1]-ctx-v1/G-fw1ctxv1-N-bd2-C-consumer";
        raw(t, "vnsEPpInfo", epp, "encap", "vlan-3001", "pcTag", "49155", "scope", "2818048");
        raw(t, "vnsRsEPpInfoToBD", epp + "/rsEPpInfoToBD", "tDn", "uni/tn-tn1/BD-bd2");
        String lif = "uni/tn-tn1/ldevCtx-c-web2app-g-fwgraph-n-N1/lIfCtx-c-consumer";
        raw(t, "vnsLIfCtx", lif, "connNameOrLbl", "consumer");
        raw(t, "vnsRsLIfCtxToBD", lif + "/rsLIfCtxToBD", "tDn", "uni/tn-tn1/BD-bd2");
        raw(t, "fvSubnet", lif + "/subnet-[10.1.4.1/24]", "ip", "10.1.4.1/24", "scope", "private");

        String web = "uni/tn-tn1/ap-app1/epg-web", appDn = "uni/tn-tn1/ap-app1/epg-app", usegDn = "uni/tn-tn1/ap-app1/epg-useg1";
        // E1: vPC-attached on 101/102, remote on 103 via the VIP tunnel
        Topology.Endpoint e1 = ep("00:00:5E:00:53:01", web, List.of("10.1.1.11", "2001:db8:1::11"), null, null, 343, List.of(103));
        t.endpoints.add(e1);
        // E2: orphan on 101 eth1/12 (peer-attached on 102), remote IP only on 103
        Topology.Endpoint e2 = ep("00:00:5E:00:53:02", appDn, List.of("10.1.2.12"), 101, "eth1/12", null, List.of(103));
        e2.remoteMac = false;
        t.endpoints.add(e2);
        // L3Out neighbour on 101 in the external BD
        t.endpoints.add(ep("00:00:5E:00:53:0A", "uni/tn-tn1/out-out1/instP-ext-all", List.of("10.9.9.2"), 101, "eth1/48", null, List.of()));
        // a few more for a UI: orphan on 103, orphan on vPC member 102, vPC host, uSeg host, L2-only host on a port-channel, VL host
        t.endpoints.add(ep("00:00:5E:00:53:04", appDn, List.of("10.1.2.14"), 103, "eth1/6", null, List.of(101, 102)));
        t.endpoints.add(ep("00:00:5E:00:53:05", web, List.of("10.1.1.15"), 102, "eth1/13", null, List.of(103)));
        t.endpoints.add(ep("00:00:5E:00:53:06", web, List.of("10.1.1.16"), null, null, 343, List.of(103)));
        t.endpoints.add(ep("00:00:5E:00:53:07", usegDn, List.of("10.1.1.140"), 103, "eth1/7", null, List.of(101, 102)));
        t.endpoints.add(ep("00:00:5E:00:53:08", web, List.of(), 101, "po1", null, List.of(103)));
        Topology.Endpoint vl = ep("00:00:5E:00:53:09", web, List.of("10.1.1.19"), 103, "tunnel20", null, List.of(101, 102));
        vl.encap = "vxlan-8683520";
        t.endpoints.add(vl);

        t.staticEpm.add(rawEpm("topology/pod-1/node-101/sys/ctx-[vxlan-2818048]/bd-[vxlan-16023499]/db-ep/ip-[10.1.1.1]", "ip,local,psvi", "vlan8"));
        t.staticEpm.add(rawEpm("topology/pod-1/node-101/sys/inst-overlay-1/db-ep/ip-[10.0.72.64]", "ip,local,loopback", "lo0"));
        return t;
    }

    private static Topology.Node node(int id, String name, String role, String addr, String oob, String serial) {
        Topology.Node n = new Topology.Node(id, name, role, addr);
        n.oobMgmtAddr = oob;
        n.serial = serial;
        return n;
    }

    private static void tunnel(Topology t, int node, String id, String dest, String type) {
        t.tunnels.add(new Topology.Tunnel(node, id, dest, type, "ivxlan"));
    }

    private static void raw(Topology t, String cls, String dn, String... kv) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("dn", dn);
        a.put("modTs", t.initialTimestamp);
        for (int i = 0; i + 1 < kv.length; i += 2) a.put(kv[i], kv[i + 1]);
        t.extraMos.add(new Topology.RawMo(cls, a));
    }

    private static Topology.RawMo rawEpm(String dn, String flags, String ifId) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("dn", dn);
        a.put("flags", flags);
        a.put("ifId", ifId);
        a.put("pcTag", "any");
        return new Topology.RawMo(dn.contains("/ip-[") ? "epmIpEp" : "epmMacEp", a);
    }

    static Topology.Endpoint ep(String mac, String epg, List<String> ips, Integer leaf, String port, Integer vpc, List<Integer> remote) {
        Topology.Endpoint e = new Topology.Endpoint();
        e.mac = mac; e.epg = epg; e.ips.addAll(ips); e.leaf = leaf; e.port = port; e.vpc = vpc; e.remoteLeaves.addAll(remote);
        return e;
    }
}
