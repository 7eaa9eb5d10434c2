package io.ept.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Response headers set on every response of EPT (pages, resources, API, errors). Over TLS also HSTS; cookies get
 * {@code Secure} then too: EPT's session cookie from {@link SessionCookies}, the container's JSESSIONID from
 * Undertow's {@code secure-cookie} handler (WEB-INF/undertow-handlers.conf, which takes no comments).
 */
public final class SecurityHeaders {

    /**
     * PrimeFaces renders inline scripts and event handlers, and its widgets evaluate Ajax update scripts, hence
     * 'unsafe-inline' and 'unsafe-eval' for scripts; everything else comes from EPT itself. {@code connect-src 'self'}
     * covers the Faces push websocket (CSP 3 matches ws:/wss: of the same host). Framing is refused.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    public static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }
}
