package io.ept.security;

import io.ept.fabric.schema.ValidationException;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountDirectoryTest {

    private MongoTestServer mongo;
    private MutableClock clock;
    private AccountDirectory accounts;
    private final Caller admin = new Caller("admin", Role.ADMIN);

    @BeforeEach
    void setUp() {
        mongo = new MongoTestServer();
        clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
        // few iterations: the hashing cost is not what these tests are about
        accounts = new AccountDirectory(mongo.database(), new PasswordHasher(1_000), clock);
        accounts.bootstrap(Optional.of("first-pw"), generated -> { });
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void bootstrapUsesTheConfiguredPasswordOrAnnouncesAGeneratedOneNeverAFixedDefault() {
        assertEquals("admin", accounts.login("admin", "first-pw", false).caller().username());
        MongoTestServer other = new MongoTestServer();
        try {
            List<String> announced = new ArrayList<>();
            AccountDirectory fresh = new AccountDirectory(other.database(), new PasswordHasher(1_000), clock);
            fresh.bootstrap(Optional.empty(), announced::add);
            assertEquals(1, announced.size());
            assertTrue(announced.get(0).length() >= 12);
            assertThrows(AuthenticationException.class, () -> fresh.login("admin", "cisco", false));
            assertEquals(Role.ADMIN, fresh.login("admin", announced.get(0), false).caller().role());
            fresh.bootstrap(Optional.empty(), announced::add);
            assertEquals(1, announced.size(), "an existing admin is never replaced");
        } finally {
            other.close();
        }
    }

    @Test
    void passwordsAndSessionIdsAreStoredOnlyAsHashes() {
        LoginResult login = accounts.login("admin", "first-pw", true);
        Document user = mongo.database().getCollection("user").find(new Document("username", "admin")).first();
        assertTrue(user.getString("password").startsWith("pbkdf2-sha256$"));
        assertFalse(user.toJson().contains("first-pw"));
        Document session = mongo.database().getCollection("session").find().first();
        assertNotEquals(login.session(), session.getString("session"));
        assertFalse(session.toJson().contains(login.token()));
    }

    @Test
    void sessionsExpireAfterTheConfiguredTimeout() {
        accounts.updateSettings(Map.of("session_timeout", 120));
        String session = accounts.login("admin", "first-pw", false).session();
        assertTrue(accounts.caller(session, null).isPresent());
        clock.advance(Duration.ofSeconds(121));
        assertTrue(accounts.caller(session, null).isEmpty());
        assertTrue(accounts.caller("made-up", null).isEmpty());
    }

    @Test
    void tokenRequiredSessionsCheckTheAppToken() {
        LoginResult login = accounts.login("admin", "first-pw", true);
        assertThrows(AuthenticationException.class, () -> accounts.caller(login.session(), null));
        assertThrows(AuthenticationException.class, () -> accounts.caller(login.session(), "wrong"));
        assertEquals("admin", accounts.caller(login.session(), login.token()).orElseThrow().username());
    }

    @Test
    void rolesAndSelfServiceRules() {
        accounts.createUser(admin, "alice", "pw", Role.USER);
        Caller alice = new Caller("alice", Role.USER);
        assertThrows(AccessDeniedException.class, () -> accounts.createUser(alice, "bob", "pw", Role.USER));
        assertThrows(AccessDeniedException.class, () -> accounts.updateUser(alice, "alice", null, Role.ADMIN));
        assertThrows(AccessDeniedException.class, () -> accounts.updateUser(alice, "admin", "x", null));
        assertThrows(AccessDeniedException.class, () -> accounts.deleteUser(admin, "admin"));
        assertThrows(AccessDeniedException.class, () -> accounts.deleteUser(admin, "local"));
        assertThrows(AccessDeniedException.class, () -> accounts.updateUser(admin, "admin", null, Role.USER));
        assertThrows(ValidationException.class, () -> accounts.createUser(admin, "root", "pw", Role.USER));
        assertThrows(ValidationException.class, () -> accounts.createUser(admin, "alice", "pw", Role.USER));
        assertThrows(UserNotFoundException.class, () -> accounts.user(admin, "local"));
        assertEquals(List.of("alice"), accounts.listUsers(alice).stream().map(u -> u.get("username")).toList());
        assertEquals(List.of("admin", "alice"), accounts.listUsers(admin).stream().map(u -> u.get("username")).toList());

        accounts.updateUser(alice, "alice", "new-pw", null);
        assertEquals(Role.USER, accounts.login("alice", "new-pw", false).caller().role());
        accounts.updateUser(admin, "alice", null, Role.BLACKLIST);
        assertEquals(Role.BLACKLIST, accounts.login("alice", "new-pw", false).caller().role());
    }

    @Test
    void resetKeysAreSingleUseAndExpire() {
        accounts.createUser(admin, "carol", "pw", Role.USER);
        String key = accounts.passwordResetKey(admin, "carol");
        accounts.resetPassword("carol", "reset-1", key);
        assertThrows(AuthenticationException.class, () -> accounts.resetPassword("carol", "reset-2", key));
        String late = accounts.passwordResetKey(new Caller("carol", Role.USER), "carol");
        clock.advance(Duration.ofSeconds(86_401));
        assertThrows(AuthenticationException.class, () -> accounts.resetPassword("carol", "reset-3", late));
        assertEquals("carol", accounts.login("carol", "reset-1", false).caller().username());
    }

    @Test
    void strengthCheckWhenEnabled() {
        assertTrue(AccountDirectory.strong("Abcdefg1"));
        assertFalse(AccountDirectory.strong("abcdefgh"));
        assertFalse(AccountDirectory.strong("Ab1!"));
        accounts.updateSettings(Map.of("password_strength_check", true));
        assertThrows(ValidationException.class, () -> accounts.createUser(admin, "dave", "password", Role.USER));
        accounts.createUser(admin, "dave", "Pass-word-9", Role.USER);
        assertThrows(ValidationException.class, () -> accounts.updateSettings(Map.of("session_timeout", 10)));
    }

    @Test
    void idleSessionsEndBesidesTheAbsoluteTimeoutAndUseKeepsThemAlive() {
        accounts.updateSettings(Map.of("session_timeout", 7_200, "session_idle_timeout", 600));
        String active = accounts.login("admin", "first-pw", false).session();
        String idle = accounts.login("admin", "first-pw", false).session();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(300));
            assertTrue(accounts.caller(active, null).isPresent(), "used every 5 minutes: still live after " + (i + 1) * 300 + " s");
        }
        assertTrue(accounts.caller(idle, null).isEmpty(), "unused for 25 minutes with a 10 minute idle timeout");
        assertEquals(1, mongo.database().getCollection("session").countDocuments(), "the idle session was removed");
        clock.advance(Duration.ofSeconds(601));
        assertTrue(accounts.caller(active, null).isEmpty());
        assertEquals(1_800L, ((Number) GlobalSettings.SCHEMA.defaults().get("session_idle_timeout")).longValue(), "default: 30 minutes");
    }

    @Test
    void passwordChangeAndBlacklistingEndTheOtherSessions() {
        accounts.createUser(admin, "erin", "pw", Role.USER);
        Caller erin = new Caller("erin", Role.USER);
        String mine = accounts.login("erin", "pw", false).session();
        String other = accounts.login("erin", "pw", false).session();
        String admins = accounts.login("admin", "first-pw", false).session();
        assertEquals(java.util.Set.of(mine, other, admins), accounts.liveSessions(List.of(mine, other, admins, "made-up")));

        accounts.updateUser(erin, "erin", "pw-2", null, mine);
        assertTrue(accounts.caller(mine, null).isPresent(), "the session that changed the password stays");
        assertTrue(accounts.caller(other, null).isEmpty(), "every other session of the user ends");
        assertTrue(accounts.caller(admins, null).isPresent());

        String again = accounts.login("erin", "pw-2", false).session();
        accounts.updateUser(admin, "erin", null, Role.BLACKLIST);
        assertTrue(accounts.caller(mine, null).isEmpty());
        assertTrue(accounts.caller(again, null).isEmpty());
        String blocked = accounts.login("erin", "pw-2", false).session();
        assertEquals(java.util.Set.of(admins), accounts.liveSessions(List.of(blocked, admins)),
                "a blacklisted user's session is never live for streams");

        accounts.endSessions("admin", null);
        assertTrue(accounts.caller(admins, null).isEmpty());
    }

    @Test
    void hashesOfAnOlderCostAreUpgradedAtLogin() {
        AccountDirectory stronger = new AccountDirectory(mongo.database(), new PasswordHasher(2_000), clock);
        String before = mongo.database().getCollection("user").find(new Document("username", "admin")).first().getString("password");
        assertTrue(before.startsWith("pbkdf2-sha256$1000$"), before);
        assertThrows(AuthenticationException.class, () -> stronger.login("admin", "wrong", false));
        assertEquals(before, mongo.database().getCollection("user").find(new Document("username", "admin")).first()
                .getString("password"), "a failed login changes nothing");
        stronger.login("admin", "first-pw", false);
        String after = mongo.database().getCollection("user").find(new Document("username", "admin")).first().getString("password");
        assertTrue(after.startsWith("pbkdf2-sha256$2000$"), after);
        assertEquals("admin", stronger.login("admin", "first-pw", false).caller().username());
        assertEquals("admin", accounts.login("admin", "first-pw", false).caller().username(),
                "the cost is read from the hash, so a cheaper hasher still verifies");
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
