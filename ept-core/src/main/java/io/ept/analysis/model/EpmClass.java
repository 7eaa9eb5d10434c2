package io.ept.analysis.model;

/** The three APIC epm classes EPT subscribes to. */
public enum EpmClass {
    MAC_EP("epmMacEp", EpmType.MAC),
    IP_EP("epmIpEp", EpmType.IP),
    /** Rewrite info (MAC + BD) of an IP; belongs to the IP's key. */
    RS_MAC_EP_TO_IP_EP_ATT("epmRsMacEpToIpEpAtt", EpmType.IP);

    private final String className;
    private final EpmType type;

    EpmClass(String className, EpmType type) {
        this.className = className;
        this.type = type;
    }

    public String className() {
        return className;
    }

    public EpmType type() {
        return type;
    }

    public static EpmClass fromClassName(String name) {
        for (EpmClass c : values()) {
            if (c.className.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unsupported epm class '" + name + "'");
    }
}
