package io.ept.sim.model;

import java.util.Map;
import java.util.function.BiConsumer;

/** An immutable configuration/fabric MO: schema plus one value per schema attribute (compact at scale). */
public final class StoredMo implements MoView {
    private final ClassSchema schema;
    private final String dn;
    private final String[] values;

    private StoredMo(ClassSchema schema, String dn, String[] values) {
        this.schema = schema;
        this.dn = dn;
        this.values = values;
        int dnIdx = schema.indexOf("dn");
        if (dnIdx >= 0) values[dnIdx] = dn;
    }

    /** Builds an object from the class defaults overridden by {@code attrs} (attributes unknown to the class are ignored). */
    public static StoredMo of(String cls, String dn, Map<String, String> attrs) {
        ClassSchema schema = Schemas.get(cls);
        if (schema == null) schema = Schemas.getOrCreate(cls, new java.util.ArrayList<>(attrs.keySet()));
        String[] values = schema.newValues();
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            int i = schema.indexOf(e.getKey());
            if (i >= 0 && e.getValue() != null) values[i] = Interner.intern(e.getValue());
        }
        int st = schema.indexOf("status");
        if (st >= 0) values[st] = "";
        return new StoredMo(schema, dn, values);
    }

    /** Shortcut: alternating name/value pairs. */
    public static StoredMo of(String cls, String dn, String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return of(cls, dn, m);
    }

    /** A copy with some attributes changed (attributes unknown to the class are ignored). */
    public StoredMo with(Map<String, String> changes) {
        String[] v = values.clone();
        for (Map.Entry<String, String> e : changes.entrySet()) {
            int i = schema.indexOf(e.getKey());
            if (i >= 0 && !"dn".equals(e.getKey()) && !"status".equals(e.getKey()) && !"rn".equals(e.getKey()))
                v[i] = Interner.intern(e.getValue());
        }
        return new StoredMo(schema, dn, v);
    }

    public ClassSchema schema() { return schema; }

    @Override public String className() { return schema.name(); }

    @Override public String dn() { return dn; }

    @Override public String attr(String name) {
        int i = schema.indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override public void forEachAttribute(BiConsumer<String, String> visitor) {
        for (int i = 0; i < values.length; i++) visitor.accept(schema.attrName(i), values[i]);
    }
}
