package io.ept.analysis.model;

/** Address family of an endpoint as stored in the {@code type} attribute of ept.endpoint/move/stale/... */
public enum EndpointType {
    MAC("mac"), IPV4("ipv4"), IPV6("ipv6");

    private final String wireName;

    EndpointType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isIp() {
        return this != MAC;
    }

    /** Type of an address given the epm event type ("mac" or "ip"). */
    public static EndpointType of(String addr, EpmType epmType) {
        if (epmType == EpmType.MAC) {
            return MAC;
        }
        return addr.indexOf(':') >= 0 ? IPV6 : IPV4;
    }

    public static EndpointType fromWireName(String name) {
        for (EndpointType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown endpoint type '" + name + "'");
    }
}
