package io.ept.sim.behaviour;

import io.ept.sim.model.FabricState;
import io.ept.sim.model.Schemas;
import io.ept.sim.model.StoredMo;
import io.ept.sim.model.Times;
import io.ept.sim.subscription.EventSink;
import io.ept.sim.subscription.MoEvent;
import io.ept.sim.topology.FabricBuilder;
import io.ept.sim.topology.Topology;

import java.util.LinkedHashMap;
import java.util.Map;

/** Changes to configuration/fabric objects (injected MO events, leaf down/up) and their websocket events. Callers hold the write lock. */
public final class MoChanges {
    private final EndpointEngine engine;
    private final EventSink sink;

    public MoChanges(EndpointEngine engine, EventSink sink) {
        this.engine = engine;
        this.sink = sink;
    }

    /** Creates, modifies or deletes a stored object; status "" means create-or-modify. Returns the number of events. */
    public int apply(FabricState f, String cls, Map<String, String> attrs, String status) {
        if (Schemas.isEpm(cls)) return engine.injectEpm(f, cls, attrs, status == null || status.isEmpty() ? "created" : status);
        String dn = attrs.get("dn");
        if (dn == null) throw new IllegalArgumentException("object without dn");
        StoredMo existing = f.mos.get(dn);
        if ("deleted".equals(status)) {
            if (existing == null) return 0;
            f.mos.remove(dn);
            // children go with their parent, one event each (as the captures show)
            for (StoredMo child : f.mos.descendants(dn, null, false)) {
                f.mos.remove(child.dn());
                emit(MoEvent.deleted(child, child.schema().hasModTs()));
            }
            f.touch();
            emit(MoEvent.deleted(existing, existing.schema().hasModTs()));
            return 1;
        }
        if (existing == null || "created".equals(status)) {
            Map<String, String> a = new LinkedHashMap<>(attrs);
            a.putIfAbsent("modTs", Times.now());
            StoredMo mo = StoredMo.of(cls, dn, a);
            f.mos.put(mo);
            f.touch();
            emit(MoEvent.created(mo));
            return 1;
        }
        Map<String, String> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            String k = e.getKey();
            if (k.equals("dn") || k.equals("status") || k.equals("rn") || k.equals("childAction")) continue;
            String cur = existing.attr(k);
            if (cur != null && !cur.equals(e.getValue())) changed.put(k, e.getValue());
        }
        if (changed.isEmpty()) return 0;
        boolean hasModTs = existing.schema().hasModTs();
        if (hasModTs && !changed.containsKey("modTs")) changed.put("modTs", Times.now());
        StoredMo mo = existing.with(changed);
        f.mos.put(mo);
        f.touch();
        emit(MoEvent.modified(mo, changed, false));
        return 1;
    }

    private void emit(MoEvent e) { engine.countEvent(e); }

    /** Leaf (or spine) goes inactive: fabricNode event, its topSystem and all its epm entries disappear. */
    public int nodeDown(FabricState f, int nodeId) {
        Topology.Node n = f.nodes.get(nodeId);
        if (n == null) throw new IllegalArgumentException("unknown node " + nodeId);
        if (!n.active) return 0;
        n.active = false;
        String fnDn = "topology/pod-" + n.pod + "/node-" + n.id;
        Map<String, String> ch = new LinkedHashMap<>();
        ch.put("adSt", "off");
        ch.put("fabricSt", "inactive");
        int events = apply(f, "fabricNode", withDn(fnDn, ch), "modified");
        f.mos.remove(fnDn + "/sys");
        // a dead leaf sends nothing: its entries vanish from queries without delete events
        engine.reconcileNode(f, nodeId, true);
        return events;
    }

    /** The node comes back: fabricNode active again and its entries are relearned (created events). */
    public int nodeUp(FabricState f, int nodeId) {
        Topology.Node n = f.nodes.get(nodeId);
        if (n == null) throw new IllegalArgumentException("unknown node " + nodeId);
        if (n.active) return 0;
        n.active = true;
        String fnDn = "topology/pod-" + n.pod + "/node-" + n.id;
        Map<String, String> ch = new LinkedHashMap<>();
        ch.put("adSt", "on");
        ch.put("fabricSt", "active");
        int events = apply(f, "fabricNode", withDn(fnDn, ch), "modified");
        f.mos.put(FabricBuilder.topSystem(f.topology, n, Times.now()));
        return events + engine.reconcileNode(f, nodeId, false);
    }

    private static Map<String, String> withDn(String dn, Map<String, String> attrs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dn", dn);
        m.putAll(attrs);
        return m;
    }

    public EventSink sink() { return sink; }
}
