package io.ept.security;

/** PLACEHOLDER until the lead's security work is merged: EPT 2.x roles (ept-reference 5.1). */
public enum Role {
    ADMIN(0, "admin"), USER(1, "user"), BLACKLIST(2, "blacklist");

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

    public static Role of(int code) {
        for (Role r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be 0 (admin), 1 (user) or 2 (blacklist), got " + code);
    }
}
