package io.ept.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void hashesAreSaltedAndVerify() {
        String a = hasher.hash("secret");
        String b = hasher.hash("secret");
        assertNotEquals(a, b);
        assertTrue(hasher.matches("secret", a));
        assertFalse(hasher.matches("Secret", a));
        assertTrue(new PasswordHasher(2_000).matches("secret", a), "the cost is read from the stored hash");
    }

    @Test
    void cheaperOrMalformedHashesNeedARehash() {
        String hash = hasher.hash("secret");
        assertFalse(hasher.needsRehash(hash));
        assertTrue(new PasswordHasher(2_000).needsRehash(hash));
        assertFalse(new PasswordHasher(500).needsRehash(hash));
        assertTrue(hasher.needsRehash("plain"));
        assertTrue(hasher.needsRehash(null));
        assertTrue(PasswordHasher.DEFAULT_ITERATIONS >= 600_000, "OWASP figure for PBKDF2-HMAC-SHA256");
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertFalse(hasher.matches("x", null));
        assertFalse(hasher.matches("x", "plain"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$abc$AA==$AA=="));
        assertFalse(hasher.matches(null, hasher.hash("x")));
    }
}
