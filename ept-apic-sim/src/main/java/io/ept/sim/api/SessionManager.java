package io.ept.sim.api;

import io.ept.sim.query.ApiException;
import io.undertow.websockets.core.WebSocketChannel;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Tokens and sessions: refresh timeout, maximum lifetime, certificate-signed pseudo sessions. */
public final class SessionManager {
    public static final String TOKEN_TIMEOUT = "Token was invalid (Error: Token timeout)";
    public static final String NO_COOKIE = "Need a valid webtoken cookie (named APIC-Cookie) or a signed request with signature in the cookie APIC-Request-Signature for all REST API requests";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Map<String, Session> certSessions = new ConcurrentHashMap<>();
    private final Consumer<Session> onEnd;
    private final WebSocketSessionLog websocketLog;
    public volatile int refreshTimeoutSeconds;
    public volatile int maximumLifetimeSeconds;

    public SessionManager(int refreshTimeoutSeconds, int maximumLifetimeSeconds, int websocketLogCapacity, Consumer<Session> onEnd) {
        this.websocketLog = new WebSocketSessionLog(websocketLogCapacity);
        this.refreshTimeoutSeconds = refreshTimeoutSeconds;
        this.maximumLifetimeSeconds = maximumLifetimeSeconds;
        this.onEnd = onEnd;
    }

    private String newToken() {
        byte[] b = new byte[150];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String login(String user) {
        Session s = new Session(user, false);
        String token = newToken();
        s.tokens.add(token);
        byToken.put(token, s);
        return token;
    }

    /** New token for the same session (the old one keeps working until the session ends). */
    public String refresh(Session s) {
        s.lastRefreshMillis = System.currentTimeMillis();
        if (s.certificate) return newToken();
        String token = newToken();
        s.tokens.add(token);
        byToken.put(token, s);
        return token;
    }

    /** The live session of a token, or an ApiException 403 (Token timeout). */
    public Session validate(String token) {
        Session s = token == null ? null : byToken.get(token);
        if (s == null || s.ended) throw new ApiException(403, TOKEN_TIMEOUT);
        if (expired(s, System.currentTimeMillis())) {
            end(s);
            throw new ApiException(403, TOKEN_TIMEOUT);
        }
        return s;
    }

    public Session certificateSession(String certDn) {
        return certSessions.computeIfAbsent(certDn, dn -> new Session(dn, true));
    }

    private boolean expired(Session s, long now) {
        if (s.certificate) return false;
        return now - s.lastRefreshMillis > refreshTimeoutSeconds * 1000L || now - s.createdMillis > maximumLifetimeSeconds * 1000L;
    }

    public void end(Session s) {
        if (s.ended) return;
        s.ended = true;
        for (String t : s.tokens) byToken.remove(t);
        for (WebSocketChannel ch : s.sockets) WebSocketSessionLog.closeBySimulator(ch);
        s.sockets.clear();
        onEnd.accept(s);
    }

    /** Ends sessions whose token timed out (called periodically). */
    public void reap() {
        long now = System.currentTimeMillis();
        for (Session s : List.copyOf(byToken.values())) if (!s.ended && expired(s, now)) end(s);
    }

    /** Fault injection: every token becomes invalid now. */
    public void expireAll() {
        for (Session s : List.copyOf(byToken.values())) end(s);
    }

    /** Fault injection: close every websocket (sessions stay valid, subscriptions die with the socket). */
    public int dropWebsockets() {
        int n = 0;
        for (Session s : List.copyOf(byToken.values())) for (WebSocketChannel ch : s.sockets) { WebSocketSessionLog.closeBySimulator(ch); n++; }
        for (Session s : certSessions.values()) for (WebSocketChannel ch : s.sockets) { WebSocketSessionLog.closeBySimulator(ch); n++; }
        return n;
    }

    /** Sends {@code text} as a text frame to every open websocket, {@code count} times (misbehaving APIC tests). */
    public int sendRawFrames(String text, int count) {
        int n = 0;
        java.util.Set<WebSocketChannel> all = new java.util.LinkedHashSet<>();
        for (Session s : List.copyOf(byToken.values())) all.addAll(s.sockets);
        for (Session s : certSessions.values()) all.addAll(s.sockets);
        for (WebSocketChannel ch : all) {
            for (int i = 0; i < count; i++) {
                io.undertow.websockets.core.WebSockets.sendText(text, ch, null);
                WebSocketSessionLog.frameSent(ch);
                n++;
            }
        }
        return n;
    }

    /** Every websocket served (open and closed), see {@link WebSocketSessionLog}. */
    public WebSocketSessionLog websocketLog() { return websocketLog; }

    public int activeSessions() { return (int) byToken.values().stream().distinct().filter(s -> !s.ended).count(); }
}
