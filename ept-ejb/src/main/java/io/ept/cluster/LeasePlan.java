package io.ept.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one node does with the fabric leases on one tick: which fabrics it tries to take and which it gives up.
 * Fabrics are spread evenly: a node takes a free fabric only while it holds fewer than its fair share (the fabrics to
 * run divided by the live nodes, rounded up), gives one back per tick while it holds more and another node holds
 * less, and gives a fabric to the node an admin moved it to.
 *
 * @param acquire fabrics to try to take, in order
 * @param release fabrics to give up, with the reason
 */
public record LeasePlan(List<String> acquire, Map<String, String> release) {

    /**
     * @param me        this node
     * @param nowMillis this node's clock
     * @param liveNodes nodes whose heartbeat is fresh (this node counts even if its own beat is late)
     * @param wanted    fabrics that should run (auto start)
     * @param leases    every lease in the store, by fabric
     * @param held      fabrics whose lease this node holds and still considers valid
     */
    public static LeasePlan decide(String me, long nowMillis, Set<String> liveNodes, Set<String> wanted,
                                   Map<String, FabricLease> leases, Set<String> held) {
        Set<String> nodes = new TreeSet<>(liveNodes);
        nodes.add(me);
        int fairShare = wanted.isEmpty() ? 0 : (wanted.size() + nodes.size() - 1) / nodes.size();
        Map<String, Integer> counts = new HashMap<>();
        for (FabricLease lease : leases.values()) {
            if (wanted.contains(lease.fabric()) && lease.liveAt(nowMillis) && !lease.heldBy(me)
                    && nodes.contains(lease.owner())) {
                counts.merge(lease.owner(), 1, Integer::sum);
            }
        }

        Map<String, String> release = new LinkedHashMap<>();
        for (String fabric : new TreeSet<>(held)) {
            FabricLease lease = leases.get(fabric);
            String target = lease == null ? "" : lease.moveTo();
            if (!wanted.contains(fabric)) {
                release.put(fabric, "the fabric is stopped");
            } else if (!target.isEmpty() && !target.equals(me) && nodes.contains(target)) {
                release.put(fabric, "moved to node " + target + " by an admin");
            }
        }
        int mine = (int) held.stream().filter(f -> wanted.contains(f) && !release.containsKey(f)).count();
        boolean someoneHasLess = nodes.stream().anyMatch(n -> !n.equals(me) && counts.getOrDefault(n, 0) < fairShare);
        if (mine > fairShare && someoneHasLess) {
            held.stream().filter(f -> wanted.contains(f) && !release.containsKey(f)).max(Comparator.naturalOrder())
                    .ifPresent(f -> release.put(f, "spreading fabrics over " + nodes.size() + " nodes"));
            mine--;
        }

        List<String> movedHere = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (String fabric : wanted) {
            if (held.contains(fabric)) {
                continue;
            }
            FabricLease lease = leases.get(fabric);
            boolean takeable = lease == null || !lease.liveAt(nowMillis) || lease.heldBy(me);
            String target = lease == null ? "" : lease.moveTo();
            if (!takeable) {
                continue;
            }
            if (target.equals(me)) {
                movedHere.add(fabric);
            } else if (target.isEmpty() || !nodes.contains(target)) {
                free.add(fabric);
            }
        }
        // nodes racing for the same free fabrics try them in different orders
        free.sort(Comparator.comparingInt((String f) -> (f + "@" + me).hashCode()).thenComparing(f -> f));
        List<String> acquire = new ArrayList<>(movedHere);
        for (String fabric : free) {
            if (mine + acquire.size() - movedHere.size() >= fairShare) {
                break;
            }
            acquire.add(fabric);
        }
        return new LeasePlan(List.copyOf(acquire), Map.copyOf(release));
    }
}
