package io.ept.web.security;

import io.ept.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.Optional;

/** PLACEHOLDER until the lead's security work is merged: the caller of the current request, set by SessionFilter. */
@Named
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    public void set(Caller caller) {
        this.caller = caller;
    }

    public boolean isLoggedIn() {
        return caller != null;
    }

    public boolean isAdmin() {
        return caller != null && caller.isAdmin();
    }

    public String username() {
        return caller == null ? null : caller.username();
    }
}
