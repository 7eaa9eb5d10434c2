package io.ept.apic;

import io.ept.platform.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A password-authenticated APIC REST session: login, token refresh, queries with paging, subscriptions. The
 * token travels as the {@code APIC-cookie}; a 403 answer means the token expired, so the session logs in again
 * once and retries (as the original EPT and acitoolkit do).
 */
public final class ApicSession {

    /**
     * Names the EPT node in the APIC's access log (and the simulator's session log): which node of a cluster
     * logged in and subscribed.
     */
    public static final String USER_AGENT = "EPT (node " + System.getProperty("jboss.node.name", "local") + ")";


    private static final Logger LOG = Logger.getLogger(ApicSession.class.getName());
    public static final int PAGE_SIZE = 75_000;

    private final URI base;
    private final String username;
    private final String password;
    private final HttpClient http;
    private final Duration requestTimeout;

    private volatile String token;
    private volatile ApicMo login;
    private volatile long loginTimeMillis;

    private final ApicTrust trust;
    /** Told the duration (nanoseconds) of every REST request, answered or not: the APIC latency metric. */
    private volatile java.util.function.LongConsumer requestTimer = nanos -> { };

    /** Reports the duration of every request from now on to {@code timer}; returns this session. */
    public ApicSession timeRequests(java.util.function.LongConsumer timer) {
        this.requestTimer = timer == null ? nanos -> { } : timer;
        return this;
    }

