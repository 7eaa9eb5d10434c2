package io.ept.web.security;

import io.ept.security.AccountService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import io.ept.web.config.WebConfig;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this node holds open on behalf of a login session: server-sent event streams, and the HTTP sessions of the
 * UI (whose invalidation makes Undertow close the Faces push websockets opened in them). They are closed at once
 * when their session ends here (logout, password change, blacklisting), and every few seconds the remaining ones are
 * re-checked against the session store, which catches sessions ended on another node, idle or expired sessions and
 * users blacklisted meanwhile.
 */
@ApplicationScoped
public class LiveSessions {

    private static final Logger LOG = Logger.getLogger(LiveSessions.class.getName());
    static final String HTTP_SESSION_KEY = "ept.login-session";

    @Inject
    AccountService accounts;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    WebConfig webConfig;

    private record Held(String session, String username, AutoCloseable closer, BooleanSupplier closed) {
    }

    private final Map<Object, Held> held = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (scheduler != null && task == null) {
            long period = Math.max(1, webConfig.sessionCheckSeconds);
            task = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Holds {@code closer} open for {@code session}; returns the key for {@link #release}. */
    public Object hold(String session, String username, AutoCloseable closer, BooleanSupplier closed) {
        Object key = new Object();
        held.put(key, new Held(session, username, closer, closed));
        return key;
    }

    public void release(Object key) {
        if (key != null) {
            held.remove(key);
        }
    }

    /** Binds a UI HTTP session to its login session (once): ending the login session invalidates it. */
    public void bind(HttpSession httpSession, String session, String username) {
        try {
            if (session.equals(httpSession.getAttribute(HTTP_SESSION_KEY))) {
                return;
            }
            release(httpSession.getAttribute(HTTP_SESSION_KEY + ".key"));
            Object key = hold(session, username, httpSession::invalidate, () -> false);
            httpSession.setAttribute(HTTP_SESSION_KEY, session);
            httpSession.setAttribute(HTTP_SESSION_KEY + ".key", key);
        } catch (IllegalStateException e) {
            // invalidated meanwhile
        }
    }

    /** Called when an HTTP session ends (see {@link HttpSessionEnd}). */
    void unbound(HttpSession httpSession) {
        try {
            release(httpSession.getAttribute(HTTP_SESSION_KEY + ".key"));
        } catch (IllegalStateException e) {
            // attributes no longer readable
        }
    }

    /** Closes everything held for one login session. */
    public void end(String session) {
        closeWhere(h -> h.session().equals(session));
    }

    /** Closes everything held for a user's sessions, except for {@code keep} (null: all). */
    public void endUser(String username, String keep) {
        closeWhere(h -> h.username().equals(username) && !h.session().equals(keep));
    }

    public int size() {
        return held.size();
    }

    /** Re-checks every held session against the store; closes what belongs to ended sessions. */
    void check() {
        try {
            held.entrySet().removeIf(e -> e.getValue().closed().getAsBoolean());
            if (held.isEmpty()) {
                return;
            }
            Set<String> sessions = new HashSet<>();
            held.values().forEach(h -> sessions.add(h.session()));
            Set<String> live = accounts.liveSessions(sessions);
            closeWhere(h -> !live.contains(h.session()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "session check skipped: " + e.getMessage());
        }
    }

    /**
     * Closes off the calling thread: closing an event stream inside a JAX-RS request (a logout) would tear down that
     * request's RESTEasy context under its feet.
     */
    private void closeWhere(java.util.function.Predicate<Held> condition) {
        java.util.List<Held> ended = new java.util.ArrayList<>();
        for (Map.Entry<Object, Held> entry : held.entrySet()) {
            if (condition.test(entry.getValue()) && held.remove(entry.getKey()) != null) {
                ended.add(entry.getValue());
            }
        }
        if (ended.isEmpty()) {
            return;
        }
        Runnable close = () -> ended.forEach(h -> {
            try {
                h.closer().close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a stream of an ended session: " + e.getMessage());
            }
        });
        if (scheduler != null) {
            scheduler.execute(close);
        } else {
            close.run();
        }
    }
}
