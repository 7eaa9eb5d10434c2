package io.ept.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The {@code session} cookie shared by the API and the UI: HttpOnly, SameSite=Strict, scoped to /ept. */
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

    public static String setCookie(String contextPath, String session, long maxAgeSeconds) {
        return NAME + "=" + session + "; Path=" + path(contextPath) + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict";
    }

    public static String clearCookie(String contextPath) {
        return NAME + "=; Path=" + path(contextPath) + "; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    public static void set(HttpServletRequest request, HttpServletResponse response, String session, long maxAgeSeconds) {
        response.addHeader("Set-Cookie", setCookie(request.getContextPath(), session, maxAgeSeconds));
    }

    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", clearCookie(request.getContextPath()));
    }

    private static String path(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }
}