    private ApicSession(URI base, String username, String password, HttpClient http, Duration requestTimeout, ApicTrust trust) {
        this.trust = trust;
        this.base = base;
        this.username = username;
        this.password = password;
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    /** Logs in; {@code hostname} may carry a scheme and port (https is assumed without one). */
    public static ApicSession login(String hostname, String username, String password, ApicTrust trust,
                                    Duration loginTimeout, Duration requestTimeout) {
        URI base = baseUri(hostname);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(loginTimeout);
        if (trust.sslContext() != null) {
            builder.sslContext(trust.sslContext());
        }
        ApicSession session = new ApicSession(base, username, password, builder.build(), requestTimeout, trust);
        try {
            session.doLogin(loginTimeout);
        } catch (ApicException e) {
            TrustMismatch mismatch = trust.mismatch();
            if (mismatch != null) {
                throw new ApicTrustException(mismatch);
            }
            throw e;
        }
        return session;
    }

    /** The pin key of an APIC: its authority as configured ("apic1", "10.0.0.1:8443"), lower case. */
    public static String trustHost(String hostname) {
        return baseUri(hostname).getRawAuthority().toLowerCase(java.util.Locale.ROOT);
    }

    /** How this session trusts the APIC (the websocket uses the same). */
    public ApicTrust trust() {
        return trust;
    }

    public static URI baseUri(String hostname) {
        String h = hostname == null ? "" : hostname.trim();
        if (h.isEmpty()) {
            throw new IllegalArgumentException("APIC hostname is not configured");
        }
        if (!h.startsWith("http://") && !h.startsWith("https://")) {
            h = "https://" + h;
        }
        URI uri = URI.create(h);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    public URI base() {
        return base;
    }

    public String token() {
        return token;
    }

    public ApicMo loginObject() {
        return login;
    }

    public long loginTimeMillis() {
        return loginTimeMillis;
    }

    public int refreshTimeoutSeconds() {
        return intAttr("refreshTimeoutSeconds", 600);
    }

    public int maximumLifetimeSeconds() {
        return intAttr("maximumLifetimeSeconds", 86400);
    }

    /** EPT needs read access as admin in the security domain {@code all} (ept-reference 7.1 step 1). */
    public boolean hasAdminReadOnAll() {
        for (ApicMo child : login.children()) {
            if ("aaaUserDomain".equals(child.className()) && "all".equals(child.attr("name"))) {
                for (String role : child.attr("rolesR").split(",")) {
                    if ("admin".equals(role.trim())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The websocket for this session's subscriptions: {@code wss://host/socket<token>}. */
    public URI websocketUri() {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + "/socket" + token);
    }

    /** {@code aaaRefresh}: extends the session and may hand out a new token; falls back to a fresh login. */
    public void refreshToken() {
        try {
            JsonObject envelope = request("GET", "/api/aaaRefresh.json", null, requestTimeout, false);
            String fresh = tokenOf(envelope);
            if (fresh != null && !fresh.isEmpty()) {
                token = fresh;
            }
        } catch (ApicException e) {
            LOG.info(() -> "token refresh failed on " + base + " (" + e.getMessage() + "); logging in again");
            doLogin(requestTimeout);
        }
    }

    public JsonObject get(String pathAndQuery) {
        return get(pathAndQuery, requestTimeout);
    }

    public JsonObject get(String pathAndQuery, Duration timeout) {
        return request("GET", pathAndQuery, null, timeout, true);
    }

    /** Every object of a class (or any query path), read in pages ordered by {@code orderBy} for stable paging. */
    public long readAll(String path, Map<String, String> params, String orderBy, Consumer<ApicMo> each) {
        long received = 0;
        for (int page = 0; ; page++) {
            Page<ApicMo> mos = readPage(path, params, orderBy, page, PAGE_SIZE, mo -> mo);
            mos.items().forEach(each);
            received += mos.items().size();
            if (mos.last(PAGE_SIZE, received)) {
                return received;
            }
        }
    }

    /**
     * One page of a query, its objects decoded by {@code decode} as they are parsed from the answer (the answer is
     * never held whole: a page of 75,000 epm objects was 30 MB of text and a JSON tree several times that).
     */
    public <T> Page<T> readPage(String path, Map<String, String> params, String orderBy, int page, int pageSize,
                                Function<ApicMo, T> decode) {
        Map<String, String> query = new LinkedHashMap<>(params);
        if (orderBy != null) {
            query.put("order-by", orderBy);
        }
        query.put("page-size", String.valueOf(pageSize));
        query.put("page", String.valueOf(page));
        List<T> items = new java.util.ArrayList<>();
        long total = request("GET", path + "?" + encode(query), null, requestTimeout, true,
                in -> ApicJson.readImdata(in, mo -> items.add(decode.apply(mo))));
        return new Page<>(items, total);
    }

    /** One page of a query: its objects (decoded) and the APIC's totalCount (-1 when it gave none). */
    public record Page<T>(List<T> items, long totalCount) {

        /** Whether this is the last page, given the objects received up to and including it. */
        public boolean last(int pageSize, long received) {
            return items.size() < pageSize || (totalCount >= 0 && received >= totalCount);
        }
    }

    public List<ApicMo> readAll(String path, Map<String, String> params, String orderBy) {
        List<ApicMo> all = new java.util.ArrayList<>();
        readAll(path, params, orderBy, all::add);
        return all;
    }

    /** A single object by dn; null when the APIC has no such object (200 with totalCount 0). */
    public ApicMo mo(String dn, Map<String, String> params) {
        String query = params.isEmpty() ? "" : "?" + encode(params);
        List<ApicMo> mos = ApicJson.imdata(get("/api/mo/" + dn + ".json" + query));
        return mos.isEmpty() ? null : mos.get(0);
    }

    /** Subscribes a query; events arrive on this session's websocket. Returns the subscription id. */
    public String subscribe(String path, Integer refreshTimeoutSeconds) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("subscription", "yes");
        query.put("page-size", "1");
        if (refreshTimeoutSeconds != null) {
            query.put("refresh-timeout", String.valueOf(refreshTimeoutSeconds));
        }
        JsonObject envelope = get(path + "?" + encode(query));
        JsonValue id = envelope.get("subscriptionId");
        if (!(id instanceof JsonString s)) {
            throw new MalformedApicPayloadException("subscription to " + path + " returned no subscriptionId");
        }
        return s.getString();
    }

    public void refreshSubscription(String id, Integer refreshTimeoutSeconds) {
        String query = "id=" + id + (refreshTimeoutSeconds != null ? "&refresh-timeout=" + refreshTimeoutSeconds : "");
        request("GET", "/api/subscriptionRefresh.json?" + query, null, requestTimeout, false);
    }

    private void doLogin(Duration timeout) {
        String body = JsonSupport.JSON.createObjectBuilder().add("aaaUser", JsonSupport.JSON.createObjectBuilder()
                .add("attributes", JsonSupport.JSON.createObjectBuilder().add("name", username).add("pwd", password))).build().toString();
        JsonObject envelope = request("POST", "/api/aaaLogin.json", body, timeout, false);
        List<ApicMo> mos = ApicJson.imdata(envelope);
        if (mos.isEmpty() || !"aaaLogin".equals(mos.get(0).className()) || mos.get(0).attr("token").isEmpty()) {
            throw new MalformedApicPayloadException("login answer without an aaaLogin token from " + base);
        }
        login = mos.get(0);
        token = login.attr("token");
        loginTimeMillis = System.currentTimeMillis();
    }

    private JsonObject request(String method, String pathAndQuery, String body, Duration timeout, boolean retryOn403) {
        return request(method, pathAndQuery, body, timeout, retryOn403, in -> ApicJson.parse(text(in)));
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request and reads a 200 answer's body with {@code reader} (streamed); other answers are errors. */
    private <T> T request(String method, String pathAndQuery, String body, Duration timeout, boolean retryOn403,
                          Function<InputStream, T> reader) {
        Answer<T> answer = send(method, pathAndQuery, body, timeout, retryOn403, reader);
        if (answer.tokenExpired()) {
            doLogin(timeout);
            answer = send(method, pathAndQuery, body, timeout, false, reader);
        }
        return answer.value();
    }

    /** A request's outcome: the body as read, or a 403 to be retried after a new login. */
    private record Answer<T>(boolean tokenExpired, T value) {
    }

    private <T> Answer<T> send(String method, String pathAndQuery, String body, Duration timeout, boolean retryOn403,
                                 Function<InputStream, T> reader) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", USER_AGENT);
        if (token != null) {
            builder.header("Cookie", "APIC-cookie=" + token);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status == 403 && retryOn403) {
                    in.readAllBytes(); // the connection is reused for the retry
                    return new Answer<>(true, null);
                }
                response.headers().allValues("set-cookie").stream()
                        .filter(c -> c.regionMatches(true, 0, "APIC-cookie=", 0, 12))
                        .findFirst().ifPresent(c -> token = c.substring(12).split(";", 2)[0]);
                if (status != 200) {
                    String error = null;
                    try {
                        error = ApicJson.errorText(ApicJson.parse(text(in)));
                    } catch (MalformedApicPayloadException ignored) {
                        // not an APIC envelope
                    }
                    throw new ApicException(status, method + " " + stripQuery(pathAndQuery) + " answered " + status
                            + (error != null ? ": " + error : ""));
                }
                return new Answer<>(false, reader.apply(in));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ApicException(0, method + " " + stripQuery(pathAndQuery) + " on " + base + " failed: "
                    + (e instanceof UncheckedIOException u ? u.getCause() : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApicException(0, "interrupted", e);
        } finally {
            requestTimer.accept(System.nanoTime() - started);
        }
    }

    private static String tokenOf(JsonObject envelope) {
        List<ApicMo> mos = ApicJson.imdata(envelope);
        return mos.isEmpty() ? null : mos.get(0).attr("token");
    }

    private int intAttr(String name, int fallback) {
        try {
            return Integer.parseInt(login.attr(name));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String stripQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

}
