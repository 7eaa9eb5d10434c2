package io.ept.analysis.refresh;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.parse.EpmEventParser;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Event generation for "dataplane refresh" (ept-reference 3.11) and node down (3.12). The events go back
 * through the analyzer, each routed by its own key.
 */
public final class RefreshPlanner {
    private final EpmEventParser parser;
    private final Clock clock;

    public RefreshPlanner(EpmEventParser parser) {
        this(parser, Clock.systemUTC());
    }

    public RefreshPlanner(EpmEventParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    /** APIC query filter for a MAC: class epmMacEp. */
    public static Map<String, String> macQuery(String mac) {
        return Map.of("query-target-filter", "eq(epmMacEp.addr,\"" + mac + "\")");
    }

    /** APIC query for an IP: class epmDb subtree (not filtered by VRF, Q11). */
    public static Map<String, String> ipQuery(String ip) {
        return Map.of("query-target", "subtree", "target-subtree-class", "epmIpEp,epmRsMacEpToIpEpAtt",
                "query-target-filter", "or(eq(epmIpEp.addr,\"" + ip + "\"),wcard(epmRsMacEpToIpEpAtt.dn,\"ip-\\["
                        + ip + "\\]\"))");
    }

    /**
     * Every returned object becomes a create event; every history row of the key whose node returned nothing
     * and whose latest event is not a delete gets delete events. All carry force=true (bypass rapid, force
     * analysis) and should be processed before queued work.
     *
     * <p>Call it once the query returned: the events are stamped with the clock's time now, as the original did.
     * Stamped with the time the query started, the answer would look older than a live event that arrived while
     * the query ran, and the history rules would drop it although it is the newer view.
     */
    public List<EpmEvent> refresh(EndpointKey key, EpmType type, List<ApicObject> results,
                                  Collection<NodeHistory> rows) {
        double answeredTs = clock.millis() / 1000.0;
        List<EpmEvent> out = new ArrayList<>();
        Set<Integer> returnedNodes = new HashSet<>();
        for (ApicObject o : results) {
            EpmEvent ev = parser.parse(o.className(), o.attributes(), answeredTs).withForce(true);
            out.add(ev);
            if (ev.vnid() == key.vnid() && ev.keyAddr().equals(key.addr())) {
                returnedNodes.add(ev.node());
            }
        }
        for (NodeHistory row : rows) {
            if (!returnedNodes.contains(row.node()) && row.latest() != null && !row.latest().isDeleted()) {
                out.addAll(deletes(type, row.node(), key.vnid(), key.addr(), answeredTs, true));
            }
        }
        return out;
    }

    /**
     * A leaf left the active state: delete events (ts = the fabricNode event ts) for every non-deleted row of
     * the node. force=false as in the original (its delete messages lost the flag on the wire).
     */
    public static List<EpmEvent> nodeDown(int node, double ts, Collection<NodeHistory> rowsOfNode) {
        List<EpmEvent> out = new ArrayList<>();
        for (NodeHistory row : rowsOfNode) {
            if (row.node() == node && row.latest() != null && !row.latest().isDeleted()) {
                out.addAll(deletes(row.type(), node, row.vnid(), row.addr(), ts, false));
            }
        }
        return out;
    }

    /** mac: epmMacEp delete; ip: rewrite delete then epmIpEp delete. */
    static List<EpmEvent> deletes(EpmType type, int node, int vnid, String addr, double ts, boolean force) {
        if (type == EpmType.MAC) {
            return List.of(EpmEvent.syntheticDelete(EpmClass.MAC_EP, node, vnid, addr, ts).withForce(force));
        }
        return List.of(
                EpmEvent.syntheticDelete(EpmClass.RS_MAC_EP_TO_IP_EP_ATT, node, vnid, addr, ts).withForce(force),
                EpmEvent.syntheticDelete(EpmClass.IP_EP, node, vnid, addr, ts).withForce(force));
    }
}
