package io.ept.security;

/** A new session: its id (cookie/header {@code session}), its CSRF token ({@code app-token}) and its caller. */
public record LoginResult(String session, String token, Caller caller, long expiresEpochSeconds) {
}
