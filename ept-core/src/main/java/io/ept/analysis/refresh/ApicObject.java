package io.ept.analysis.refresh;

import java.util.Map;

/** One object of an APIC class query: class name and attributes. */
public record ApicObject(String className, Map<String, String> attributes) {
    public ApicObject {
        attributes = Map.copyOf(attributes);
    }
}
