package io.ept.analysis.lookup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Map-backed {@link FabricLookups} for tests, benchmarks and small adapters. Not thread-safe while mutated. */
public final class InMemoryFabricLookups implements FabricLookups {
    private final Map<String, Tunnel> tunnels = new HashMap<>();
    private final Map<Integer, FabricNode> nodes = new HashMap<>();
    private final Map<String, Integer> vpcs = new HashMap<>();
    private final Map<String, String> pcNames = new HashMap<>();
    private final Map<Long, Epg> epgs = new HashMap<>();
    private final Map<Integer, Vnid> vnids = new HashMap<>();
    private final Map<Integer, List<Subnet>> subnets = new HashMap<>();
    private int overlayVnid;

    private static String nodeIntf(int node, String intf) {
        return node + "/" + intf;
    }

    private static long vrfPctag(int vrf, int pctag) {
        return ((long) vrf << 32) | (pctag & 0xffffffffL);
    }

    public InMemoryFabricLookups overlayVnid(int vnid) {
        this.overlayVnid = vnid;
        return this;
    }

    public InMemoryFabricLookups addNode(FabricNode n) {
        nodes.put(n.node(), n);
        return this;
    }

    /** Adds both leaf members (with each other as peer) and the pseudo node of role vpc with the VIP. */
    public InMemoryFabricLookups addVpcPair(int podId, int nodeA, String nameA, String addrA, int nodeB,
                                            String nameB, String addrB, String vip) {
        addNode(new FabricNode(nodeA, podId, nameA, "leaf", addrA, nodeB));
        addNode(new FabricNode(nodeB, podId, nameB, "leaf", addrB, nodeA));
        addNode(new FabricNode(VpcNodeIds.pseudoNodeId(nodeA, nodeB), podId, "", "vpc", vip, 0));
        return this;
    }

    public InMemoryFabricLookups addTunnel(Tunnel t) {
        tunnels.put(nodeIntf(t.node(), t.intf()), t);
        return this;
    }

    public InMemoryFabricLookups addVpc(int node, String po, int vpcId) {
        vpcs.put(nodeIntf(node, po), vpcId);
        return this;
    }

    public InMemoryFabricLookups addPc(int node, String intf, String name) {
        pcNames.put(nodeIntf(node, intf), name);
        return this;
    }

    public InMemoryFabricLookups addEpg(Epg epg) {
        epgs.put(vrfPctag(epg.vrf(), epg.pctag()), epg);
        return this;
    }

    public InMemoryFabricLookups removeEpg(int vrf, int pctag) {
        epgs.remove(vrfPctag(vrf, pctag));
        return this;
    }

    public InMemoryFabricLookups addVnid(Vnid v) {
        vnids.put(v.vnid(), v);
        return this;
    }

    public InMemoryFabricLookups addSubnet(Subnet s) {
        subnets.computeIfAbsent(s.bd(), k -> new ArrayList<>()).add(s);
        return this;
    }

    @Override
    public Optional<Tunnel> tunnel(int node, String intf) {
        return Optional.ofNullable(tunnels.get(nodeIntf(node, intf)));
    }

    @Override
    public Optional<FabricNode> node(int node) {
        return Optional.ofNullable(nodes.get(node));
    }

    @Override
    public int vpcId(int node, String po) {
        return vpcs.getOrDefault(nodeIntf(node, po), 0);
    }

    @Override
    public String pcName(int node, String intf) {
        return pcNames.getOrDefault(nodeIntf(node, intf), "");
    }

    @Override
    public Optional<Epg> epg(int vrf, int pctag) {
        return Optional.ofNullable(epgs.get(vrfPctag(vrf, pctag)));
    }

    @Override
    public Optional<Vnid> vnid(int vnid) {
        return Optional.ofNullable(vnids.get(vnid));
    }

    @Override
    public List<Subnet> subnets(int bd) {
        return subnets.getOrDefault(bd, List.of());
    }

    @Override
    public int overlayVnid() {
        return overlayVnid;
    }
}
