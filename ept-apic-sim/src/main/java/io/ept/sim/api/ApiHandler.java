package io.ept.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ept.sim.model.FabricState;
import io.ept.sim.query.ApiException;
import io.ept.sim.query.QueryEngine;
import io.ept.sim.query.QueryRequest;
import io.ept.sim.query.QueryResult;
import io.ept.sim.subscription.SubscriptionManager;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The APIC REST API: aaaLogin/Refresh/Logout, class and mo queries, subscriptions and their refresh. */
public final class ApiHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode LOGIN_TEMPLATE;

    static {
        try (InputStream in = ApiHandler.class.getResourceAsStream("/io/ept/sim/model/aaaLogin-template.json")) {
            LOGIN_TEMPLATE = JSON.readTree(in);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Supplier<FabricState> fabric;
    private final QueryEngine queries;
    private final SessionManager sessions;
    private final SubscriptionManager subscriptions;
    private final FaultInjector faults;
    private final String username;
    private final String password;

    public ApiHandler(Supplier<FabricState> fabric, QueryEngine queries, SessionManager sessions, SubscriptionManager subscriptions,
                      FaultInjector faults, String username, String password) {
        this.fabric = fabric; this.queries = queries; this.sessions = sessions; this.subscriptions = subscriptions;
        this.faults = faults; this.username = username; this.password = password;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.startBlocking();
        try {
            long delay = faults.delayMillis();
            if (delay > 0) Thread.sleep(delay);
            int fail = faults.nextFailure();
            if (fail > 0) throw new ApiException(fail, fail == 429 ? "Too Many Requests" : "Service Unavailable");
            route(ex);
        } catch (ApiException e) {
            send(ex, e.httpStatus, JsonOut.error(e.code, e.getMessage()));
        } catch (IllegalArgumentException e) {
            send(ex, 400, JsonOut.error("400", e.getMessage()));
        }
    }

    private void route(HttpServerExchange ex) throws IOException {
        String path = ex.getRelativePath(); // decoded, relative to /api/
        if (path.startsWith("/")) path = path.substring(1);
        if (path.endsWith(".json")) path = path.substring(0, path.length() - 5);
        else if (path.endsWith(".xml")) throw new ApiException(400, "XML is not supported by the simulator");
        switch (path) {
            case "aaaLogin": login(ex); return;
            case "aaaRefresh": refresh(ex); return;
            case "aaaLogout": logout(ex); return;
            case "requestAppToken": appToken(ex); return;
            case "subscriptionRefresh": subscriptionRefresh(ex); return;
            default: query(ex, path);
        }
    }

    private void login(HttpServerExchange ex) throws IOException {
        JsonNode body = readBody(ex);
        JsonNode attrs = body.path("aaaUser").path("attributes");
        String name = attrs.path("name").asText(null);
        String pwd = attrs.path("pwd").asText(null);
        if (faults.refusingLogins() || !username.equals(name) || !password.equals(pwd))
            throw new ApiException(401, "Username or password is incorrect - FAILED local authentication");
        String token = sessions.login(name);
        sendLogin(ex, token, name, System.currentTimeMillis());
    }

    private void refresh(HttpServerExchange ex) {
        Session s = authenticate(ex);
        String token = sessions.refresh(s);
        sendLogin(ex, token, s.user, s.createdMillis);
    }

    private void logout(HttpServerExchange ex) {
        String token = cookie(ex, "APIC-cookie");
        if (token != null) {
            try {
                sessions.end(sessions.validate(token));
            } catch (ApiException ignored) {
                // logging out an expired session is fine
            }
        }
        send(ex, 200, JsonOut.emptyResult());
    }

    /** App-center token: a signed request; answered like a login. */
    private void appToken(HttpServerExchange ex) {
        String certDn = cookie(ex, "APIC-Certificate-DN");
        if (certDn == null || cookie(ex, "APIC-Request-Signature") == null) throw new ApiException(403, SessionManager.NO_COOKIE);
        String token = sessions.login(certDn);
        sendLogin(ex, token, certDn, System.currentTimeMillis());
    }

    private void sendLogin(HttpServerExchange ex, String token, String user, long createdMillis) {
        ObjectNode doc = LOGIN_TEMPLATE.deepCopy();
        ObjectNode a = (ObjectNode) doc.path("imdata").get(0).path("aaaLogin").path("attributes");
        String created = Long.toString(createdMillis / 1000);
        a.put("token", token);
        a.put("userName", user);
        a.put("creationTime", created);
        a.put("firstLoginTime", created);
        a.put("refreshTimeoutSeconds", Integer.toString(sessions.refreshTimeoutSeconds));
        a.put("maximumLifetimeSeconds", Integer.toString(sessions.maximumLifetimeSeconds));
        boolean https = "https".equals(ex.getRequestScheme());
        // plain-http clients would never send a Secure cookie back
        ex.getResponseHeaders().add(Headers.SET_COOKIE, "APIC-cookie=" + token + "; path=/; HttpOnly" + (https ? "; Secure" : ""));
        send(ex, 200, doc.toString());
    }

    private void subscriptionRefresh(HttpServerExchange ex) {
        authenticate(ex);
        String id = param(ex, "id");
        String rt = param(ex, "refresh-timeout");
        Integer timeout = rt == null ? null : Integer.valueOf(rt);
        if (!subscriptions.refresh(id, timeout))
            throw new ApiException(400, "Subscription refresh failed for id " + id + ": channel no longer active");
        send(ex, 200, "{\"imdata\":[]}");
    }

    private void query(HttpServerExchange ex, String path) throws IOException {
        Session s = authenticate(ex);
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, Deque<String>> e : ex.getQueryParameters().entrySet()) params.put(e.getKey(), e.getValue().peekFirst());
        QueryRequest q;
        try {
            q = QueryRequest.parse(path, params);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        QueryResult result = queries.execute(fabric.get(), q);
        String subId = q.subscribe ? subscriptions.subscribe(s, q) : null;
        ex.setStatusCode(200);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try (OutputStream out = ex.getOutputStream()) {
            JsonOut.writeResult(out, result, subId);
        }
    }

    /** Session from the APIC-cookie, or a certificate-signed request (signature cookies; not verified). */
    Session authenticate(HttpServerExchange ex) {
        String token = cookie(ex, "APIC-cookie");
        if (token == null) token = ex.getRequestHeaders().getFirst(new HttpString("APIC-challenge"));
        if (token != null) return sessions.validate(token);
        String certDn = cookie(ex, "APIC-Certificate-DN");
        if (certDn != null && cookie(ex, "APIC-Request-Signature") != null) return sessions.certificateSession(certDn);
        throw new ApiException(403, SessionManager.NO_COOKIE);
    }

    static String cookie(HttpServerExchange ex, String name) {
        for (Cookie c : ex.requestCookies()) if (c.getName().equalsIgnoreCase(name)) return c.getValue();
        return null;
    }

    private static String param(HttpServerExchange ex, String name) {
        Deque<String> d = ex.getQueryParameters().get(name);
        return d == null ? null : d.peekFirst();
    }

    private static JsonNode readBody(HttpServerExchange ex) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ex.getInputStream().transferTo(buf);
        String text = buf.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) return JSON.createObjectNode();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new ApiException(400, "Failed to parse request body");
        }
    }

    static void send(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
