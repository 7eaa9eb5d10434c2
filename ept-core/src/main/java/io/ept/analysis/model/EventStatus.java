package io.ept.analysis.model;

/** MO event status; an empty status (class query result) means {@link #CREATED}. */
public enum EventStatus {
    CREATED("created"), MODIFIED("modified"), DELETED("deleted");

    private final String wireName;

    EventStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventStatus fromWireName(String name) {
        if (name == null || name.isEmpty()) {
            return CREATED;
        }
        for (EventStatus s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown event status '" + name + "'");
    }
}
