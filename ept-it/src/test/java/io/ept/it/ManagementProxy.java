package io.ept.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WildFly's management interface (HTTP Digest, the management realm) seen through a loopback reverse proxy that
 * answers the Digest challenges with a management user's credentials. Headless Chromium cannot answer a Digest
 * challenge by itself (credentials in the URL are not used for Digest), so the browser test opens the admin
 * console (HAL) through this proxy; HAL addresses /management on the origin it was loaded from, the proxy.
 */
final class ManagementProxy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "authorization",
            "expect", "upgrade", "keep-alive", "transfer-encoding", "te", "origin", "referer");

    private final String target;
    private final String user;
    private final String password;
    private final HttpServer server;

    ManagementProxy(String target, String user, String password) throws IOException {
        this.target = target;
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String uri = exchange.getRequestURI().toString();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri)).timeout(Duration.ofSeconds(120))
                    .method(exchange.getRequestMethod(), body.length == 0 && "GET".equals(exchange.getRequestMethod())
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            if (uri.startsWith("/management")) {
                request.header("Authorization", authorization(target, user, password, exchange.getRequestMethod(), uri));
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Authorization header answering a fresh Digest challenge of the management interface (MD5, qop=auth). */
    static String authorization(String target, String user, String password, String method, String uri)
            throws IOException, InterruptedException {
        HttpResponse<String> challenge = HTTP.send(HttpRequest.newBuilder(URI.create(target + "/management"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> offers = challenge.headers().allValues("WWW-Authenticate");
        String header = offers.stream().filter(h -> h.startsWith("Digest") && !h.contains("SHA-256")).findFirst()
                .orElseThrow(() -> new AssertionError("no Digest challenge: " + challenge.headers().map()));
        Map<String, String> c = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(header);
        while (m.find()) {
            c.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String cnonce = UUID.randomUUID().toString().replace("-", "");
        String ha1 = md5(user + ":" + c.get("realm") + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + c.get("nonce") + ":00000001:" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + c.get("realm") + "\", nonce=\"" + c.get("nonce")
                + "\", uri=\"" + uri + "\", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\", response=\"" + response
                + "\", algorithm=MD5" + (c.containsKey("opaque") ? ", opaque=\"" + c.get("opaque") + "\"" : "");
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
