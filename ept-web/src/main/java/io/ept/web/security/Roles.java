package io.ept.web.security;

/** Role names for {@code @RolesAllowed} on API routes; {@link #USER} routes are open to admins as well. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    private Roles() {
    }
}
