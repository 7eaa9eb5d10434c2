package io.ept.web.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-origin check of state-changing requests (POST, PUT, PATCH, DELETE on the API, Faces postbacks).
 * <p>
 * A browser sends {@code Origin} on every cross-origin request of these methods (forms and fetch alike; "null" from
 * sandboxed or privacy-restricted contexts), so: a request whose {@code Origin} (or, without one, whose
 * {@code Referer}) names another origin is refused, even from the same site (another port or sub-domain gets the
 * SameSite=Strict cookie, but not past this check). A request with neither header cannot come from a browser page on
 * another origin, so it is a script or tool (curl with a cookie jar, the session header) and goes through: refusing it
 * would protect nobody and break every script.
 */
public final class OriginCheck {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private OriginCheck() {
    }

    public static boolean isStateChanging(String method) {
        return method != null && STATE_CHANGING.contains(method.toUpperCase(Locale.ROOT));
    }

    /**
     * Null when the request may proceed, else why not.
     *
     * @param ownOrigin the server's origin as the browser addressed it: scheme://host[:port] from the Host header
     * @param extra     further accepted origins (ept.web.allowed-origins, e.g. behind a TLS-terminating proxy)
     */
    public static String refusal(String origin, String referer, String ownOrigin, Set<String> extra) {
        String claimed;
        if (origin != null && !origin.isBlank()) {
            claimed = origin.trim();
        } else if (referer != null && !referer.isBlank()) {
            claimed = originOf(referer.trim());
            if (claimed == null) {
                return "cross-origin request refused: unreadable Referer";
            }
        } else {
            return null;
        }
        String canonical = canonical(claimed);
        if (canonical != null && (canonical.equals(canonical(ownOrigin))
                || extra.stream().map(OriginCheck::canonical).anyMatch(canonical::equals))) {
            return null;
        }
        return "cross-origin request refused: origin " + claimed + " is not " + ownOrigin;
    }

    /** scheme://host[:port] of a URL, or null. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lower-case scheme://host:port with the default port made explicit, or null when not an origin. */
    static String canonical(String origin) {
        if (origin == null || origin.equals("null")) {
            return null;
        }
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty()
                    && !uri.getPath().equals("/"))) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
