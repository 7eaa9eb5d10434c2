package io.ept.security;

/** Who is making a request: a logged-in user and their role. */
public record Caller(String username, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
