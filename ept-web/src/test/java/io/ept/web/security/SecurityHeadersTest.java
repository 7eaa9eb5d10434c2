package io.ept.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityHeadersTest {

    private static HttpServletRequest request(boolean secure) {
        return (HttpServletRequest) Proxy.newProxyInstance(SecurityHeadersTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isSecure" -> secure;
                    case "getContextPath" -> "/ept";
                    default -> null;
                });
    }

    private static HttpServletResponse response(Map<String, String> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(SecurityHeadersTest.class.getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader") || method.getName().equals("addHeader")) {
                        headers.merge((String) args[0], (String) args[1], (a, b) -> a + "\n" + b);
                    }
                    return null;
                });
    }

    @Test
    void everyResponseGetsThePolicyAndTlsAddsHsts() {
        Map<String, String> plain = new HashMap<>();
        SecurityHeaders.apply(request(false), response(plain));
        assertTrue(plain.get("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", plain.get("X-Content-Type-Options"));
        assertEquals("same-origin", plain.get("Referrer-Policy"));
        assertNull(plain.get("Strict-Transport-Security"));

        Map<String, String> tls = new HashMap<>();
        SecurityHeaders.apply(request(true), response(tls));
        assertTrue(tls.get("Strict-Transport-Security").startsWith("max-age="));
    }

    @Test
    void theSessionCookieIsSecureOverTls() {
        Map<String, String> plain = new HashMap<>();
        SessionCookies.set(request(false), response(plain), "abc", 60);
        SessionCookies.clear(request(false), response(plain));
        assertFalse(plain.get("Set-Cookie").contains("Secure"), plain.toString());
        Map<String, String> tls = new HashMap<>();
        SessionCookies.set(request(true), response(tls), "abc", 60);
        SessionCookies.clear(request(true), response(tls));
        for (String cookie : tls.get("Set-Cookie").split("\n")) {
            assertTrue(cookie.endsWith("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        }
    }
}
