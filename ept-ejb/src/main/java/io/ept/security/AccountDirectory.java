package io.ept.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.ept.fabric.schema.ValidationException;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * Users, login sessions, password resets and the global settings, with EPT 2.x's rules (ept-reference 5.1-5.2):
 * non-admins see and edit only themselves and never change a role, nobody deletes themselves or a reserved user.
 * Passwords are PBKDF2 hashes; session ids and reset keys are stored only as SHA-256 digests, so a database dump
 * cannot be replayed against the API.
 */
public class AccountDirectory {

    public static final String USERS = "user";
    public static final String SESSIONS = "session";
    public static final String SETTINGS = "settings";
    public static final String ADMIN = "admin";
    /** Internal account of EPT 2.x; reserved so that nobody can take the name. */
    public static final String LOCAL = "local";
    public static final Set<String> RESERVED = Set.of("root", LOCAL);
    static final Pattern USERNAME = Pattern.compile("^[a-zA-Z0-9\\-.:_@]{1,128}$");
    private static final Document SETTINGS_KEY = new Document("settings", "global");

    private final MongoDatabase db;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Hash checked when the user does not exist, so a missing user costs as long as a wrong password. */
    private final String decoyHash;
    private static final long SETTINGS_CACHE_NANOS = 2_000_000_000L;
    private volatile Map<String, Object> cachedSettings;
    private volatile long cachedAt;

    public AccountDirectory(MongoDatabase db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
        this.decoyHash = hasher.hash(PasswordHasher.randomSecret(12));
        users().createIndex(Indexes.ascending("username"), new IndexOptions().unique(true));
        sessions().createIndex(Indexes.ascending("session"), new IndexOptions().unique(true));
    }

    /**
     * First start: creates {@code admin} with the configured password, or a generated one handed to
     * {@code announce} (printed once to the log); never a fixed default. Also creates the reserved internal user.
     */
    public void bootstrap(Optional<String> adminPassword, Consumer<String> announce) {
        if (users().find(eq("username", ADMIN)).first() == null && users().countDocuments(eq("role", Role.ADMIN.code())) == 0) {
            String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
            if (password == null) {
                password = PasswordHasher.randomSecret(12);
                announce.accept(password);
            }
            insertUser(ADMIN, password, Role.ADMIN);
        }
        if (users().find(eq("username", LOCAL)).first() == null) {
            insertUser(LOCAL, PasswordHasher.randomSecret(24), Role.ADMIN);
        }
        if (settingsCollection().find(SETTINGS_KEY).first() == null) {
            Document defaults = new Document(SETTINGS_KEY);
            defaults.putAll(GlobalSettings.SCHEMA.defaults());
            settingsCollection().insertOne(defaults);
        }
    }

    // ---- sessions ----------------------------------------------------------------------------------------------

    public LoginResult login(String username, String password, boolean tokenRequired) {
        if (username == null || password == null || username.isBlank()) {
            throw new AuthenticationException("username and password required");
        }
        Document user = users().find(eq("username", username)).first();
        boolean valid = hasher.matches(password, user != null ? user.getString("password") : decoyHash);
        if (user == null || !valid || LOCAL.equals(username)) {
            throw new AuthenticationException("invalid username or password");
        }
        long now = now();
        sessions().deleteMany(lt("expires", now));
        String session = PasswordHasher.randomSecret(32);
        String token = PasswordHasher.randomSecret(24);
        long expires = now + settingInt("session_timeout");
        sessions().insertOne(new Document("session", PasswordHasher.digest(session))
                .append("username", username).append("created", now).append("expires", expires)
                .append("last_seen", now)
                .append("token_required", tokenRequired).append("token", PasswordHasher.digest(token)));
        List<org.bson.conversions.Bson> changes = new ArrayList<>();
        changes.add(Updates.set("last_login", now));
        if (hasher.needsRehash(user.getString("password"))) {
            // transparent upgrade of hashes made with an older (cheaper) cost: the password is known right now
            changes.add(Updates.set("password", hasher.hash(password)));
        }
        users().updateOne(eq("username", username), Updates.combine(changes));
        return new LoginResult(session, token, caller(user), expires);
    }

    /** The caller of a live session; {@code token} is checked only when the session was created token_required. */
    public Optional<Caller> caller(String session, String token) {
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        String digest = PasswordHasher.digest(session);
        Document record = sessions().find(eq("session", digest)).first();
        long now = now();
        if (record == null || record.get("expires", Number.class).longValue() < now) {
            return Optional.empty();
        }
        int idle = settingInt("session_idle_timeout");
        if (idle(record, now, idle)) {
            sessions().deleteOne(eq("session", digest));
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(record.getBoolean("token_required"))
                && (token == null || !PasswordHasher.digest(token).equals(record.getString("token")))) {
            throw new AuthenticationException("this session requires its app-token header");
        }
        Document user = users().find(eq("username", record.getString("username"))).first();
        if (user == null) {
            return Optional.empty();
        }
        // record activity for the idle timeout, at most once per tenth of the timeout (a minute at most) per session,
        // so busy clients do not write the session on every request
        Number seen = record.get("last_seen", Number.class);
        if (seen == null || now - seen.longValue() >= Math.min(60, Math.max(1, idle / 10))) {
            sessions().updateOne(eq("session", digest), Updates.set("last_seen", now));
        }
        return Optional.of(caller(user));
    }

