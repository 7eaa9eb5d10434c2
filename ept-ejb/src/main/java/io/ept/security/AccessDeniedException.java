package io.ept.security;

/** PLACEHOLDER until the lead's security work is merged: the caller's role does not allow this (403). */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
