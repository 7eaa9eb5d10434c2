package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static io.ept.it.EptDeployment.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 (security) over the wire: path tricks around the session filter, the push websocket handshake, security
 * headers, failed-login throttling, sessions ending with their streams, the Origin check and app-status output.
 * Requests that must keep their exact spelling (dot-segments, encodings) go over a raw socket, as
 * {@code curl --path-as-is} would send them.
 */
class WebSecurityIT extends DeployedEar {

    /** Text only the rendered settings page contains. */
    private static final String SETTINGS_MARKER = "<h1>Settings</h1>";
    private static final String FABRIC = "secweb";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void fabric() {
        if (send("GET", "uni/fb-" + FABRIC, null).status() != 200) {
            EptDeployment.Reply created = EptDeployment.postJson("fabric", "{\"fabric\":\"" + FABRIC + "\"}");
            assertEquals(200, created.status(), created.body());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static int port() {
        return URI.create(TestInfrastructure.apiUrl()).getPort();
    }

    private static String origin() {
        return "http://localhost:" + port();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String userSession(String username, int role) {
        EptDeployment.Reply created = send("POST", "user", "{\"username\":\"" + username + "\",\"password\":\"pw-" + username
                + "\",\"role\":" + role + "}", EptDeployment.adminSession());
        assertEquals(200, created.status(), created.body());
        return EptDeployment.login(username, "pw-" + username);
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One HTTP/1.1 request over a plain socket: the path goes out exactly as given (no normalisation). */
    static Raw raw(String method, String path, String... headers) {
        return rawWithBody(method, path, null, headers);
    }

    static Raw rawWithBody(String method, String path, String body, String... headers) {
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port()
                    + "\r\nConnection: close\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.append("\r\n");
            if (body != null) {
                request.append(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // keep what arrived
            }
            return parse(bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Raw parse(String response) {
        int end = response.indexOf("\r\n\r\n");
        String head = end < 0 ? response : response.substring(0, end);
        String body = end < 0 ? "" : response.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + "\n" + b);
            }
        }
        return new Raw(status, headers, body);
    }

    /** No page content: a redirect to the login page, 400, 403 or 404, and never the settings page's markup. */
    private static void assertNoPage(Raw reply, String what) {
        assertFalse(reply.body().contains(SETTINGS_MARKER), what + " returned the settings page: " + reply.status());
        int status = reply.status();
        if (status == 302 || status == 303) {
            assertTrue(String.valueOf(reply.header("Location")).contains("/login.xhtml"), what + " redirects to "
                    + reply.header("Location"));
        } else {
            assertTrue(status == 400 || status == 403 || status == 404, what + " answered " + status + ": " + reply.body());
        }
    }

    private static final String[] HOLES = {
            "/ept/resources/../settings.xhtml?fabric=" + FABRIC,
            "/ept/api/../settings.xhtml?fabric=" + FABRIC,
            "/ept/resources/%2e%2e/settings.xhtml?fabric=" + FABRIC,
            "/ept/resources/%2E%2E/settings.xhtml?fabric=" + FABRIC,
            "/ept/resources/.%2e/settings.xhtml?fabric=" + FABRIC,
            "/ept/resources/%252e%252e/settings.xhtml?fabric=" + FABRIC,
            "/ept/resources;x=y/../settings.xhtml?fabric=" + FABRIC,
            "/ept/api/..;/settings.xhtml?fabric=" + FABRIC,
            "/ept/api;/../settings.xhtml?fabric=" + FABRIC,
            "/ept/settings.xhtml;x=y?fabric=" + FABRIC,
            "/ept/resources/..%2fsettings.xhtml?fabric=" + FABRIC,
            "/ept/resources/..%5csettings.xhtml?fabric=" + FABRIC,
            "/ept/jakarta.faces.resource/../settings.xhtml?fabric=" + FABRIC,
            "/ept/docs/../settings.xhtml?fabric=" + FABRIC,
            "/ept/login.xhtml/../settings.xhtml?fabric=" + FABRIC,
            "/ept/resources/./../settings.xhtml?fabric=" + FABRIC,
            "/ept/resources/settings.xhtml?fabric=" + FABRIC,
            "/ept/faces/settings.xhtml?fabric=" + FABRIC,
            "/ept/settings.jsf?fabric=" + FABRIC,
            "/ept/settings.xhtml?fabric=" + FABRIC,
            "/ept/jakarta.faces.resource/settings.xhtml?fabric=" + FABRIC,
            "/ept/jakarta.faces.resource/settings.xhtml?ln=..&fabric=" + FABRIC,
            "/ept/", "/ept/index.xhtml", "/ept/users.xhtml", "/ept/dashboard.xhtml?fabric=" + FABRIC,
    };

    // ---- 1. one decision for every path ------------------------------------------------------------------------

    @Test
    void thePathTricksServeNoPageToAnonymousOrBlacklistedCallers() {
        // the marker is right: an admin gets the page over the same raw socket
        Raw page = raw("GET", "/ept/settings.xhtml?fabric=" + FABRIC, "Cookie", "session=" + EptDeployment.adminSession());
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains(SETTINGS_MARKER), "marker missing from the settings page");

        String blacklisted = userSession(unique("blk-"), 2);
        for (String hole : HOLES) {
            assertNoPage(raw("GET", hole), "anonymous GET " + hole);
            assertNoPage(raw("GET", hole, "Cookie", "session=" + blacklisted), "blacklisted (cookie) GET " + hole);
            assertNoPage(raw("GET", hole, "session", blacklisted), "blacklisted (header) GET " + hole);
            assertNoPage(raw("POST", hole, "Content-Type", "application/x-www-form-urlencoded", "Content-Length", "0"),
                    "anonymous POST " + hole);
        }
        // absolute-form request targets are read the same way
        String absolute = "http://localhost:" + port() + "/ept/resources/../settings.xhtml?fabric=" + FABRIC;
        assertNoPage(raw("GET", absolute), "anonymous GET " + absolute);
        assertNoPage(raw("GET", absolute.replace("/resources/../", "/")), "anonymous GET absolute settings");
        // the API is no way around either
        Raw api = raw("GET", "/ept/resources/../api/fabric");
        assertNotEquals(200, api.status(), api.body());
        assertEquals(401, raw("GET", "/ept/api/fabric").status());
        assertEquals(403, raw("GET", "/ept/api/fabric", "session", blacklisted).status());
        // plain paths keep working: public assets and the login page for anyone
        assertEquals(200, raw("GET", "/ept/login.xhtml").status());
        assertEquals(200, raw("GET", eptStyleSheet()).status());
    }

    /** EPT's style sheet is a versioned Faces resource (its URL carries the build's version): read it from the login page. */
    static String eptStyleSheet() {
        Raw login = raw("GET", "/ept/login.xhtml");
        Matcher sheet = Pattern.compile("href=\"(/ept/[^\"]*ept\\.css[^\"]*)\"").matcher(login.body());
        assertTrue(sheet.find(), "no ept.css on the login page: " + login.body());
        return sheet.group(1).replace("&amp;", "&");
    }

    @Test
    void thePushHandshakeIsRefusedForAnonymousAndBlacklistedCallersAndClosedAtLogout() throws Exception {
        // an admin's dashboard has a push channel: its token and HTTP session let a handshake succeed
        String session = EptDeployment.login("admin", EptDeployment.ADMIN_PASSWORD);
        Raw dashboard = raw("GET", "/ept/dashboard.xhtml?fabric=" + FABRIC, "Cookie", "session=" + session);
        assertEquals(200, dashboard.status(), dashboard.body());
        Matcher token = Pattern.compile("jakarta\\.faces\\.push/eptevents\\?([A-Za-z0-9_\\-]+)").matcher(dashboard.body());
        assertTrue(token.find(), "no push channel on the dashboard");
        String push = "/ept/jakarta.faces.push/eptevents?" + token.group(1);
        String jsession = cookie(dashboard, "JSESSIONID");
        assertTrue(jsession != null, "the dashboard has an HTTP session: " + dashboard.headers());

        String blacklisted = userSession(unique("blk-"), 2);
        for (String path : new String[]{push, "/ept/resources/.." + push.substring(4), "/ept/api/..;" + push.substring(4),
                "/ept/resources/%2e%2e" + push.substring(4)}) {
            assertNotEquals(101, handshake(path, null).status, "anonymous handshake " + path);
            assertNotEquals(101, handshake(path, "session=" + blacklisted).status, "blacklisted handshake " + path);
            assertNotEquals(101, handshake(path, "JSESSIONID=" + jsession).status,
                    "the HTTP session alone (no login session) " + path);
        }

        try (Handshake open = handshake(push, "session=" + session + "; JSESSIONID=" + jsession)) {
            assertEquals(101, open.status, "the admin's own handshake must succeed (else the test proves nothing)");
            assertEquals(200, send("POST", "user/logout", null, session).status());
            assertTrue(open.closedWithin(Duration.ofSeconds(20)), "the push channel of a logged-out session stays open");
        }
    }

    private static String cookie(Raw reply, String name) {
        String all = reply.header("Set-Cookie");
        if (all == null) {
            return null;
        }
        for (String line : all.split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1, line.indexOf(';') < 0 ? line.length() : line.indexOf(';'));
            }
        }
        return null;
    }

    /** A websocket handshake over a raw socket; stays open after a 101. */
    static final class Handshake implements AutoCloseable {
        final Socket socket;
        final int status;

        Handshake(Socket socket, int status) {
            this.socket = socket;
            this.status = status;
        }

        /** True when the server closes the connection (close frame or EOF) within the time. */
        boolean closedWithin(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout(1000);
                try {
                    int b = in.read();
                    if (b < 0 || b == 0x88) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // nothing yet
                } catch (IOException e) {
                    return true; // reset
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static Handshake handshake(String path, String cookie) throws IOException {
        Socket socket = new Socket("localhost", port());
        socket.setSoTimeout(15_000);
        String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nOrigin: " + origin()
                + "\r\n" + (cookie != null ? "Cookie: " + cookie + "\r\n" : "") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String statusLine = head.toString().split("\r\n", 2)[0];
        int status = statusLine.isEmpty() ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
        Handshake result = new Handshake(socket, status);
        if (status != 101) {
            socket.close();
        }
        return result;
    }

    // ---- 2. headers --------------------------------------------------------------------------------------------

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Raw reply : new Raw[]{raw("GET", "/ept/login.xhtml"), raw("GET", "/ept/api/app-status"),
                raw("GET", "/ept/api/fabric"), raw("GET", "/ept/settings.xhtml"), raw("GET", eptStyleSheet()),
                raw("GET", "/ept/no-such-page.xhtml", "Cookie", "session=" + EptDeployment.adminSession()),
                raw("GET", "/ept/resources/../settings.xhtml")}) {
            String csp = reply.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"),
                    reply.status() + " " + reply.headers());
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply.headers().toString());
            assertTrue(List.of("no-referrer", "same-origin").contains(reply.header("Referrer-Policy")), reply.headers().toString());
            assertNull(reply.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
        }
    }

    // ---- 3. failed logins --------------------------------------------------------------------------------------

    @Test
    void failedLoginsAreThrottledPerUserWithoutTellingWhetherTheUserExists() {
        String existing = unique("rl-");
        userSession(existing, 1);
        String unknown = unique("nobody-");
        List<String> bodies = new ArrayList<>();
        for (String user : new String[]{existing, unknown}) {
            String wrong = "{\"username\":\"" + user + "\",\"password\":\"wrong\"}";
            for (int i = 0; i < 6; i++) {
                EptDeployment.Reply reply = send("POST", "user/login", wrong, null);
                assertEquals(401, reply.status(), user + " attempt " + (i + 1) + ": " + reply.body());
                assertEquals("invalid username or password", json(reply.body()).getString("error"));
            }
            HttpResponse<String> limited = post("user/login", wrong, Map.of());
            assertEquals(429, limited.statusCode(), limited.body());
            long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 900, "Retry-After " + retry);
            bodies.add(limited.body().replaceAll("[0-9]+", "N"));
            if (user.equals(existing)) {
                // throttled means throttled: the right password is not even checked
                HttpResponse<String> right = post("user/login", "{\"username\":\"" + existing + "\",\"password\":\"pw-"
                        + existing + "\"}", Map.of());
                assertEquals(429, right.statusCode(), right.body());
            }
        }
        assertEquals(bodies.get(0), bodies.get(1), "the same answer for an existing and an unknown user");
        // other users are not affected
        assertEquals(200, send("POST", "user/login", "{\"username\":\"admin\",\"password\":\"" + EptDeployment.ADMIN_PASSWORD
                + "\"}", null).status());
    }