    private static boolean idle(Document record, long now, int idleSeconds) {
        Number seen = record.get("last_seen", Number.class);
        if (seen == null) {
            seen = record.get("created", Number.class);
        }
        return seen != null && now - seen.longValue() > idleSeconds;
    }

    /**
     * Which of the given session ids are still live (not expired, not idle, user present and not blacklisted),
     * without recording activity: open event streams and push channels are re-checked with it, and closed when
     * their session has ended (logout, password change, blacklisting, timeout) on any node.
     */
    public Set<String> liveSessions(java.util.Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byDigest = new java.util.HashMap<>();
        sessionIds.forEach(id -> byDigest.put(PasswordHasher.digest(id), id));
        long now = now();
        int idle = settingInt("session_idle_timeout");
        Map<String, Boolean> usable = new java.util.HashMap<>();
        Set<String> live = new java.util.HashSet<>();
        for (Document record : sessions().find(com.mongodb.client.model.Filters.in("session", byDigest.keySet()))) {
            if (record.get("expires", Number.class).longValue() < now || idle(record, now, idle)) {
                continue;
            }
            String username = record.getString("username");
            boolean ok = usable.computeIfAbsent(username, u -> {
                Document user = users().find(eq("username", u)).first();
                return user != null && user.getInteger("role") != Role.BLACKLIST.code();
            });
            if (ok) {
                live.add(byDigest.get(record.getString("session")));
            }
        }
        return live;
    }

    public void logout(String session) {
        if (session != null) {
            sessions().deleteOne(eq("session", PasswordHasher.digest(session)));
        }
    }

    /** Ends every session of a user, except {@code keep} (the caller's own session) when given. */
    public void endSessions(String username, String keep) {
        if (keep == null) {
            sessions().deleteMany(eq("username", username));
        } else {
            sessions().deleteMany(com.mongodb.client.model.Filters.and(eq("username", username),
                    com.mongodb.client.model.Filters.ne("session", PasswordHasher.digest(keep))));
        }
    }

    // ---- users -------------------------------------------------------------------------------------------------

