package io.ept.web.security;

import io.ept.security.AccountService;
import io.ept.security.AuthenticationException;
import io.ept.security.Role;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import io.ept.web.config.WebConfig;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one authentication decision of every request: pages, resources, the API (its event streams included) and the
 * Faces push websocket handshake, which Undertow performs in a filter of its own mapped after this one.
 * <ol>
 * <li>Security headers on every response ({@link SecurityHeaders}).</li>
 * <li>A raw URI that could be read differently from the path the container serves is refused (400):
 * {@link RequestPaths#rejection}. The decision is then taken on the path the container serves.</li>
 * <li>The caller is resolved from its session (cookie or header {@code session}, plus {@code app-token} for
 * token-required sessions).</li>
 * <li>State-changing requests from a browser page of another origin are refused (403): {@link OriginCheck}.</li>
 * <li>API routes are authorised per route by {@link RoleFilter}; anything else that is not a public asset needs a
 * logged-in, non-blacklisted caller: anonymous callers are sent to the login page (the push handshake gets 403),
 * blacklisted ones get 403.</li>
 * </ol>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SessionFilter extends HttpFilter {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller current;

    @Inject
    LiveSessions live;

    @Inject
    WebConfig webConfig;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(request, response);
        String rejection = RequestPaths.rejection(request.getRequestURI());
        if (rejection != null) {
            refusePath(request, response, rejection);
            return;
        }
        String path = RequestPaths.normalised(request.getServletPath(), request.getPathInfo());

        String session = SessionCookies.read(request);
        if (session != null) {
            try {
                accounts.caller(session, request.getHeader(SessionCookies.TOKEN_HEADER))
                        .ifPresentOrElse(caller -> current.resolved(caller, session),
                                () -> current.rejected("session expired or unknown: log in again"));
            } catch (AuthenticationException e) {
                current.rejected(e.getMessage());
            } catch (RuntimeException e) {
                String dependency = io.ept.platform.ConnectionFailures.dependency(e);
                if (dependency == null) {
                    throw e;
                }
                // sessions live in the store: while it is away no session can be checked, which is a 503 to retry,
                // not a server error
                response.setHeader("Retry-After", "5");
                refuse(request, response, path, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        dependency + ": not answering, so the session cannot be checked; retry shortly");
                return;
            }
        }

        // A session sent in the 'session' header is no ambient browser credential: a page of another origin can only
        // add that header after a CORS preflight, which EPT never grants. Cookie sessions and anonymous requests
        // (login) are checked.
        if (OriginCheck.isStateChanging(request.getMethod()) && !SessionCookies.fromHeader(request)) {
            String refusal = OriginCheck.refusal(request.getHeader("Origin"), request.getHeader("Referer"),
                    ownOrigin(request), extraOrigins());
            if (refusal != null) {
                refuse(request, response, path, HttpServletResponse.SC_FORBIDDEN, refusal);
                return;
            }
        }

        if (RequestPaths.isApi(path) || RequestPaths.isPublic(path)) {
            chain.doFilter(request, response);
            return;
        }
        boolean push = RequestPaths.isPush(path);
        if (!current.isLoggedIn()) {
            if (push) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "authentication required");
                return;
            }
            String next = path + (request.getQueryString() != null ? "?" + request.getQueryString() : "");
            response.sendRedirect(request.getContextPath() + "/login.xhtml?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        if (current.caller().orElseThrow().role() == Role.BLACKLIST) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "your account is blacklisted");
            return;
        }
        String username = current.username();
        if (push) {
            // the websocket is tied to this HTTP session (Undertow closes it when the session is invalidated),
            // and the HTTP session to the login session
            live.bind(request.getSession(true), session, username);
        }
        chain.doFilter(request, response);
        HttpSession httpSession = request.getSession(false);
        if (httpSession != null && !push) {
            live.bind(httpSession, session, username);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String path, int status,
                               String message) throws IOException {
        if (RequestPaths.isApi(path)) {
            response.setStatus(status);
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("error", message).build().toString());
        } else {
            response.sendError(status, message);
        }
    }

    /** The origin the browser addressed: scheme and the Host header. */
    static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host.trim();
    }

    private Set<String> extraOrigins() {
        return webConfig.allowedOrigins.map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
    }

    /** A refused raw path: API callers get the API's JSON error (naming the path as the field), pages a plain 400. */
    private static void refusePath(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException {
        String raw = request.getRequestURI().substring(Math.min(request.getRequestURI().length(),
                request.getContextPath().length()));
        if (raw.startsWith("/api/") || raw.equals("/api")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder().add("error", "path: " + reason)
                    .add("field", "path").build().toString());
            return;
        }
        response.sendError(HttpServletResponse.SC_BAD_REQUEST, reason);
    }
}
