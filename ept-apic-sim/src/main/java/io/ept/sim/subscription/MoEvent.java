package io.ept.sim.subscription;

import io.ept.sim.model.ClassSchema;
import io.ept.sim.model.MoView;
import io.ept.sim.model.Times;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One change pushed on the websocket, already in the captured shape: created = full attribute set
 * with status "created" and rn "" appended; modified = changed attributes plus childAction, dn,
 * modTs (classes with a real modTs), rn, status, sorted; deleted = childAction, dn, modTs, rn, status.
 */
public final class MoEvent {
    public final String className;
    public final String dn;
    public final String status;
    public final Map<String, String> attributes;
    /** The object as subscriptions filter it (new state, or last state for a delete). */
    public final MoView view;

    private MoEvent(String className, String dn, String status, Map<String, String> attributes, MoView view) {
        this.className = className; this.dn = dn; this.status = status; this.attributes = attributes; this.view = view;
    }

    public static MoEvent created(MoView mo) {
        Map<String, String> a = new LinkedHashMap<>();
        mo.forEachAttribute(a::put);
        a.put("status", "created");
        a.put("rn", "");
        return new MoEvent(mo.className(), mo.dn(), "created", a, mo);
    }

    public static MoEvent modified(MoView mo, Map<String, String> changed, boolean hasModTs) {
        Map<String, String> a = new TreeMap<>(changed);
        a.put("childAction", "");
        a.put("dn", mo.dn());
        if (hasModTs) a.put("modTs", mo.attr("modTs") != null && !changed.containsKey("modTs") ? Times.now() : a.getOrDefault("modTs", Times.now()));
        a.put("rn", "");
        a.put("status", "modified");
        return new MoEvent(mo.className(), mo.dn(), "modified", new LinkedHashMap<>(a), mo);
    }

    public static MoEvent deleted(MoView lastState, boolean hasModTs) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("childAction", "");
        a.put("dn", lastState.dn());
        if (hasModTs) a.put("modTs", Times.now());
        a.put("rn", "");
        a.put("status", "deleted");
        return new MoEvent(lastState.className(), lastState.dn(), "deleted", a, lastState);
    }

    public static boolean hasModTs(ClassSchema schema) { return schema != null && schema.hasModTs(); }
}
