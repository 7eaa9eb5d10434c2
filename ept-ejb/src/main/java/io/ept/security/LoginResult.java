package io.ept.security;

/** PLACEHOLDER until the lead's security work is merged. */
public record LoginResult(String session, String token, Caller caller, long expiresEpochSeconds) {
}
