package io.ept.analysis.model;

/** The {@code type} of an epm event and of an ept.history row: "mac" or "ip". */
public enum EpmType {
    MAC("mac"), IP("ip");

    private final String wireName;

    EpmType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
