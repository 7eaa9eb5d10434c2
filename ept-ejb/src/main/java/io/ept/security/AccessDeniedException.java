package io.ept.security;

/** The caller is known but may not do this (HTTP 403). */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
