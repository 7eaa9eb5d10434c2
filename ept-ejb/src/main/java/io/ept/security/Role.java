package io.ept.security;

import java.util.Arrays;

/** EPT 2.x roles: stored and sent as their numeric code (0 admin, 1 user, 2 blacklist). */
public enum Role {
    ADMIN(0, "admin"),
    USER(1, "user"),
    BLACKLIST(2, "blacklist");

    private final int code;
    private final String label;

    Role(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** True when a caller with this role may use a route that requires {@code required}. */
    public boolean satisfies(Role required) {
        return this != BLACKLIST && code <= required.code;
    }

    public static Role fromCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be 0 (admin), 1 (user) or 2 (blacklist), got " + code));
    }

    public static Role fromLabel(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + label + "'"));
    }
}
