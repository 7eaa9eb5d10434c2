package io.ept.web.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckTest {

    private static final String OWN = "http://localhost:8080";

    @Test
    void sameOriginPasses() {
        assertNull(OriginCheck.refusal("http://localhost:8080", null, OWN, Set.of()));
        assertNull(OriginCheck.refusal("HTTP://LOCALHOST:8080", null, OWN, Set.of()));
        assertNull(OriginCheck.refusal(null, "http://localhost:8080/ept/dashboard.xhtml?fabric=demo", OWN, Set.of()));
        assertNull(OriginCheck.refusal("https://ept.example.net", null, "https://ept.example.net:443", Set.of()));
        assertNull(OriginCheck.refusal("https://ept.example.net", null, OWN, Set.of("https://ept.example.net")));
    }

    @Test
    void otherOriginsAreRefusedEvenOnTheSameSite() {
        assertNotNull(OriginCheck.refusal("http://localhost:8081", null, OWN, Set.of()), "another port");
        assertNotNull(OriginCheck.refusal("http://evil.localhost:8080", null, OWN, Set.of()));
        assertNotNull(OriginCheck.refusal("https://localhost:8080", null, OWN, Set.of()), "another scheme");
        assertNotNull(OriginCheck.refusal("null", null, OWN, Set.of()));
        assertNotNull(OriginCheck.refusal(null, "http://localhost:9999/x", OWN, Set.of()));
        assertNotNull(OriginCheck.refusal(null, "not a url", OWN, Set.of()));
        assertNotNull(OriginCheck.refusal("http://localhost:8080", "http://evil/", "http://localhost:8081", Set.of()),
                "Origin wins over Referer");
    }

    @Test
    void requestsWithoutOriginOrRefererAreScriptsAndPass() {
        assertNull(OriginCheck.refusal(null, null, OWN, Set.of()));
        assertNull(OriginCheck.refusal("", " ", OWN, Set.of()));
    }

    @Test
    void onlyStateChangingMethodsAreChecked() {
        assertTrue(OriginCheck.isStateChanging("POST"));
        assertTrue(OriginCheck.isStateChanging("delete"));
        assertTrue(OriginCheck.isStateChanging("PATCH"));
        assertTrue(OriginCheck.isStateChanging("PUT"));
        assertFalse(OriginCheck.isStateChanging("GET"));
        assertFalse(OriginCheck.isStateChanging("HEAD"));
        assertFalse(OriginCheck.isStateChanging("OPTIONS"));
    }
}
