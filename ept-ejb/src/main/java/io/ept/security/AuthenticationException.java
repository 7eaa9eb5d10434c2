package io.ept.security;

/** PLACEHOLDER until the lead's security work is merged: bad credentials (401). */
public class AuthenticationException extends RuntimeException {
    public AuthenticationException(String message) {
        super(message);
    }
}
