package io.ept.web.ui;

import io.ept.security.AuthenticationException;
import io.ept.security.LoginResult;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.LiveSessions;
import io.ept.web.security.LoginLimiter;
import io.ept.web.security.SessionCookies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.OptionalLong;

/** Login and logout of the web UI: the session cookie of AccountService, HttpOnly and SameSite=Strict. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    UiServices services;

    @Inject
    CurrentCaller caller;

    @Inject
    LoginLimiter limiter;

    @Inject
    LiveSessions live;

    private String username;
    private String password;
    private String next;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    /** Already logged in: the login page goes straight on. */
    public void redirectIfLoggedIn() throws IOException {
        if (caller.isLoggedIn()) {
            FacesContext.getCurrentInstance().getExternalContext().redirect(target());
        }
    }

    public void login() throws IOException {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String user = username == null ? "" : username.trim();
        OptionalLong wait = limiter.retryAfter(user, request.getRemoteAddr());
        if (wait.isPresent()) {
            // the same answer for existing and unknown users, before any password is checked; an Ajax postback keeps
            // status 200 so that PrimeFaces shows the message (it drops partial responses with an error status)
            if (!context.getPartialViewContext().isAjaxRequest()) {
                external.setResponseStatus(429);
            }
            external.setResponseHeader("Retry-After", Long.toString(wait.getAsLong()));
            Messages.error("Login refused", "Too many failed logins: try again in " + wait.getAsLong() + " s.");
            return;
        }
        LoginResult result;
        try {
            result = services.accounts().login(user, password == null ? "" : password, false);
        } catch (AuthenticationException e) {
            limiter.failed(user, request.getRemoteAddr());
            Messages.error("Login failed", "Wrong username or password.");
            return;
        } catch (RuntimeException e) {
            Messages.failure("Login", e);
            return;
        }
        limiter.succeeded(user);
        // A fresh HTTP session per login: views (and their state) of an earlier user are never reused.
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        long maxAge = Math.max(60, result.expiresEpochSeconds() - System.currentTimeMillis() / 1000);
        SessionCookies.set(request, (HttpServletResponse) external.getResponse(), result.session(), maxAge);
        external.redirect(target());
    }

    public void logout() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpSession httpSession = request.getSession(false);
        if (httpSession != null) {
            httpSession.invalidate(); // closes this browser's push channel
        }
        caller.session().ifPresent(session -> {
            services.accounts().logout(session);
            live.end(session); // the session's event streams and push channels anywhere else on this node
        });
        SessionCookies.clear(request, (HttpServletResponse) external.getResponse());
        external.redirect(request.getContextPath() + "/login.xhtml");
    }

    /** Where to go after login: the page the user asked for (same application only), else home. */
    String target() {
        String root = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
        if (next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && !next.startsWith("/login.xhtml")) {
            return root + next;
        }
        return root + "/index.xhtml";
    }
}
