package io.ept.security;

/** PLACEHOLDER until the lead's security work is merged: the authenticated user of a request. */
public record Caller(String username, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
