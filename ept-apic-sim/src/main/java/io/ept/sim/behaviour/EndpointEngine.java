package io.ept.sim.behaviour;

import io.ept.sim.model.EpgInfo;
import io.ept.sim.model.EpmDn;
import io.ept.sim.model.EpmRecord;
import io.ept.sim.model.FabricState;
import io.ept.sim.model.Host;
import io.ept.sim.model.Times;
import io.ept.sim.subscription.EventSink;
import io.ept.sim.subscription.MoEvent;
import io.ept.sim.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps every leaf's epm tables consistent with where hosts are, like a fabric would: derives the
 * entries of a host (local, vPC, peer-attached, remote XR via tunnels, pinned bounce/stale/raw ones)
 * and turns the difference with the previous entries into created/modified/deleted events.
 * Callers hold the fabric write lock.
 */
public final class EndpointEngine {
    private final EventSink sink;
    private final AtomicLong emitted = new AtomicLong();

    public EndpointEngine(EventSink sink) { this.sink = sink; }

    /** Total epm + MO events produced since start (whether or not anybody subscribed). */
    public long emittedEvents() { return emitted.get(); }

    void countEvent(MoEvent e) {
        emitted.incrementAndGet();
        sink.publish(e);
    }

    boolean wants(String cls) { return sink.wants(cls); }

    // ---------------------------------------------------------------- derivation

    /** Fills a host from its topology description. */
    public static void applySpec(FabricState f, Host h, Topology.Endpoint ep) {
        h.mac = ep.mac == null ? null : ep.mac.toUpperCase();
        h.ips = new ArrayList<>(ep.ips);
        h.epg = f.epgs.get(ep.epg);
        h.encap = ep.encap != null ? ep.encap : (h.epg == null ? null : h.epg.encap);
        h.bdVnid = ep.bdVnid != null ? ep.bdVnid : (h.epg == null ? 0 : h.epg.bdVnid);
        h.leaf = ep.leaf == null ? 0 : ep.leaf;
        h.port = ep.port;
        h.vpcId = ep.vpc == null ? 0 : ep.vpc;
        if (h.vpcId > 0) h.leaf = 0;
        h.remoteLeaves = ep.remoteLeaves.stream().mapToInt(Integer::intValue).toArray();
        h.remoteMac = ep.remoteMac;
    }

    /** The host owning a raw entry (creating a bare holder when no host has that address). */
    public static Host holderFor(FabricState f, EpmRecord r) {
        String key = r.kind == EpmRecord.IP ? r.addr : r.addr.toUpperCase();
        for (Host h : f.hostsByAddr(key)) return h;
        Host h = f.newHost();
        if (r.kind == EpmRecord.IP) h.ips.add(r.addr); else h.mac = key;
        f.indexHost(h);
        return h;
    }

    /** Local attachments of a host: pairs (node, ifId); empty when not attached. */
    static List<Object[]> locals(FabricState f, Host h) {
        List<Object[]> out = new ArrayList<>(2);
        if (h.vpcId > 0) {
            Topology.VpcInterface vi = f.vpcInterfaces.get(h.vpcId);
            Topology.VpcDomain d = vi == null ? null : f.vpcDomains.get(vi.domain);
            if (d != null) {
                out.add(new Object[]{d.nodeA, vi.poA});
                out.add(new Object[]{d.nodeB, vi.poB});
            }
        } else if (h.leaf > 0) {
            out.add(new Object[]{h.leaf, h.port == null ? "eth1/1" : h.port});
        }
        return out;
    }

    /** TEP that remote leaves tunnel to for this host: the vPC VIP or the leaf TEP. */
    static String targetTep(FabricState f, Host h) {
        if (h.vpcId > 0) {
            Topology.VpcInterface vi = f.vpcInterfaces.get(h.vpcId);
            Topology.VpcDomain d = vi == null ? null : f.vpcDomains.get(vi.domain);
            return d == null ? null : d.virtualIp;
        }
        Topology.Node n = f.nodes.get(h.leaf);
        return n == null ? null : n.address;
    }

    static String flags(String... tokens) {
        TreeSet<String> s = new TreeSet<>();
        for (String t : tokens) if (t != null) s.add(t);
        return String.join(",", s);
    }

