package io.ept.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code session} cookie shared by the API and the UI: HttpOnly, SameSite=Strict, scoped to /ept, and
 * {@code Secure} when the request came over TLS.
 */
public final class SessionCookies {

    public static final String NAME = "session";
    public static final String TOKEN_HEADER = "app-token";

    private SessionCookies() {
    }

    /** The session id from the header {@code session}, else from the cookie. */
    public static String read(HttpServletRequest request) {
        String header = request.getHeader(NAME);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (NAME.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** True when the request carries its session in the {@code session} header (a script, not a browser cookie). */
    public static boolean fromHeader(HttpServletRequest request) {
        String header = request.getHeader(NAME);
        return header != null && !header.isBlank();
    }

    public static String setCookie(String contextPath, String session, long maxAgeSeconds) {
        return setCookie(contextPath, session, maxAgeSeconds, false);
    }

    public static String setCookie(String contextPath, String session, long maxAgeSeconds, boolean secure) {
        return NAME + "=" + session + "; Path=" + path(contextPath) + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public static String setCookie(HttpServletRequest request, String session, long maxAgeSeconds) {
        return setCookie(request.getContextPath(), session, maxAgeSeconds, request.isSecure());
    }

    public static String clearCookie(String contextPath) {
        return clearCookie(contextPath, false);
    }

    public static String clearCookie(String contextPath, boolean secure) {
        return NAME + "=; Path=" + path(contextPath) + "; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public static String clearCookie(HttpServletRequest request) {
        return clearCookie(request.getContextPath(), request.isSecure());
    }

    public static void set(HttpServletRequest request, HttpServletResponse response, String session, long maxAgeSeconds) {
        response.addHeader("Set-Cookie", setCookie(request, session, maxAgeSeconds));
    }

    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", clearCookie(request));
    }

    private static String path(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }
}
