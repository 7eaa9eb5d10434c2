package io.ept.sim.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds large fabrics from a few numbers, e.g. "leaves=400,vpc-pairs=200,endpoints=100000" (EPT's design
 * target: 400 leaves, 200 vPC domains, ~200K tunnels, 100K hosts, ~4M remote entries with remote-leaves=20).
 */
final class TopologyGenerator {
    private TopologyGenerator() {}

    static Topology generate(String spec) {
        Map<String, Integer> p = new HashMap<>();
        for (String kv : spec.split(",")) {
            String[] parts = kv.trim().split("=");
            if (parts.length == 2) p.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
        }
        int leaves = p.getOrDefault("leaves", 4);
        int spines = p.getOrDefault("spines", 2);
        int pairs = Math.min(p.getOrDefault("vpc-pairs", leaves / 2), leaves / 2);
        int endpoints = p.getOrDefault("endpoints", 100);
        int remoteLeaves = Math.min(p.getOrDefault("remote-leaves", Math.min(20, leaves - 1)), leaves - 1);
        int vrfs = Math.max(1, p.getOrDefault("vrfs", 10));
        int bds = Math.max(vrfs, p.getOrDefault("bds", 100));
        int epgs = Math.max(bds, p.getOrDefault("epgs", 200));
        int vpcIfsPerPair = p.getOrDefault("vpc-ifs-per-pair", 50);
        int ipsPerEndpoint = p.getOrDefault("ips-per-endpoint", 1);

        Topology t = new Topology();
        t.nodes.add(new Topology.Node(1, "apic1", "controller", "10.0.0.1"));
        int[] leafIds = new int[leaves];
        for (int i = 0; i < leaves; i++) {
            leafIds[i] = 101 + i;
            t.nodes.add(new Topology.Node(leafIds[i], "leaf-" + leafIds[i], "leaf", tep(i)));
        }
        for (int i = 0; i < spines; i++) t.nodes.add(new Topology.Node(1001 + i, "spine-" + (1001 + i), "spine", tep(leaves + i)));
        int vpcIfId = 1;
        for (int d = 0; d < pairs; d++) {
            int a = leafIds[2 * d], b = leafIds[2 * d + 1];
            t.vpcDomains.add(new Topology.VpcDomain(d + 1, "vpc-" + a + "-" + b, a, b, "10.1." + (d / 250) + "." + (d % 250 + 1)));
            for (int k = 0; k < vpcIfsPerPair; k++) {
                Topology.VpcInterface v = new Topology.VpcInterface();
                v.id = vpcIfId++; v.domain = d + 1; v.policyGroup = "pg_vpc_" + a + "_" + k;
                v.poA = "po" + (k + 1); v.poB = "po" + (k + 1);
                v.portsA.add("eth1/" + (k + 1)); v.portsB.add("eth1/" + (k + 1));
                t.vpcInterfaces.add(v);
            }
        }
        // Every fabric has the infra overlay VRF; EPT reads its vnid (scope) before anything else.
        t.vrfs.add(new Topology.Vrf("infra", "overlay-1", t.overlayVnid, "32770"));
        for (int v = 0; v < vrfs; v++) t.vrfs.add(new Topology.Vrf("tn" + (v % 10), "v" + v, 2100000 + v * 32768, "" + (16386 + v)));
        for (int b = 0; b < bds; b++) {
            int v = b % vrfs;
            t.bds.add(new Topology.Bd("tn" + (v % 10), "bd" + b, "v" + v, 15000000 + b * 16, "" + (32771 + b),
                    List.of(bdPrefix(b) + "0.1/16")));
        }
        for (int e = 0; e < epgs; e++) {
            int b = e % bds, v = b % vrfs;
            t.epgs.add(new Topology.Epg("tn" + (v % 10), "ap" + (e / 100), "epg" + e, "bd" + b, "" + (49153 + e), "vlan-" + (100 + e % 3800)));
        }
        int vpcIfs = t.vpcInterfaces.size();
        int[] hostsPerBd = new int[bds];
        for (int i = 0; i < endpoints; i++) {
            int e = i % epgs, b = e % bds;
            int n = hostsPerBd[b]++;
            Topology.Endpoint ep = new Topology.Endpoint();
            ep.mac = String.format("00:%02X:%02X:%02X:%02X:%02X", (i >> 32) & 0xff, (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            ep.epg = t.epgs.get(e).dn();
            for (int k = 0; k < ipsPerEndpoint; k++) {
                int host = n * ipsPerEndpoint + k;
                ep.ips.add(bdPrefix(b) + (host / 250 % 256) + "." + (host % 250 + 2));
            }
            int localIdx;
            if (vpcIfs > 0 && i % 3 == 0) {
                Topology.VpcInterface v = t.vpcInterfaces.get((i / 3) % vpcIfs);
                ep.vpc = v.id;
                localIdx = 2 * (v.domain - 1);
            } else {
                localIdx = i % leaves;
                ep.leaf = leafIds[localIdx];
                ep.port = "eth1/" + (1 + (i / leaves) % 48);
            }
            int step = Math.max(1, (leaves - 1) / Math.max(1, remoteLeaves));
            for (int r = 0; r < remoteLeaves; r++) {
                int idx = (localIdx + 1 + ((i + r * step) % (leaves - 1))) % leaves;
                if (!ep.remoteLeaves.contains(leafIds[idx])) ep.remoteLeaves.add(leafIds[idx]);
            }
            t.endpoints.add(ep);
        }
        return t;
    }

    /** Each BD owns a /16 (10.0.0.0 upwards) so every generated host is inside its BD subnet. */
    private static String bdPrefix(int bd) { return (10 + bd / 256) + "." + (bd % 256) + "."; }

    private static String tep(int i) { return "10.0." + (32 + i / 250) + "." + (i % 250 + 1); }
}
