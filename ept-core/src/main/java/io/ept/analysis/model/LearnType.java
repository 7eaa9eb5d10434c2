package io.ept.analysis.model;

/** ept.endpoint {@code learn_type}. */
public enum LearnType {
    EPG("epg"), EXTERNAL("external"), OVERLAY("overlay"), PSVI("psvi"), LOOPBACK("loopback");

    private final String wireName;

    LearnType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