    @Test
    void theLoginPageIsThrottledToo() {
        Raw page = raw("GET", "/ept/login.xhtml");
        String jsession = cookie(page, "JSESSIONID");
        String user = unique("ui-nobody-");
        String body = "";
        Raw reply = page;
        for (int i = 0; i < 7; i++) {
            Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"|"
                    + "<update id=\"[^\"]*jakarta.faces.ViewState[^\"]*\"><!\\[CDATA\\[([^\\]]+)\\]\\]>").matcher(reply.body());
            String viewState = state.find() ? (state.group(1) != null ? state.group(1) : state.group(2)) : "";
            String form = "jakarta.faces.partial.ajax=true&jakarta.faces.source=loginForm%3Alogin"
                    + "&jakarta.faces.partial.execute=%40all&jakarta.faces.partial.render=loginForm%3Amessages"
                    + "&loginForm%3Alogin=loginForm%3Alogin&loginForm=loginForm&loginForm%3Ausername=" + user
                    + "&loginForm%3Apassword=wrong&jakarta.faces.ViewState="
                    + java.net.URLEncoder.encode(viewState, StandardCharsets.UTF_8);
            reply = rawWithBody("POST", "/ept/login.xhtml", form, "Cookie", "JSESSIONID=" + jsession, "Origin", origin(),
                    "Faces-Request", "partial/ajax", "Content-Type", "application/x-www-form-urlencoded",
                    "Content-Length", String.valueOf(form.length()));
            body = reply.body();
            if (i < 6) {
                assertTrue(body.contains("Wrong username or password"), "attempt " + (i + 1) + ": " + body);
            }
        }
        assertTrue(body.contains("Too many failed logins"), body);
        assertTrue(reply.header("Retry-After") != null, reply.headers().toString());
    }

    private static HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        return request("POST", path, json, headers);
    }

    private static HttpResponse<String> request(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- 4. sessions -------------------------------------------------------------------------------------------

    /** An open server-sent event stream of the test fabric, read in the background. */
    static final class Stream implements AutoCloseable {
        final InputStream body;
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final StringBuilder text = new StringBuilder();

        Stream(String session) throws Exception {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(TestInfrastructure.apiUrl() + "uni/fb-" + FABRIC + "/events"))
                    .header("session", session).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            body = response.body();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[1024];
                try {
                    for (int n; (n = body.read(buffer)) >= 0; ) {
                        synchronized (text) {
                            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                    ended.complete("eof");
                } catch (IOException e) {
                    ended.complete("error " + e);
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
            await("hello event").atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (text) {
                    return text.toString();
                }
            }, t -> t.contains("hello"));
        }

        boolean endsWithin(Duration timeout) {
            try {
                ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        boolean open() {
            return !ended.isDone();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    @Test
    void logoutEndsTheSessionAndItsEventStream() throws Exception {
        String session = userSession(unique("sse-"), 1);
        try (Stream stream = new Stream(session)) {
            assertEquals(200, send("POST", "user/logout", null, session).status());
            assertTrue(stream.endsWithin(Duration.ofSeconds(20)), "the event stream of a logged-out session stays open");
        }
        assertEquals(401, send("GET", "fabric", null, session).status());
    }

    @Test
    void logoutOfOneSessionKeepsTheOthersUnlessAllAreAsked() {
        String name = unique("lo-");
        String first = userSession(name, 1);
        String second = EptDeployment.login(name, "pw-" + name);
        String third = EptDeployment.login(name, "pw-" + name);
        assertEquals(200, send("POST", "user/logout", null, first).status());
        assertEquals(401, send("GET", "fabric", null, first).status());
        assertEquals(200, send("GET", "fabric", null, second).status(), "another session of the user stays");
        assertEquals(200, send("POST", "user/logout?all=true", null, second).status());
        assertEquals(401, send("GET", "fabric", null, third).status(), "?all=true ends every session of the user");
    }

    @Test
    void aPasswordChangeEndsTheUsersOtherSessionsAndTheirStreams() throws Exception {
        String name = unique("pwc-");
        String mine = userSession(name, 1);
        String other = EptDeployment.login(name, "pw-" + name);
        try (Stream mineStream = new Stream(mine); Stream otherStream = new Stream(other)) {
            EptDeployment.Reply changed = send("PATCH", "uni/username-" + name, "{\"password\":\"pw2-" + name + "\"}", mine);
            assertEquals(200, changed.status(), changed.body());
            assertEquals(401, send("GET", "fabric", null, other).status(), "the other session ends");
            assertEquals(200, send("GET", "fabric", null, mine).status(), "the session that changed the password stays");
            assertTrue(otherStream.endsWithin(Duration.ofSeconds(20)), "the other session's stream stays open");
            assertTrue(mineStream.open(), "the changing session's stream was closed");
        }
    }

    @Test
    void blacklistingEndsAllSessionsAndStreams() throws Exception {
        String name = unique("bl-");
        String session = userSession(name, 1);
        try (Stream stream = new Stream(session)) {
            EptDeployment.Reply blacklisted = send("PATCH", "uni/username-" + name, "{\"role\":2}", EptDeployment.adminSession());
            assertEquals(200, blacklisted.status(), blacklisted.body());
            assertEquals(401, send("GET", "fabric", null, session).status());
            assertTrue(stream.endsWithin(Duration.ofSeconds(20)), "a blacklisted user's stream stays open");
        }
    }

    @Test
    void streamsOfSessionsEndedBehindTheNodesBackAreClosedByTheRecheck() throws Exception {
        // a session removed from the store directly (as another node's logout or an expiry would) is noticed
        String session = userSession(unique("gone-"), 1);
        try (Stream stream = new Stream(session)) {
            Fabrics.db().getCollection("session").deleteMany(new org.bson.Document("username",
                    new org.bson.Document("$regex", "^gone-")));
            assertTrue(stream.endsWithin(Duration.ofSeconds(20)), "the stream of a vanished session stays open");
        }
    }

    @Test
    void theIdleTimeoutIsASettingDefaultingToThirtyMinutes() {
        EptDeployment.Reply read = send("GET", "settings", null, EptDeployment.adminSession());
        assertEquals(200, read.status(), read.body());
        assertEquals(1800, json(read.body()).getJsonArray("objects").getJsonObject(0).getJsonObject("settings")
                .getInt("session_idle_timeout"), read.body());
        assertEquals(400, send("PATCH", "settings", "{\"session_idle_timeout\":5}", EptDeployment.adminSession()).status());
    }

    // ---- Origin check ------------------------------------------------------------------------------------------

    @Test
    void crossOriginStateChangesAreRefusedForCookieSessions() {
        String session = EptDeployment.login("admin", EptDeployment.ADMIN_PASSWORD);
        String body = "{\"app_name\":\"EPT\"}";
        String cookie = "session=" + session;
        HttpResponse<String> foreign = request("PATCH", "settings", body, Map.of("Cookie", cookie, "Origin", "http://localhost:1"));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("origin"), foreign.body());
        assertEquals(403, request("PATCH", "settings", body, Map.of("Cookie", cookie, "Referer", "http://evil.example/x"))
                .statusCode());
        assertEquals(403, request("POST", "uni/fb-" + FABRIC + "/stop", "{}", Map.of("Cookie", cookie, "Origin", "null"))
                .statusCode());
        assertEquals(403, request("DELETE", "uni/fb-" + FABRIC, null, Map.of("Cookie", cookie, "Origin", "http://127.0.0.1:" + port()))
                .statusCode(), "another host name is another origin");
        assertEquals(200, send("GET", "uni/fb-" + FABRIC, null).status(), "the fabric survived");

        assertEquals(200, request("PATCH", "settings", body, Map.of("Cookie", cookie, "Origin", origin())).statusCode());
        assertEquals(200, request("PATCH", "settings", body, Map.of("Cookie", cookie, "Referer", origin() + "/ept/settings.xhtml"))
                .statusCode());
        assertEquals(200, request("PATCH", "settings", body, Map.of("Cookie", cookie)).statusCode(), "curl with a cookie jar");
        assertEquals(200, request("PATCH", "settings", body, Map.of("session", session, "Origin", "http://localhost:1"))
                .statusCode(), "a header session is no ambient credential");
        assertEquals(200, request("GET", "settings", null, Map.of("Cookie", cookie, "Origin", "http://localhost:1"))
                .statusCode(), "reads are not state changes");

        // Faces postbacks and the login form alike
        Raw postback = raw("POST", "/ept/login.xhtml", "Origin", "http://localhost:1", "Content-Type",
                "application/x-www-form-urlencoded", "Content-Length", "0");
        assertEquals(403, postback.status(), postback.body());
        HttpResponse<String> login = post("user/login", "{\"username\":\"admin\",\"password\":\"" + EptDeployment.ADMIN_PASSWORD
                + "\"}", Map.of("Origin", "http://localhost:1"));
        assertEquals(403, login.statusCode(), login.body());
    }

    // ---- app-status --------------------------------------------------------------------------------------------

    @Test
    void appStatusShowsNoInternalErrorsToAnonymousCallers() {
        TestInfrastructure.stopRedis();
        try {
            EptDeployment.Reply detail = await("app-status 503").atMost(Duration.ofSeconds(30)).until(
                    () -> send("GET", "app-status", null, EptDeployment.adminSession()), r -> r.status() == 503);
            EptDeployment.Reply anonymous = send("GET", "app-status", null, null);
            assertEquals(503, anonymous.status(), anonymous.body());
            String error = json(anonymous.body()).getString("error");
            assertTrue(error.matches("[A-Za-z0-9_.-]+: unavailable(; [A-Za-z0-9_.-]+: unavailable)*"), error);
            assertTrue(error.contains("redis"), error);
            assertNotEquals(detail.body(), anonymous.body(), "logged-in callers see the detail");
        } finally {
            TestInfrastructure.startRedis();
        }
        await("app-status 200").atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "app-status", null, null), r -> r.status() == 200);
    }
}