    /** All entries the fabric holds for a host right now. */
    public static EpmRecord[] derive(FabricState f, Host h, String createTs) {
        List<EpmRecord> out = new ArrayList<>();
        EpgInfo epg = h.epg;
        if (h.attached() && h.mac != null && epg != null) {
            int vrf = epg.vrfVnid, bd = h.bdVnid;
            String macPcTag = epg.external ? "any" : epg.pcTag;
            boolean hasIp = !h.ips.isEmpty();
            List<Object[]> locals = locals(f, h);
            boolean vpc = h.vpcId > 0;
            String aged = h.aging ? "local-aged" : null;
            List<Integer> holders = new ArrayList<>();
            for (Object[] l : locals) {
                int node = (Integer) l[0];
                holders.add(node);
                if (!f.isActive(node)) continue;
                String ifId = (String) l[1];
                int pod = f.podOf(node);
                out.add(new EpmRecord(EpmRecord.MAC, pod, node, vrf, bd, h.encap, h.mac, null,
                        flags(hasIp ? "ip" : null, "local", aged, "mac", vpc ? "vpc-attached" : null), ifId, macPcTag, createTs));
                String ipFlags = flags("local", aged, vpc ? "vpc-attached" : null);
                for (String ip : h.ips)
                    out.add(new EpmRecord(EpmRecord.IP, pod, node, vrf, bd, h.encap, ip, null, ipFlags, ifId, epg.pcTag, createTs));
                for (String ip : h.ips)
                    out.add(new EpmRecord(EpmRecord.RS, pod, node, vrf, bd, h.encap, h.mac, ip, "", "", "", createTs));
            }
            String tep = targetTep(f, h);
            if (!vpc && h.leaf > 0) {
                // orphan port on a vPC member: the peer holds peer-attached copies pointing at the learning leaf
                Topology.VpcDomain d = f.vpcDomainByNode.get(h.leaf);
                if (d != null && f.isActive(h.leaf)) {
                    int peer = d.nodeA == h.leaf ? d.nodeB : d.nodeA;
                    holders.add(peer);
                    if (f.isActive(peer)) {
                        String tun = f.tunnelTo(peer, tep);
                        int pod = f.podOf(peer);
                        out.add(new EpmRecord(EpmRecord.MAC, pod, peer, vrf, bd, h.encap, h.mac, null,
                                flags(hasIp ? "ip" : null, "mac", "peer-attached"), tun, macPcTag, createTs));
                        for (String ip : h.ips)
                            out.add(new EpmRecord(EpmRecord.IP, pod, peer, vrf, bd, h.encap, ip, null, "peer-attached", tun, epg.pcTag, createTs));
                    }
                }
            }
            for (int r : h.remoteLeaves) {
                if (holders.contains(r) || !f.isActive(r) || tep == null) continue;
                String tun = f.tunnelTo(r, tep);
                int pod = f.podOf(r);
                for (String ip : h.ips)
                    out.add(new EpmRecord(EpmRecord.IP, pod, r, vrf, 0, null, ip, null, "ip", tun, epg.pcTag, createTs));
                if (h.remoteMac)
                    out.add(new EpmRecord(EpmRecord.MAC, pod, r, vrf, bd, null, h.mac, null, "mac", tun, macPcTag, createTs));
            }
        }
        if (!h.suppressed.isEmpty()) out.removeIf(r -> h.suppressed.stream().anyMatch(r::sameIdentity));
        int attachedEntries = out.size();
        for (Host.Pin p : h.pins) {
            if (!f.isActive(p.record.node)) continue;
            // a leaf holds one entry per address: its local or peer-attached learn wins over a bounce entry,
            // while an injected stale entry replaces whatever the leaf held for that address
            if ("bounce".equals(p.reason)) {
                if (shadowedByAttached(out, attachedEntries, p.record)) continue;
                out.removeIf(r -> r.sameIdentity(p.record));
            } else {
                out.removeIf(r -> r.sameIdentity(p.record) || sameSlot(r, p.record));
            }
            out.add(p.record);
        }
        return out.toArray(new EpmRecord[0]);
    }

    /** True when one of the first {@code attached} entries (local or peer-attached) occupies the pin's slot on its leaf. */
    private static boolean shadowedByAttached(List<EpmRecord> out, int attached, EpmRecord pin) {
        for (int i = 0; i < attached; i++) {
            EpmRecord r = out.get(i);
            if (sameSlot(r, pin) && !r.sameIdentity(pin) && (r.isLocal() || r.hasFlag("peer-attached"))) return true;
        }
        return false;
    }

