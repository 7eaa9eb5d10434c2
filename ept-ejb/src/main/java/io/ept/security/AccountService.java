package io.ept.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PLACEHOLDER until the lead's security work is merged: in-memory users and sessions with the contract's
 * signatures, so the web UI can be built and tested against it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "ept.admin.password", defaultValue = "cisco")
    String adminPassword;

    private record User(String password, Role role) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Caller> sessions = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        users.put("admin", new User(adminPassword, Role.ADMIN));
    }

    public LoginResult login(String username, String password, boolean tokenRequired) {
        User user = username == null ? null : users.get(username);
        if (user == null || !user.password().equals(password)) {
            throw new AuthenticationException("invalid username or password");
        }
        String session = random();
        Caller caller = new Caller(username, user.role());
        sessions.put(session, caller);
        return new LoginResult(session, tokenRequired ? random() : "", caller, System.currentTimeMillis() / 1000 + 86400);
    }

    public void logout(String session) {
        if (session != null) {
            sessions.remove(session);
        }
    }

    public Optional<Caller> caller(String session) {
        return session == null ? Optional.empty() : Optional.ofNullable(sessions.get(session));
    }

    public List<Document> listUsers() {
        List<Document> out = new ArrayList<>();
        users.forEach((name, u) -> out.add(new Document("username", name).append("role", u.role().code())));
        out.sort((a, b) -> a.getString("username").compareTo(b.getString("username")));
        return out;
    }

    public Document createUser(Caller actor, String username, String password, Role role) {
        requireAdmin(actor);
        if (username == null || !username.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("username must be 1-64 letters, digits or _.@-");
        }
        if (password == null || password.length() < 6) {
            throw new IllegalArgumentException("password must have at least 6 characters");
        }
        if (users.putIfAbsent(username, new User(password, role)) != null) {
            throw new IllegalArgumentException("user " + username + " already exists");
        }
        return new Document("username", username).append("role", role.code());
    }

    public Document updateUser(Caller actor, String username, String password, Role role) {
        User current = users.get(username);
        if (current == null) {
            throw new IllegalArgumentException("user " + username + " does not exist");
        }
        if (!actor.isAdmin() && (!actor.username().equals(username) || role != null && role != current.role())) {
            throw new AccessDeniedException("only an admin can change other users or roles");
        }
        User updated = new User(password == null || password.isEmpty() ? current.password() : password,
                role == null ? current.role() : role);
        users.put(username, updated);
        return new Document("username", username).append("role", updated.role().code());
    }

    public void deleteUser(Caller actor, String username) {
        requireAdmin(actor);
        if (actor.username().equals(username)) {
            throw new IllegalArgumentException("you cannot delete yourself");
        }
        if (users.remove(username) == null) {
            throw new IllegalArgumentException("user " + username + " does not exist");
        }
        sessions.values().removeIf(c -> c.username().equals(username));
    }

    private static void requireAdmin(Caller actor) {
        if (actor == null || !actor.isAdmin()) {
            throw new AccessDeniedException("admin role required");
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
