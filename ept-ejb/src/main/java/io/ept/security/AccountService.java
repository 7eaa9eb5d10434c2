package io.ept.security;

import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.ept.platform.config.SecretsConfig;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Users and login sessions of the API and the UI. On first start creates {@code admin} with
 * {@code ept.admin.password} / {@code EPT_ADMIN_PASSWORD}, or with a generated password printed once to the log.
 * A CDI bean rather than an EJB so that its validation errors reach callers unwrapped; {@link AccountBootstrap}
 * creates it at deployment.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());

    @Inject
    Infrastructure infrastructure;

    @Inject
    SecretsConfig secretsConfig;

    private AccountDirectory directory;

    @PostConstruct
    void start() {
        directory = new AccountDirectory(infrastructure.database(), new PasswordHasher(), Clock.systemUTC());
        directory.bootstrap(secretsConfig.adminPassword, generated -> LOG.warning(
                "EPT created user 'admin' with the generated password " + generated
                        + " (shown only once; set EPT_ADMIN_PASSWORD before the first start to choose it)"));
    }

    public LoginResult login(String username, String password, boolean tokenRequired) {
        return directory.login(username, password, tokenRequired);
    }

    public void logout(String session) {
        directory.logout(session);
    }

    /** Ends every session of a user except {@code keep} (null: all of them). */
    public void endSessions(String username, String keep) {
        directory.endSessions(username, keep);
    }

    /** The given sessions that are still live, without recording activity (see AccountDirectory#liveSessions). */
    public java.util.Set<String> liveSessions(java.util.Collection<String> sessions) {
        return directory.liveSessions(sessions);
    }

    public Optional<Caller> caller(String session) {
        return directory.caller(session, null);
    }

    /** As {@link #caller(String)}, enforcing the CSRF token of sessions created with token_required. */
    public Optional<Caller> caller(String session, String appToken) {
        return directory.caller(session, appToken);
    }

    public List<Map<String, Object>> listUsers(Caller actor) {
        return directory.listUsers(actor);
    }

    public Map<String, Object> user(Caller actor, String username) {
        return directory.user(actor, username);
    }

    public Map<String, Object> createUser(Caller actor, String username, String password, Role role) {
        return directory.createUser(actor, username, password, role);
    }

    public Map<String, Object> updateUser(Caller actor, String username, String password, Role role) {
        return directory.updateUser(actor, username, password, role, null);
    }

    /** As above; {@code actorSession} is the caller's own session, kept when they change their own password. */
    public Map<String, Object> updateUser(Caller actor, String username, String password, Role role, String actorSession) {
        return directory.updateUser(actor, username, password, role, actorSession);
    }

    public void deleteUser(Caller actor, String username) {
        directory.deleteUser(actor, username);
    }

    public String passwordResetKey(Caller actor, String username) {
        return directory.passwordResetKey(actor, username);
    }

    public void resetPassword(String username, String password, String key) {
        directory.resetPassword(username, password, key);
    }

    public Map<String, Object> settings() {
        return directory.settings();
    }

    public Map<String, Object> updateSettings(Caller actor, Map<String, ?> changes) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin can change settings");
        }
        return directory.updateSettings(changes);
    }
}
