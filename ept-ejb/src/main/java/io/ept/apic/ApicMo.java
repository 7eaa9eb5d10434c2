package io.ept.apic;

import java.util.List;
import java.util.Map;

/**
 * One managed object as the APIC returns it: {@code {"<class>":{"attributes":{...},"children":[...]}}}. APIC
 * values are always strings.
 */
public record ApicMo(String className, Map<String, String> attributes, List<ApicMo> children) {

    public ApicMo {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public String attr(String name) {
        return attributes.getOrDefault(name, "");
    }

    public String dn() {
        return attr("dn");
    }

    /** Websocket and class-query status: created, modified or deleted (class queries carry none: created). */
    public String status() {
        String status = attr("status");
        return status.isEmpty() ? "created" : status;
    }
}
