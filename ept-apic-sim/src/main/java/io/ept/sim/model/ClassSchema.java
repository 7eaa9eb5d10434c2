package io.ept.sim.model;

import java.util.HashMap;
import java.util.Map;

/** Attribute names (in wire order) and default values of one APIC class. */
public final class ClassSchema {
    private final String name;
    private final String[] attrNames;
    private final String[] defaults;
    private final Map<String, Integer> index = new HashMap<>();

    public ClassSchema(String name, String[] attrNames, String[] defaults) {
        this.name = name;
        this.attrNames = attrNames;
        this.defaults = defaults;
        for (int i = 0; i < attrNames.length; i++) index.put(attrNames[i], i);
    }

    public String name() { return name; }

    public int size() { return attrNames.length; }

    public String attrName(int i) { return attrNames[i]; }

    /** Index of an attribute or -1. */
    public int indexOf(String attr) {
        Integer i = index.get(attr);
        return i == null ? -1 : i;
    }

    public boolean hasModTs() {
        int i = indexOf("modTs");
        return i >= 0 && !"never".equals(defaults[i]);
    }

    public String[] newValues() { return defaults.clone(); }
}