    /** Same address on the same leaf in the same BD (MAC) or VRF (IP): the leaf can hold only one of the two. */
    private static boolean sameSlot(EpmRecord r, EpmRecord pin) {
        return r.kind == pin.kind && r.node == pin.node && r.addr.equals(pin.addr) && java.util.Objects.equals(r.ip, pin.ip)
                && (r.kind == EpmRecord.MAC ? r.bd == pin.bd : r.vrf == pin.vrf);
    }

    // ---------------------------------------------------------------- reconciliation

    /** Re-derives a host and emits the differences (none when {@code silent}, e.g. a leaf that went away). */
    public int reconcile(FabricState f, Host h, boolean silent) {
        EpmRecord[] old = h.records;
        EpmRecord[] neu = derive(f, h, Times.now());
        boolean[] matched = new boolean[old.length];
        int[] previous = new int[neu.length];
        for (int i = 0; i < neu.length; i++) {
            previous[i] = indexOfIdentity(old, neu[i]);
            if (previous[i] >= 0) matched[previous[i]] = true;
        }
        int events = 0;
        List<MoEvent> pending = new ArrayList<>();
        // Entries that go away are announced before those that appear: on a leaf an XR entry (dn without encap) is
        // replaced by a local one (dn with encap) and the other way round, and a subscriber keeping one state per
        // leaf and address must end with the entry that exists.
        for (int j = 0; j < old.length; j++) {
            if (matched[j]) continue;
            events++;
            if (!silent && wants(old[j].className())) pending.add(MoEvent.deleted(old[j], false));
        }
        for (int i = 0; i < neu.length; i++) {
            EpmRecord n = neu[i];
            int j = previous[i];
            if (j >= 0) {
                EpmRecord o = old[j];
                if (o.sameState(n)) { neu[i] = o; continue; }
                neu[i] = o.withState(n.flags, n.ifId, n.pcTag);
                events++;
                if (!silent && wants(n.className())) {
                    Map<String, String> changed = new LinkedHashMap<>();
                    if (!o.flags.equals(n.flags)) changed.put("flags", n.flags);
                    if (!o.ifId.equals(n.ifId)) changed.put("ifId", n.ifId);
                    if (!o.pcTag.equals(n.pcTag)) changed.put("pcTag", n.pcTag);
                    pending.add(MoEvent.modified(neu[i], changed, false));
                }
            } else {
                events++;
                if (!silent && wants(n.className())) pending.add(MoEvent.created(n));
            }
        }
        h.records = neu;
        f.touch();
        if (!silent) {
            for (MoEvent e : pending) countEvent(e);
            emitted.addAndGet(events - pending.size());
        }
        return silent ? 0 : events;
    }

    private static int indexOfIdentity(EpmRecord[] arr, EpmRecord r) {
        for (int i = 0; i < arr.length; i++) if (arr[i].sameIdentity(r)) return i;
        return -1;
    }

    /** Leaves currently holding local entries for the host. */
    public static List<Integer> localNodes(FabricState f, Host h) {
        List<Integer> out = new ArrayList<>();
        for (Object[] l : locals(f, h)) out.add((Integer) l[0]);
        return out;
    }

    /** First attached host owning an address (MAC any case, or IP), else the first holder, else null. */
    public static Host findHost(FabricState f, String addr) {
        if (addr == null) return null;
        List<Host> l = f.hostsByAddr(addr.contains(":") && addr.length() == 17 ? addr.toUpperCase() : addr);
        for (Host h : l) if (h.attached()) return h;
        return l.isEmpty() ? null : l.get(0);
    }

    // ---------------------------------------------------------------- operations (caller holds the write lock)

    public Host learn(FabricState f, Topology.Endpoint spec) {
        Host h = null;
        if (spec.mac != null) for (Host x : f.hostsByAddr(spec.mac.toUpperCase())) h = x;
        if (h == null) h = f.newHost();
        applySpec(f, h, spec);
        h.aging = false;
        h.suppressed.clear();
        f.indexHost(h);
        reconcile(f, h, false);
        return h;
    }

