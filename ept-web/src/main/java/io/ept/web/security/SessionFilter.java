package io.ept.web.security;

import io.ept.security.AccountService;
import io.ept.security.Caller;
import io.ept.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** PLACEHOLDER until the lead's security work is merged: resolves the session cookie/header into CurrentCaller. */
@WebFilter(urlPatterns = "/*")
public class SessionFilter extends HttpFilter {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller current;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String session = request.getHeader("session");
        if (session == null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if ("session".equals(c.getName())) {
                    session = c.getValue();
                }
            }
        }
        Optional<Caller> caller = accounts.caller(session);
        caller.ifPresent(current::set);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean ui = !path.startsWith("/api/") && !path.startsWith("/jakarta.faces.resource/")
                && !path.equals("/login.xhtml") && !path.startsWith("/resources/");
        if (ui && caller.isEmpty()) {
            String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            response.sendRedirect(request.getContextPath() + "/login.xhtml?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        if (caller.isPresent() && caller.get().role() == Role.BLACKLIST) {
            response.sendError(403);
            return;
        }
        chain.doFilter(request, response);
    }
}