    public List<Map<String, Object>> listUsers(Caller actor) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Document user : users().find().sort(Indexes.ascending("username"))) {
            String name = user.getString("username");
            if (!LOCAL.equals(name) && (actor.isAdmin() || actor.username().equals(name))) {
                views.add(view(user));
            }
        }
        return views;
    }

    public Map<String, Object> user(Caller actor, String username) {
        requireSelfOrAdmin(actor, username, "read");
        return view(requireUser(username));
    }

    public Map<String, Object> createUser(Caller actor, String username, String password, Role role) {
        requireAdmin(actor, "create users");
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ValidationException("username required, matching " + USERNAME.pattern());
        }
        if (RESERVED.contains(username.toLowerCase())) {
            throw new ValidationException("username '" + username + "' is reserved");
        }
        checkPassword(password);
        try {
            insertUser(username, password, role == null ? Role.USER : role);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ValidationException("user '" + username + "' already exists");
            }
            throw e;
        }
        return view(requireUser(username));
    }

    public Map<String, Object> updateUser(Caller actor, String username, String password, Role role) {
        return updateUser(actor, username, password, role, null);
    }

    /**
     * Updates a password or role. A new password ends every other session of the user (all of them when an admin
     * set it, or when the caller's own session is not known); blacklisting ends all of the user's sessions.
     */
    public Map<String, Object> updateUser(Caller actor, String username, String password, Role role, String actorSession) {
        requireSelfOrAdmin(actor, username, "update");
        Document user = requireUser(username);
        if (LOCAL.equals(username)) {
            throw new AccessDeniedException("user '" + LOCAL + "' is internal");
        }
        List<org.bson.conversions.Bson> changes = new ArrayList<>();
        if (role != null && role.code() != user.getInteger("role")) {
            if (!actor.isAdmin()) {
                throw new AccessDeniedException("only an admin can change a role");
            }
            if (actor.username().equals(username)) {
                throw new AccessDeniedException("you cannot change your own role");
            }
            changes.add(Updates.set("role", role.code()));
        }
        if (password != null) {
            checkPassword(password);
            changes.add(Updates.set("password", hasher.hash(password)));
        }
        if (!changes.isEmpty()) {
            users().updateOne(eq("username", username), Updates.combine(changes));
        }
        if (role == Role.BLACKLIST) {
            endSessions(username, null);
        } else if (password != null) {
            // a password set by an admin ends all the user's sessions; one set by the user ends their other sessions
            endSessions(username, actor.username().equals(username) ? actorSession : null);
        }
        return view(requireUser(username));
    }

    public void deleteUser(Caller actor, String username) {
        requireAdmin(actor, "delete users");
        if (actor.username().equals(username)) {
            throw new AccessDeniedException("you cannot delete yourself");
        }
        if (RESERVED.contains(username)) {
            throw new AccessDeniedException("user '" + username + "' is reserved");
        }
        requireUser(username);
        users().deleteOne(eq("username", username));
        sessions().deleteMany(eq("username", username));
    }

    /** A one-time key with which {@link #resetPassword} sets a new password without the old one. */
    public String passwordResetKey(Caller actor, String username) {
        requireSelfOrAdmin(actor, username, "reset the password of");
        requireUser(username);
        String key = PasswordHasher.randomSecret(24);
        users().updateOne(eq("username", username), Updates.combine(
                Updates.set("reset_key", PasswordHasher.digest(key)),
                Updates.set("reset_expires", now() + settingInt("password_reset_timeout"))));
        return key;
    }

    public void resetPassword(String username, String password, String key) {
        Document user = username == null ? null : users().find(eq("username", username)).first();
        if (user == null || key == null || !PasswordHasher.digest(key).equals(user.getString("reset_key"))
                || user.get("reset_expires", Number.class) == null
                || user.get("reset_expires", Number.class).longValue() < now()) {
            throw new AuthenticationException("invalid or expired password reset key");
        }
        checkPassword(password);
        users().updateOne(eq("username", username), Updates.combine(Updates.set("password", hasher.hash(password)),
                Updates.unset("reset_key"), Updates.unset("reset_expires")));
        sessions().deleteMany(eq("username", username));
    }

    // ---- global settings ---------------------------------------------------------------------------------------

    public Map<String, Object> settings() {
        Document doc = settingsCollection().find(SETTINGS_KEY).first();
        Map<String, Object> view = new LinkedHashMap<>(GlobalSettings.SCHEMA.defaults());
        if (doc != null) {
            GlobalSettings.SCHEMA.attributes().forEach(a -> {
                if (doc.containsKey(a.name())) {
                    view.put(a.name(), doc.get(a.name()));
                }
            });
        }
        return view;
    }

    public Map<String, Object> updateSettings(Map<String, ?> input) {
        Map<String, Object> clean = GlobalSettings.SCHEMA.validateInput(input, List.of());
        Document merged = new Document(SETTINGS_KEY);
        merged.putAll(settings());
        merged.putAll(clean);
        settingsCollection().replaceOne(SETTINGS_KEY, merged, new ReplaceOptions().upsert(true));
        cachedSettings = null;
        return settings();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void insertUser(String username, String password, Role role) {
        users().insertOne(new Document("username", username).append("password", hasher.hash(password))
                .append("role", role.code()).append("last_login", 0L));
    }

    private void checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new ValidationException("password required");
        }
        if (password.length() > 256) {
            throw new ValidationException("password longer than 256 characters");
        }
        if (Boolean.TRUE.equals(settings().get("password_strength_check")) && !strong(password)) {
            throw new ValidationException("password too weak: use 8 or more characters mixing at least three of "
                    + "lower case, upper case, digits and symbols");
        }
    }

    static boolean strong(String password) {
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        return password.length() >= 8 && classes >= 3;
    }

    private void requireAdmin(Caller actor, String action) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin can " + action);
        }
    }

    private void requireSelfOrAdmin(Caller actor, String username, String action) {
        if (!actor.isAdmin() && !actor.username().equals(username)) {
            throw new AccessDeniedException("you can only " + action + " your own user");
        }
    }

    private Document requireUser(String username) {
        Document user = users().find(eq("username", username)).first();
        if (user == null || LOCAL.equals(username)) {
            throw new UserNotFoundException(username);
        }
        return user;
    }

    private static Caller caller(Document user) {
        return new Caller(user.getString("username"), Role.fromCode(user.getInteger("role")));
    }

    private static Map<String, Object> view(Document user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", user.getString("username"));
        view.put("role", user.getInteger("role"));
        view.put("last_login", user.get("last_login"));
        view.put("dn", "/uni/username-" + user.getString("username"));
        return view;
    }

    /**
     * A global setting as a number, read through a short cache: every authenticated request needs the idle timeout,
     * and a change made on another node may take {@link #SETTINGS_CACHE_NANOS} to apply here.
     */
    private int settingInt(String name) {
        Map<String, Object> cached = cachedSettings;
        if (cached == null || System.nanoTime() - cachedAt > SETTINGS_CACHE_NANOS) {
            cached = settings();
            cachedSettings = cached;
            cachedAt = System.nanoTime();
        }
        return ((Number) cached.get(name)).intValue();
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private MongoCollection<Document> users() {
        return db.getCollection(USERS);
    }

    private MongoCollection<Document> sessions() {
        return db.getCollection(SESSIONS);
    }

    private MongoCollection<Document> settingsCollection() {
        return db.getCollection(SETTINGS);
    }
}
