package io.ept.sim.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configuration and fabric objects (everything except epm entries), by class and by dn. Not thread-safe: guarded by the fabric lock. */
public final class MoStore {
    private final Map<String, LinkedHashMap<String, StoredMo>> byClass = new HashMap<>();
    private final Map<String, StoredMo> byDn = new HashMap<>();

    public StoredMo put(StoredMo mo) {
        StoredMo prev = byDn.put(mo.dn(), mo);
        if (prev != null && !prev.className().equals(mo.className())) byClass.get(prev.className()).remove(prev.dn());
        byClass.computeIfAbsent(mo.className(), c -> new LinkedHashMap<>()).put(mo.dn(), mo);
        return prev;
    }

    public StoredMo remove(String dn) {
        StoredMo prev = byDn.remove(dn);
        if (prev != null) byClass.get(prev.className()).remove(dn);
        return prev;
    }

    public StoredMo get(String dn) { return byDn.get(dn); }

    public Collection<StoredMo> ofClass(String cls) {
        LinkedHashMap<String, StoredMo> m = byClass.get(cls);
        return m == null ? Collections.emptyList() : m.values();
    }

    public int count(String cls) {
        LinkedHashMap<String, StoredMo> m = byClass.get(cls);
        return m == null ? 0 : m.size();
    }

    public Collection<String> classes() { return byClass.keySet(); }

    /** Objects strictly below {@code dn} (optionally only direct children), of the given classes (null = any). */
    public List<StoredMo> descendants(String dn, Collection<String> classes, boolean directOnly) {
        String prefix = dn + "/";
        List<StoredMo> out = new ArrayList<>();
        Collection<String> scan = classes == null ? byClass.keySet() : classes;
        for (String cls : scan) {
            for (StoredMo mo : ofClass(cls)) {
                if (!mo.dn().startsWith(prefix)) continue;
                if (directOnly && !Dns.parentOf(mo.dn()).equals(dn)) continue;
                out.add(mo);
            }
        }
        return out;
    }
}
