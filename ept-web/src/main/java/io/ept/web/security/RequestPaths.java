package io.ept.web.security;

import java.util.List;
import java.util.Locale;

/**
 * One view of a request's path for every security decision. The container maps a request by its <em>normalised</em>
 * path (dot-segments removed, percent-decoded), so the filter decides on the same path it serves
 * ({@code getServletPath() + getPathInfo()}); and a raw URI whose spelling could make the two diverge (dot-segments,
 * encoded dots, slashes, backslashes or percent signs, {@code ;} path parameters, empty segments) is refused outright:
 * no client of EPT needs any of them.
 */
public final class RequestPaths {

    /** UI paths anyone may load: the login page, Faces resources, static assets and the API docs. */
    static final List<String> PUBLIC_PREFIXES = List.of("/jakarta.faces.resource/", "/resources/", "/webjars/",
            "/docs/", "/favicon");
    /** Extensions mapped to the Faces servlet: never public under a static prefix (they would render a page). */
    private static final List<String> FACES_SUFFIXES = List.of(".xhtml", ".jsf", ".faces");
    /** The Faces push websocket endpoint (f:websocket). */
    public static final String PUSH_PREFIX = "/jakarta.faces.push/";

    private RequestPaths() {
    }

    /**
     * Why a raw request URI (as sent, without the query) is refused, or null when it is plain. The context path is
     * part of the URI and is checked as well.
     */
    public static String rejection(String rawUri) {
        if (rawUri == null || rawUri.isEmpty() || rawUri.charAt(0) != '/') {
            return "malformed request path";
        }
        if (rawUri.indexOf(';') >= 0) {
            return "path parameters (';') are not accepted";
        }
        if (rawUri.indexOf('\\') >= 0) {
            return "backslashes are not accepted in paths";
        }
        String lower = rawUri.toLowerCase(Locale.ROOT);
        // encoded '.', '/', '\' and '%' (double encoding) have no use in EPT's paths and can hide dot-segments
        for (String encoded : List.of("%2e", "%2f", "%5c", "%25", "%00", "%3b")) {
            if (lower.contains(encoded)) {
                return "encoded '" + encoded + "' is not accepted in paths";
            }
        }
        if (rawUri.contains("//")) {
            return "empty path segments are not accepted";
        }
        for (String segment : rawUri.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "dot-segments are not accepted in paths";
            }
        }
        return null;
    }

    /** The path the container serves: servlet path plus path info (never null). */
    public static String normalised(String servletPath, String pathInfo) {
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    public static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    public static boolean isPush(String path) {
        return path.startsWith(PUSH_PREFIX);
    }

    /** A path anonymous callers may load: the login page and static assets, never a Faces page. */
    public static boolean isPublic(String path) {
        if (path.equals("/login.xhtml")) {
            return true;
        }
        if (path.startsWith("/jakarta.faces.resource/")) {
            return true; // Faces resources (ResourceHandler excludes .xhtml sources by default)
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)
                && FACES_SUFFIXES.stream().noneMatch(lower::endsWith);
    }
}
