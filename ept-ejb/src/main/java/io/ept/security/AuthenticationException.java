package io.ept.security;

/** No valid session or credentials (HTTP 401). */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
