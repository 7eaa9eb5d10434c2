package io.ept.web.security;

import io.ept.security.AccountService;
import io.ept.security.AuthenticationException;
import io.ept.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Resolves the caller of every request from its session (cookie or header {@code session}, plus {@code app-token}
 * for token-required sessions). API routes are then authorised per route by {@link RoleFilter}; UI pages need a
 * logged-in, non-blacklisted caller and send anyone else to the login page.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SessionFilter extends HttpFilter {

    /** UI paths anyone may load: the login page, Faces resources, static assets and the API docs. */
    static final List<String> PUBLIC_PREFIXES = List.of("/login.xhtml", "/jakarta.faces.resource/", "/resources/",
            "/webjars/", "/docs/", "/favicon");

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller current;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String session = SessionCookies.read(request);
        if (session != null) {
            try {
                accounts.caller(session, request.getHeader(SessionCookies.TOKEN_HEADER))
                        .ifPresentOrElse(caller -> current.resolved(caller, session),
                                () -> current.rejected("session expired or unknown: log in again"));
            } catch (AuthenticationException e) {
                current.rejected(e.getMessage());
            }
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/api") || isPublic(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (!current.isLoggedIn()) {
            String next = path + (request.getQueryString() != null ? "?" + request.getQueryString() : "");
            response.sendRedirect(request.getContextPath() + "/login.xhtml?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        if (current.caller().orElseThrow().role() == Role.BLACKLIST) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "your account is blacklisted");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPublic(String path) {
        return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
