package io.ept.sim.control;

import io.ept.sim.api.FaultInjector;
import io.ept.sim.api.SessionManager;
import io.ept.sim.behaviour.EndpointEngine;
import io.ept.sim.behaviour.MoChanges;
import io.ept.sim.model.EpmRecord;
import io.ept.sim.model.FabricState;
import io.ept.sim.model.Host;
import io.ept.sim.model.StoredMo;
import io.ept.sim.subscription.SubscriptionManager;
import io.ept.sim.topology.FabricBuilder;
import io.ept.sim.topology.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Everything a test can make the simulated fabric do, in Java. The HTTP control API under /_sim/
 * maps one-to-one onto these methods. Methods return the number of websocket-visible events produced.
 */
public final class SimulatorControl {
    private final AtomicReference<FabricState> fabric;
    private final EndpointEngine engine;
    private final MoChanges moChanges;
    private final SessionManager sessions;
    private final SubscriptionManager subscriptions;
    private final FaultInjector faults;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-behaviour");
        t.setDaemon(true);
        return t;
    });

    public SimulatorControl(AtomicReference<FabricState> fabric, EndpointEngine engine, MoChanges moChanges,
                            SessionManager sessions, SubscriptionManager subscriptions, FaultInjector faults) {
        this.fabric = fabric; this.engine = engine; this.moChanges = moChanges; this.sessions = sessions;
        this.subscriptions = subscriptions; this.faults = faults;
        scheduler.scheduleWithFixedDelay(() -> write(engine::expirePins), 1, 1, TimeUnit.SECONDS);
    }

    public void shutdown() { scheduler.shutdownNow(); }

    private <T> T write(Function<FabricState, T> action) {
        FabricState f = fabric.get();
        f.lock.writeLock().lock();
        try {
            return action.apply(f);
        } finally {
            f.lock.writeLock().unlock();
        }
    }

    private <T> T read(Function<FabricState, T> action) {
        FabricState f = fabric.get();
        f.lock.readLock().lock();
        try {
            return action.apply(f);
        } finally {
            f.lock.readLock().unlock();
        }
    }

    private static Host host(FabricState f, String addr) {
        Host h = EndpointEngine.findHost(f, addr);
        if (h == null) throw new IllegalArgumentException("unknown endpoint " + addr);
        return h;
    }

    // ------------------------------------------------------------------ topology

    /** Replaces the whole fabric; open websockets are closed so clients rebuild (sessions stay valid). */
    public void replaceTopology(Topology topology) {
        FabricState next = FabricBuilder.build(topology);
        fabric.set(next);
        subscriptions.dropAll();
        sessions.dropWebsockets();
    }

    public Topology topology() { return fabric.get().topology; }

    // ------------------------------------------------------------------ events and endpoints

    /**
     * Applies raw MO/epm changes in order, each {"cls":{"attributes":{"dn":..,"status":"created|modified|deleted",...}}}.
     * Returns the number of events emitted.
     */
    public int inject(List<Map<String, Map<String, Map<String, String>>>> events) {
        return write(f -> {
            int n = 0;
            for (Map<String, Map<String, Map<String, String>>> ev : events) {
                for (Map.Entry<String, Map<String, Map<String, String>>> e : ev.entrySet()) {
                    Map<String, String> attrs = e.getValue().get("attributes");
                    n += moChanges.apply(f, e.getKey(), attrs, attrs.getOrDefault("status", ""));
                }
            }
            return n;
        });
    }

    /** A new host (or a relearn of a known MAC) as described by the topology endpoint format. */
    public int learn(Topology.Endpoint endpoint) {
        return write(f -> {
            long before = engine.emittedEvents();
            engine.learn(f, endpoint);
            return (int) (engine.emittedEvents() - before);
        });
    }

    /** Moves a host (MAC or IP) to a leaf port or a vPC, optionally changing encap/EPG. */
    public int move(String addr, Integer leaf, String port, Integer vpc, String encap, String epg) {
        return write(f -> engine.move(f, host(f, addr), leaf, port, vpc, encap, epg, f.topology.bounceSeconds * 1000L));
    }

    /** Moves the host back and forth between its current place and another leaf, {@code perMinute} times a minute. */
    public int flap(String addr, int perMinute, int seconds) {
        int[] places = write(f -> {
            Host h = host(f, addr);
            List<Integer> locals = EndpointEngine.localNodes(f, h);
            int other = 0;
            for (Topology.Node n : f.nodes.values())
                if ("leaf".equals(n.role) && n.active && !locals.contains(n.id)) { other = n.id; break; }
            if (other == 0) throw new IllegalArgumentException("no other leaf to flap to");
            return new int[]{h.leaf, h.vpcId, other};
        });
        String homePort = read(f -> host(f, addr).port);
        int total = Math.max(1, perMinute * seconds / 60);
        long period = Math.max(1, 60_000L / Math.max(1, perMinute));
        for (int i = 0; i < total; i++) {
            boolean away = i % 2 == 0;
            scheduler.schedule(() -> write(f -> {
                Host h = host(f, addr);
                return away ? engine.move(f, h, places[2], "eth1/40", null, null, null, f.topology.bounceSeconds * 1000L)
                        : engine.move(f, h, places[0] > 0 ? places[0] : null, homePort, places[1] > 0 ? places[1] : null, null, null, f.topology.bounceSeconds * 1000L);
            }), i * period, TimeUnit.MILLISECONDS);
        }
        return total;
    }

    /** Leaves a remote entry for the host on {@code leaf} that points at {@code pointsTo} (default: where it was before). */
    public int stale(String addr, int leaf, Integer pointsTo) {
        return write(f -> engine.stale(f, host(f, addr), leaf, pointsTo));
    }

    /** The host (by MAC) learns an IP outside its BD subnets (default 10.254.x.y). */
    public int offSubnet(String mac, String ip) {
        return write(f -> {
            Host h = host(f, mac);
            String addr = ip != null ? ip : "10.254." + (h.id / 250 % 250) + "." + (h.id % 250 + 1);
            return engine.learnIp(f, h, addr);
        });
    }

    /** Ageing: local-aged flag now, every entry deleted after {@code delaySeconds}. */
    public int age(String addr, int delaySeconds) {
        int n = write(f -> engine.startAging(f, host(f, addr)));
        Runnable delete = () -> write(f -> engine.remove(f, host(f, addr)));
        if (delaySeconds <= 0) return n + write(f -> engine.remove(f, host(f, addr)));
        scheduler.schedule(delete, delaySeconds, TimeUnit.SECONDS);
        return n;
    }

    public int leafDown(int node) { return write(f -> moChanges.nodeDown(f, node)); }

    public int leafUp(int node) { return write(f -> moChanges.nodeUp(f, node)); }

    /** What "clear system internal epm endpoint key ..." does on a leaf (used by the SSH server too). */
    public int clearOnLeaf(int node, Integer vrfVnid, String ip, String mac, Integer bdVnid) {
        return write(f -> engine.clearOnNode(f, node, vrfVnid, ip, mac, bdVnid));
    }

    /** Runs {@code action} under the fabric read lock (the SSH server's moquery uses it; do not keep references to mutable state). */
    public <T> T readFabric(Function<FabricState, T> action) { return read(action); }

    // ------------------------------------------------------------------ SSH server

    private volatile io.ept.sim.ssh.SimSshServer ssh;

    /** Called by ApicSimulator when its SSH server starts (null when it stops). */
    public void attachSsh(io.ept.sim.ssh.SimSshServer server) { ssh = server; }

    /** {enabled, port, sessions, commands:[recent commands with node and outcome]}. */
    public Map<String, Object> sshStatus() {
        io.ept.sim.ssh.SimSshServer s = ssh;
        if (s == null) return map("enabled", false, "port", -1);
        return s.describe();
    }

    /** A new SSH host key (for trust-on-first-use tests); returns its fingerprint. */
    public String rotateSshHostKey() {
        io.ept.sim.ssh.SimSshServer s = ssh;
        if (s == null) throw new IllegalStateException("SSH server not enabled");
        return s.rotateHostKey();
    }

    /** Forgets the recorded SSH commands; returns how many there were. */
    public int clearSshLog() {
        io.ept.sim.ssh.SimSshServer s = ssh;
        return s == null ? 0 : s.clearLog();
    }

    // ------------------------------------------------------------------ load

    public static final class LoadReport {
        public int requestedEventsPerSecond;
        public int seconds;
        public int endpoints;
        public long operations;
        public long eventsEmitted;
        public long framesSent;
        public double achievedEventsPerSecond;
        public long elapsedMillis;
        /** MACs of the hosts that were moved (the benchmark compares their final state with EPT's). */
        public List<String> movedMacs;
    }

    /** Moves hosts among the first {@code endpoints} attached ones until {@code eventsPerSecond} x {@code seconds} events were emitted (paced). */
    public LoadReport load(int eventsPerSecond, int seconds, int endpoints) {
        List<Integer> pool = read(f -> {
            List<Integer> ids = new ArrayList<>();
            for (Host h : f.hosts) {
                if (h.attached() && h.mac != null && h.epg != null) ids.add(h.id);
                if (ids.size() >= endpoints) break;
            }
            return ids;
        });
        if (pool.isEmpty()) throw new IllegalArgumentException("no endpoints to load");
        Random rnd = new Random(42);
        long start = System.currentTimeMillis();
        long end = start + seconds * 1000L;
        long target = (long) eventsPerSecond * seconds;
        long startEvents = engine.emittedEvents();
        long startFrames = subscriptions.framesSent();
        long ops = 0;
        java.util.Set<Integer> moved = new java.util.LinkedHashSet<>();
        while (System.currentTimeMillis() < end && engine.emittedEvents() - startEvents < target) {
            long due = (long) ((System.currentTimeMillis() - start) / 1000.0 * eventsPerSecond) + 1;
            if (engine.emittedEvents() - startEvents >= due) {
                try { Thread.sleep(1); } catch (InterruptedException e) { Thread.currentThread().interrupt(); break; }
                continue;
            }
            int hid = pool.get(rnd.nextInt(pool.size()));
            long op = ops++;
            moved.add(hid);
            write(f -> {
                Host h = f.hosts.get(hid);
                if (h.vpcId > 0 || h.leaf == 0) return 0;
                // mostly port moves on the same leaf (local modifies); every 10th a leaf move (remote updates + bounce)
                if (op % 10 == 9) {
                    List<Integer> leaves = new ArrayList<>();
                    for (Topology.Node n : f.nodes.values()) if ("leaf".equals(n.role) && n.active && n.id != h.leaf) leaves.add(n.id);
                    if (leaves.isEmpty()) return 0;
                    return engine.move(f, h, leaves.get(rnd.nextInt(leaves.size())), "eth1/" + (1 + rnd.nextInt(48)), null, null, null, 5000);
                }
                String port = "eth1/46".equals(h.port) ? "eth1/47" : "eth1/46";
                return engine.move(f, h, h.leaf, port, null, null, null, 0);
            });
        }
        LoadReport r = new LoadReport();
        r.requestedEventsPerSecond = eventsPerSecond;
        r.seconds = seconds;
        r.endpoints = pool.size();
        r.operations = ops;
        r.eventsEmitted = engine.emittedEvents() - startEvents;
        r.framesSent = subscriptions.framesSent() - startFrames;
        r.elapsedMillis = System.currentTimeMillis() - start;
        r.achievedEventsPerSecond = r.eventsEmitted * 1000.0 / Math.max(1, r.elapsedMillis);
        r.movedMacs = read(f -> {
            List<String> macs = new ArrayList<>();
            for (int hid : moved) {
                Host h = f.hosts.get(hid);
                if (h.vpcId == 0 && h.leaf != 0) macs.add(h.mac);
            }
            return macs;
        });
        return r;
    }

    // ------------------------------------------------------------------ ground truth

    /** What every leaf holds for an address (MAC or IP): one map per entry. */
    public List<Map<String, Object>> groundTruth(String addr) {
        return read(f -> {
            List<Map<String, Object>> out = new ArrayList<>();
            String key = addr.length() == 17 && addr.indexOf(':') > 0 ? addr.toUpperCase() : addr;
            for (Host h : f.hostsByAddr(key)) {
                for (EpmRecord r : h.records) {
                    boolean hit = r.kind == EpmRecord.IP ? r.addr.equals(key) : (r.addr.equals(key) || key.equals(r.ip));
                    if (!hit) continue;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("node", r.node);
                    m.put("class", r.className());
                    m.put("dn", r.dn());
                    m.put("addr", r.kind == EpmRecord.RS ? r.ip : r.addr);
                    m.put("mac", h.mac);
                    m.put("vrfVnid", r.vrf);
                    m.put("bdVnid", r.bd);
                    m.put("local", r.isLocal());
                    m.put("interface", r.ifId);
                    m.put("encap", r.encap == null ? "" : r.encap);
                    m.put("pcTag", r.pcTag);
                    m.put("flags", r.flags);
                    int remote = 0;
                    if (r.kind != EpmRecord.RS && !r.isLocal()) {
                        if (r.hasFlag("peer-attached")) {
                            Topology.VpcDomain d = f.vpcDomainByNode.get(r.node);
                            remote = d == null ? 0 : (d.nodeA == r.node ? d.nodeB : d.nodeA);
                        } else if (r.ifId.startsWith("tunnel")) remote = f.remoteNodeOf(r.node, r.ifId);
                    }
                    m.put("remote", remote);
                    out.add(m);
                }
            }
            return out;
        });
    }

    /** Nodes, tunnels (optional, can be 200K), vPCs, vnids, EPGs and subnets as simple JSON-able maps. */
    public Map<String, Object> topologySummary(boolean includeTunnels) {
        return read(f -> {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (Topology.Node n : f.nodes.values())
                nodes.add(map("id", n.id, "pod", n.pod, "name", n.name, "role", n.role, "address", n.address, "state", n.active ? "active" : "inactive"));
            out.put("nodes", nodes);
            int tunnelCount = 0;
            List<Map<String, Object>> tunnels = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, Topology.Tunnel>> e : f.tunnelById.entrySet()) {
                for (Topology.Tunnel t : e.getValue().values()) {
                    tunnelCount++;
                    if (includeTunnels)
                        tunnels.add(map("node", t.node, "id", t.id, "dest", t.dest, "type", t.type, "tType", t.tType, "remote", f.remoteNodeOf(t.node, t.id)));
                }
            }
            out.put("tunnelCount", tunnelCount);
            if (includeTunnels) out.put("tunnels", tunnels);
            List<Map<String, Object>> vpcs = new ArrayList<>();
            for (Topology.VpcDomain d : f.vpcDomains.values())
                vpcs.add(map("domain", d.id, "name", d.name, "nodes", List.of(d.nodeA, d.nodeB), "virtualIp", d.virtualIp, "pseudoNode", FabricState.vpcPseudoNode(d)));
            out.put("vpcs", vpcs);
            List<Map<String, Object>> vpcIfs = new ArrayList<>();
            for (Topology.VpcInterface v : f.vpcInterfaces.values()) vpcIfs.add(map("id", v.id, "domain", v.domain, "poA", v.poA, "poB", v.poB, "policyGroup", v.policyGroup));
            out.put("vpcInterfaces", vpcIfs);
            List<Map<String, Object>> vnids = new ArrayList<>();
            for (StoredMo m : f.mos.ofClass("fvCtx")) vnids.add(map("vnid", Integer.parseInt(m.attr("scope")), "type", "vrf", "dn", m.dn()));
            for (String cls : List.of("fvBD", "fvSvcBD"))
                for (StoredMo m : f.mos.ofClass(cls)) vnids.add(map("vnid", Integer.parseInt(m.attr("seg")), "type", "bd", "dn", m.dn(), "vrfVnid", Integer.parseInt(m.attr("scope"))));
            for (StoredMo m : f.mos.ofClass("l3extExtEncapAllocator"))
                vnids.add(map("vnid", Integer.parseInt(m.attr("extEncap").replace("vxlan-", "")), "type", "external-bd", "dn", m.dn(), "encap", m.attr("encap")));
            out.put("vnids", vnids);
            List<Map<String, Object>> epgs = new ArrayList<>();
            for (String cls : List.of("fvAEPg", "l3extInstP", "mgmtInB", "vnsEPpInfo"))
                for (StoredMo m : f.mos.ofClass(cls)) epgs.add(map("dn", m.dn(), "class", cls, "pcTag", m.attr("pcTag"), "vrfVnid", m.attr("scope")));
            out.put("epgs", epgs);
            List<Map<String, Object>> subnets = new ArrayList<>();
            for (String cls : List.of("fvSubnet", "fvIpAttr")) for (StoredMo m : f.mos.ofClass(cls)) subnets.add(map("dn", m.dn(), "ip", m.attr("ip")));
            out.put("subnets", subnets);
            int[] counts = new int[3];
            f.forEachRecord(r -> counts[r.kind]++);
            out.put("epmCounts", map("epmMacEp", counts[0], "epmIpEp", counts[1], "epmRsMacEpToIpEpAtt", counts[2]));
            out.put("hosts", f.hosts.size());
            return out;
        });
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    // ------------------------------------------------------------------ faults and state

    public FaultInjector faults() { return faults; }

    public int dropWebsockets() { return sessions.dropWebsockets(); }

    public void expireTokens() { sessions.expireAll(); }

    /** Every websocket session served, oldest first (the newest ones up to the log's capacity). */
    public List<Map<String, Object>> websocketSessions() { return sessions.websocketLog().describe(); }

    /** Raw text frames to every open websocket: {@code text}, or (when {@code padTo} > 0) that many 'x'. */
    public int sendRawFrames(String text, int padTo, int count) {
        String frame = padTo > 0 ? "x".repeat(padTo) : text;
        return sessions.sendRawFrames(frame, Math.max(1, count));
    }

    public long emittedEvents() { return engine.emittedEvents(); }

    public Map<String, Object> status() {
        Runtime rt = Runtime.getRuntime();
        return map("sessions", sessions.activeSessions(), "subscriptions", subscriptions.count(), "eventsEmitted", engine.emittedEvents(),
                "framesSent", subscriptions.framesSent(), "faults", faults.describe(), "sshPort", ssh == null ? -1 : ssh.port(),
                "heapUsedBytes", rt.totalMemory() - rt.freeMemory(), "heapCommittedBytes", rt.totalMemory(), "heapMaxBytes", rt.maxMemory());
    }
}
