package io.ept.sim.model;

import io.ept.sim.topology.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Everything the simulated APIC knows at one moment: the MO store, the hosts with their per-leaf epm
 * entries, and lookup tables (nodes, tunnels, vPCs, EPGs). One read/write lock guards it all: HTTP
 * queries take the read lock only while they collect object references (objects are immutable).
 */
public final class FabricState {
    public final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    public final Topology topology;
    public final MoStore mos = new MoStore();
    public final Map<Integer, Topology.Node> nodes = new LinkedHashMap<>();
    public final Map<Integer, Topology.VpcDomain> vpcDomainByNode = new HashMap<>();
    public final Map<Integer, Topology.VpcDomain> vpcDomains = new LinkedHashMap<>();
    public final Map<Integer, Topology.VpcInterface> vpcInterfaces = new LinkedHashMap<>();
    /** node -> tunnel destination -> tunnel id (ivxlan fabric tunnels). */
    public final Map<Integer, Map<String, String>> tunnelByDest = new HashMap<>();
    /** node -> tunnel id -> tunnel. */
    public final Map<Integer, Map<String, Topology.Tunnel>> tunnelById = new HashMap<>();
    public final Map<String, EpgInfo> epgs = new LinkedHashMap<>();
    public final List<Host> hosts = new ArrayList<>();
    private final Map<String, List<Host>> hostsByAddr = new HashMap<>();
    /** Incremented on every change, so cached query snapshots know when they are stale. */
    public volatile long version;
    public final String initialTimestamp;

    public FabricState(Topology topology, String initialTimestamp) {
        this.topology = topology;
        this.initialTimestamp = initialTimestamp;
    }

    public Host newHost() {
        Host h = new Host(hosts.size());
        hosts.add(h);
        return h;
    }

    public void indexHost(Host h) {
        if (h.mac != null) hostsByAddr.computeIfAbsent(h.mac, k -> new ArrayList<>(1)).add(h);
        for (String ip : h.ips) indexAddr(h, ip);
    }

    public void indexAddr(Host h, String addr) {
        List<Host> l = hostsByAddr.computeIfAbsent(addr, k -> new ArrayList<>(1));
        if (!l.contains(h)) l.add(h);
    }

    /** Hosts owning an address (MAC in upper case, or IP), including holders of raw entries. */
    public List<Host> hostsByAddr(String addr) {
        List<Host> l = hostsByAddr.get(addr);
        if (l == null && addr.indexOf(':') > 0 && addr.length() == 17) l = hostsByAddr.get(addr.toUpperCase());
        return l == null ? List.of() : l;
    }

    public void forEachRecord(Consumer<EpmRecord> c) {
        for (Host h : hosts) for (EpmRecord r : h.records) c.accept(r);
    }

    public int podOf(int node) {
        Topology.Node n = nodes.get(node);
        return n == null ? 1 : n.pod;
    }

    public boolean isActive(int node) {
        Topology.Node n = nodes.get(node);
        return n != null && n.active;
    }

    /** Tunnel id on {@code node} towards {@code dest}, or "unspecified". */
    public String tunnelTo(int node, String dest) {
        Map<String, String> m = tunnelByDest.get(node);
        String id = m == null ? null : m.get(dest);
        return id == null ? "unspecified" : id;
    }

    /** Node id (or vPC pseudo node id) a tunnel points at, 0 when not a fabric node/VIP. */
    public int remoteNodeOf(int node, String tunnelId) {
        Map<String, Topology.Tunnel> m = tunnelById.get(node);
        Topology.Tunnel t = m == null ? null : m.get(tunnelId);
        if (t == null) return 0;
        for (Topology.Node n : nodes.values()) if (t.dest.equals(n.address)) return n.id;
        for (Topology.VpcDomain d : vpcDomains.values()) if (t.dest.equals(d.virtualIp)) return vpcPseudoNode(d);
        return 0;
    }

    /** EPT's vPC pseudo node id: (lower id << 16) + higher id. */
    public static int vpcPseudoNode(Topology.VpcDomain d) {
        int lo = Math.min(d.nodeA, d.nodeB), hi = Math.max(d.nodeA, d.nodeB);
        return (lo << 16) + hi;
    }

    public void touch() { version++; }
}
