package io.ept.sim.model;

import java.util.function.BiConsumer;

/** Read-only view of one managed object as the APIC shows it: a class, a dn and ordered string attributes. */
public interface MoView {
    String className();

    String dn();

    /** Value of an attribute, or null when the class has no such attribute. */
    String attr(String name);

    /** Visits every attribute in wire order (the order of the public captures). */
    void forEachAttribute(BiConsumer<String, String> visitor);
}
