package io.ept.bench.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The web UI as a browser with an empty cache sees it: a page, then every style sheet, script and web font it
 * loads, asked for with {@code Accept-Encoding: gzip} as browsers do. Server time is the time to the response
 * headers; transfer size counts the bytes on the wire (compressed where the server compresses).
 */
final class UiClient {

    /** A resource URL in an attribute (style sheets) or in the script loader's list (io.ept.web.ui.scripts). */
    private static final Pattern ASSET = Pattern.compile("\"([^\"\\s]*/jakarta\\.faces\\.resource/[^\"\\s]+)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+\\.woff2[^'\")]*)['\"]?\\s*\\)");
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    /** One response: time to its headers, the whole exchange, bytes on the wire, and the decoded body. */
    record Fetch(int status, double headersMillis, double totalMillis, long wireBytes, String body) {
    }

    /** A page with everything it loads. */
    record Page(String name, Fetch html, int assets, long assetBytes) {
        long totalBytes() {
            return html.wireBytes() + assetBytes;
        }
    }

    private final HttpClient http;
    private final String origin;
    private final String base;

    /** @param base e.g. http://127.0.0.1:8380/ept/ ; session: the API login session, sent as the UI's cookie (null: anonymous) */
    UiClient(String base, String session) {
        URI uri = URI.create(base);
        this.origin = uri.getScheme() + "://" + uri.getAuthority();
        this.base = base;
        // a cookie jar, as a browser has: the login session, and the HTTP session Faces keeps a page's view in
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        if (session != null) {
            HttpCookie cookie = new HttpCookie("session", session);
            cookie.setPath(uri.getPath().replaceAll("/$", ""));
            cookie.setVersion(0);
            cookies.getCookieStore().add(uri, cookie);
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Fetch get(String url) throws IOException, InterruptedException {
        return send(request(url).GET().build());
    }

    /** A Faces ajax postback (partial request) of a form, as PrimeFaces sends it. */
    Fetch postPartial(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(request(url).header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The page and, once each, the style sheets, scripts and woff2 fonts it references (an empty cache). */
    Page page(String name, String path) throws IOException, InterruptedException {
        Fetch html = get(absolute(path));
        if (html.status() != 200) {
            throw new IOException(path + ": HTTP " + html.status());
        }
        Set<String> assets = new LinkedHashSet<>();
        Matcher m = ASSET.matcher(html.body());
        while (m.find()) {
            assets.add(absolute(m.group(1).replace("&amp;", "&")));
        }
        long bytes = 0;
        Set<String> fonts = new LinkedHashSet<>();
        for (String asset : assets) {
            Fetch f = get(asset);
            if (f.status() != 200) {
                throw new IOException(asset + ": HTTP " + f.status());
            }
            bytes += f.wireBytes();
            if (asset.contains(".css")) {
                Matcher u = CSS_URL.matcher(f.body());
                while (u.find()) {
                    fonts.add(URI.create(asset).resolve(u.group(1)).toString());
                }
            }
        }
        for (String font : fonts) {
            Fetch f = get(font);
            if (f.status() == 200) {
                bytes += f.wireBytes();
            }
        }
        return new Page(name, html, assets.size() + fonts.size(), bytes);
    }

    static String viewState(String html) {
        Matcher m = VIEW_STATE.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no Faces view state in the page");
        }
        return m.group(1).replace("&amp;", "&");
    }

    String absolute(String path) {
        if (path.startsWith("http")) {
            return path;
        }
        return path.startsWith("/") ? origin + path : base + path;
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(300)).header("Accept-Encoding", "gzip");
    }

    private Fetch send(HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long headers = System.nanoTime();
        byte[] wire;
        try (InputStream in = response.body()) {
            wire = in.readAllBytes();
        }
        long done = System.nanoTime();
        boolean gzip = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
        byte[] decoded = wire;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
                decoded = in.readAllBytes();
            }
        }
        // response headers count too: about their text length
        long headerBytes = response.headers().map().entrySet().stream()
                .mapToLong(e -> e.getKey().length() + e.getValue().stream().mapToLong(v -> v.length() + 4).sum()).sum();
        return new Fetch(response.statusCode(), (headers - started) / 1e6, (done - started) / 1e6,
                wire.length + headerBytes, new String(decoded, StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }
}
