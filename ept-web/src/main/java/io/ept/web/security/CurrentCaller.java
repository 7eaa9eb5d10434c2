package io.ept.web.security;

import io.ept.security.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** The caller of the current HTTP request, resolved from its session by {@link SessionFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private String session;
    private String problem;

    void resolved(Caller caller, String session) {
        this.caller = caller;
        this.session = session;
    }

    void rejected(String problem) {
        this.problem = problem;
    }

    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    /** The caller, or an authentication failure (HTTP 401) naming what was wrong with the request's session. */
    public Caller require() {
        if (caller == null) {
            throw new io.ept.security.AuthenticationException(problem != null ? problem
                    : "authentication required: POST /ept/api/user/login, then send cookie or header 'session'");
        }
        return caller;
    }

    public boolean isLoggedIn() {
        return caller != null;
    }

    public boolean isAdmin() {
        return caller != null && caller.isAdmin();
    }

    public String username() {
        return caller != null ? caller.username() : null;
    }

    /** The session id of this request, if it came with a valid one. */
    public Optional<String> session() {
        return Optional.ofNullable(session);
    }

    /** Why a session sent with the request was not accepted (expired, missing app-token...), if one was. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