    /**
     * Moves a host to a leaf port (or a vPC). The old leaves keep bounce entries pointing at the new
     * location for {@code bounceMillis}; remote leaves are repointed except where a stale pin holds them.
     * Returns the number of events.
     */
    public int move(FabricState f, Host h, Integer leaf, String port, Integer vpc, String encap, String epgDn, long bounceMillis) {
        List<Integer> oldLocals = localNodes(f, h);
        if (!oldLocals.isEmpty()) h.previousLeaf = oldLocals.get(0);
        if (vpc != null && vpc > 0) { h.vpcId = vpc; h.leaf = 0; h.port = null; }
        else if (leaf != null && leaf > 0) { h.leaf = leaf; h.vpcId = 0; h.port = port != null ? port : "eth1/1"; }
        else if (port != null && h.leaf > 0) h.port = port;
        if (epgDn != null && f.epgs.containsKey(epgDn)) {
            h.epg = f.epgs.get(epgDn);
            h.bdVnid = h.epg.bdVnid;
            if (encap == null) h.encap = h.epg.encap;
        }
        if (encap != null) h.encap = encap;
        h.suppressed.clear();
        h.aging = false;
        List<Integer> newLocals = localNodes(f, h);
        // a leaf holds one entry per address: learning it locally (or peer-attached) replaces a bounce entry left by an earlier move
        List<Integer> holders = new ArrayList<>(newLocals);
        Topology.VpcDomain orphanDomain = h.vpcId == 0 && h.leaf > 0 ? f.vpcDomainByNode.get(h.leaf) : null;
        if (orphanDomain != null) holders.add(orphanDomain.nodeA == h.leaf ? orphanDomain.nodeB : orphanDomain.nodeA);
        h.pins.removeIf(p -> "bounce".equals(p.reason) && holders.contains(p.record.node));
        String tep = targetTep(f, h);
        long until = System.currentTimeMillis() + bounceMillis;
        if (bounceMillis > 0 && h.mac != null && h.epg != null && tep != null) {
            for (int old : oldLocals) {
                if (newLocals.contains(old) || !f.isActive(old)) continue;
                // a vPC peer of the new leaf stays peer-attached instead of bouncing
                Topology.VpcDomain d = f.vpcDomainByNode.get(old);
                if (d != null && h.leaf > 0 && (d.nodeA == h.leaf || d.nodeB == h.leaf)) continue;
                String tun = f.tunnelTo(old, tep);
                int pod = f.podOf(old);
                for (String ip : h.ips)
                    addPin(h, new EpmRecord(EpmRecord.IP, pod, old, h.epg.vrfVnid, 0, null, ip, null, "bounce,ip", tun, h.epg.pcTag, Times.now()), until, "bounce");
                addPin(h, new EpmRecord(EpmRecord.MAC, pod, old, h.epg.vrfVnid, h.bdVnid, null, h.mac, null, "bounce,mac", tun,
                        h.epg.external ? "any" : h.epg.pcTag, Times.now()), until, "bounce");
            }
        }
        return reconcile(f, h, false);
    }

    private static void addPin(Host h, EpmRecord r, long until, String reason) {
        h.pins.removeIf(p -> p.record.sameIdentity(r));
        h.pins.add(new Host.Pin(r, until, reason));
    }

    /** Removes expired pins (bounce entries) of every host; returns the number of events. */
    public int expirePins(FabricState f) {
        long now = System.currentTimeMillis();
        int events = 0;
        for (Host h : f.hosts) {
            if (h.pins.isEmpty()) continue;
            if (h.pins.removeIf(p -> p.expiresAtMillis > 0 && p.expiresAtMillis <= now)) events += reconcile(f, h, false);
        }
        return events;
    }

    /** Leaves a remote entry on {@code leaf} pointing at {@code pointsTo} (default: the previous or another leaf) that survives moves. */
    public int stale(FabricState f, Host h, int leaf, Integer pointsTo) {
        if (h.epg == null || h.mac == null) throw new IllegalArgumentException("host has no EPG/MAC");
        List<Integer> locals = localNodes(f, h);
        int target = pointsTo != null ? pointsTo : 0;
        if (target == 0 && h.previousLeaf > 0 && !locals.contains(h.previousLeaf) && h.previousLeaf != leaf) target = h.previousLeaf;
        if (target == 0) {
            for (Topology.Node n : f.nodes.values())
                if ("leaf".equals(n.role) && n.id != leaf && !locals.contains(n.id)) { target = n.id; break; }
        }
        Topology.Node tn = f.nodes.get(target);
        if (tn == null) throw new IllegalArgumentException("no leaf to point the stale entry at");
        String tun = f.tunnelTo(leaf, tn.address);
        int pod = f.podOf(leaf);
        for (String ip : h.ips)
            addPin(h, new EpmRecord(EpmRecord.IP, pod, leaf, h.epg.vrfVnid, 0, null, ip, null, "ip", tun, h.epg.pcTag, Times.now()), 0, "stale");
        addPin(h, new EpmRecord(EpmRecord.MAC, pod, leaf, h.epg.vrfVnid, h.bdVnid, null, h.mac, null, "mac", tun,
                h.epg.external ? "any" : h.epg.pcTag, Times.now()), 0, "stale");
        return reconcile(f, h, false);
    }

