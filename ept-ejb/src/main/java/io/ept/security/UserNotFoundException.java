package io.ept.security;

/** No such user (HTTP 404). */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(String username) {
        super("user '" + username + "' not found");
    }
}