    /** The host learns an extra IP (typically outside its BD's subnets). */
    public int learnIp(FabricState f, Host h, String ip) {
        if (!h.ips.contains(ip)) h.ips.add(ip);
        f.indexAddr(h, ip);
        return reconcile(f, h, false);
    }

    /** Ageing: local entries get local-aged, then (after {@code delayMillis}, by the caller) everything is deleted. */
    public int startAging(FabricState f, Host h) {
        h.aging = true;
        return reconcile(f, h, false);
    }

    /** The host disappears from every leaf (pins included). */
    public int remove(FabricState f, Host h) {
        h.leaf = 0; h.vpcId = 0; h.aging = false;
        h.pins.clear();
        return reconcile(f, h, false);
    }

    /** Re-derives every host that has (or should have) entries on {@code node}. */
    public int reconcileNode(FabricState f, int node, boolean silent) {
        int events = 0;
        for (Host h : f.hosts) {
            boolean touches = false;
            for (EpmRecord r : h.records) if (r.node == node) { touches = true; break; }
            if (!touches) touches = localNodes(f, h).contains(node) || Arrays.stream(h.remoteLeaves).anyMatch(x -> x == node)
                    || h.pins.stream().anyMatch(p -> p.record.node == node)
                    || (h.leaf > 0 && f.vpcDomainByNode.containsKey(h.leaf));
            if (touches) events += reconcile(f, h, silent);
        }
        return events;
    }

    /**
     * What "clear system internal epm endpoint" does on one leaf: the matching entries go away (delete
     * events); derivation keeps them away until the host moves or is relearned.
     * @param ip IP to clear (with its rs), or null
     * @param mac MAC to clear (with its rs children, the IP entries stay), or null
     */
    public int clearOnNode(FabricState f, int node, Integer vrfVnid, String ip, String mac, Integer bdVnid) {
        int events = 0;
        List<Host> hosts = new ArrayList<>(ip != null ? f.hostsByAddr(ip) : f.hostsByAddr(mac.toUpperCase()));
        for (Host h : hosts) {
            boolean changed = false;
            for (EpmRecord r : h.records) {
                if (r.node != node) continue;
                boolean hit = ip != null
                        ? ((r.kind == EpmRecord.IP && r.addr.equals(ip)) || (r.kind == EpmRecord.RS && ip.equals(r.ip))) && (vrfVnid == null || r.vrf == vrfVnid)
                        : (r.kind == EpmRecord.MAC || r.kind == EpmRecord.RS) && r.addr.equalsIgnoreCase(mac) && (bdVnid == null || r.bd == bdVnid);
                if (!hit) continue;
                h.pins.removeIf(p -> p.record.sameIdentity(r));
                h.suppressed.add(r);
                changed = true;
            }
            if (changed) events += reconcile(f, h, false);
        }
        return events;
    }

    /** Applies an injected epm object (created/modified/deleted) to the entry's holder and emits the event. */
    public int injectEpm(FabricState f, String cls, Map<String, String> attrs, String status) {
        String dn = attrs.get("dn");
        EpmDn p = dn == null ? null : EpmDn.parse(dn);
        if (p == null) throw new IllegalArgumentException("not an epm dn: " + dn);
        EpmRecord probe = p.toRecord("", "", "", "");
        Host holder = holderFor(f, probe);
        EpmRecord existing = null;
        for (EpmRecord r : holder.records) if (r.sameIdentity(probe)) existing = r;
        if ("deleted".equals(status)) {
            holder.pins.removeIf(x -> x.record.sameIdentity(probe));
            if (existing != null) holder.suppressed.add(existing);
            return reconcile(f, holder, false);
        }
        String flags = attrs.getOrDefault("flags", existing != null ? existing.flags : "");
        String ifId = attrs.getOrDefault("ifId", existing != null ? existing.ifId : "unspecified");
        String pcTag = attrs.getOrDefault("pcTag", existing != null ? existing.pcTag : "any");
        String createTs = attrs.getOrDefault("createTs", existing != null ? existing.createTs : Times.now());
        EpmRecord r = p.toRecord(flags, ifId, pcTag, createTs);
        holder.suppressed.removeIf(x -> x.sameIdentity(r));
        addPin(holder, r, 0, "injected");
        return reconcile(f, holder, false);
    }
}
