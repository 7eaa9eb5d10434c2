package io.ept.monitor;

import io.ept.platform.Backoff;

import io.ept.apic.ApicException;
import io.ept.apic.ApicSession;
import io.ept.apic.ApicTrust;
import io.ept.apic.ApicTrustException;
import io.ept.apic.ApicWebsocket;
import io.ept.fabric.TrustPins;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A subscriber's link to its APIC (ept-reference 7.2, 7.3): the session (configured host first, then the other
 * controllers), the websocket feeding {@link WebsocketFrames}, the class subscriptions, and the keep-alive that
 * refreshes token and subscriptions, sends the heartbeat and resubscribes gracefully before the session's lifetime
 * ends, and reopens a lost websocket or lost subscriptions in place ({@link #resubscribeAfterLoss}). An APIC
 * answering 429/503 is waited for ({@link #APIC_CALL}, {@link #KEEP_ALIVE}) and reported as {@link #apicProblem()}
 * instead of failing; anything else that breaks the link ends the subscriber with a {@link SubscriberStop}.
 */
public final class ApicConnection {

    /**
     * An APIC call retried in place while the APIC answers 429/503: 0.5 s, 1 s, 2 s ... at most 8 s. One request
     * every 8 s is no load for a busy APIC, and a longer pause would outlast a short busy spell by as much.
     */
    static final Backoff APIC_CALL = Backoff.unlimited(500, 8_000);
    /** The keep-alive (token, subscription refresh, heartbeat) paused by 429/503: 1 s, 2 s, 4 s ... at most 60 s. */
    static final Backoff KEEP_ALIVE = Backoff.unlimited(1_000, 60_000);
    /**
     * Reopening a lost websocket (new login, websocket, every subscription): 5 tries 1 s, 2 s, 4 s, 8 s apart, so
     * about 15 s (plus the tries themselves) before the subscriber gives up and the supervision restarts it.
     */
    static final Backoff RESUBSCRIBE = new Backoff(1_000, 8_000, 5);

    private static final Logger LOG = Logger.getLogger(ApicConnection.class.getName());
    /** How long a call retries while the APIC answers busy before its failure ends the subscriber. */
    static final Duration BUSY_RETRY_LIMIT = Duration.ofMinutes(5);

    private final SubscriberSettings settings;
    private final MonitorEnvironment env;
    private final WebsocketFrames frames;
    private final FabricEventLog events;
    private final StopSignal stop;
    private final TrustPins trustPins;
    private final int maxFrameChars;
    private final Backoff resubscribeBackoff;
    private final Map<String, String> subscriptionByClass = new ConcurrentHashMap<>();

    private volatile ApicSession session;
    private volatile ApicWebsocket websocket;
    private volatile boolean loggedIn;
    /** Why the APIC is not answering as it should right now (busy, heartbeat failing), or null: status degraded. */
    private volatile String apicProblem;
    /** Why the websocket is being reopened or its gap reconciled, or null: status degraded meanwhile. */
    private volatile String websocketProblem;
    /** Why the subscriptions cannot be trusted any more although the socket is open (a refresh failed), or null. */
    private volatile String subscriptionsLost;
    /** Counts the sockets opened: the closing of one that was replaced is no problem of the current one. */
    private volatile long socketGeneration;
    private int refreshSeconds;
    private long lastTokenRefresh;
    private long lastSubscriptionRefresh;
    private long lastHeartbeat;
    private int heartbeatFailures;
    private long busyUntil;
    private int busyStreak;
    private final Clock keepAliveClock;

    public ApicConnection(SubscriberSettings settings, MonitorEnvironment env, WebsocketFrames frames,
                          FabricEventLog events, StopSignal stop, int maxFrameChars) {
        this(settings, env, frames, events, stop, maxFrameChars, RESUBSCRIBE, Clock.systemUTC());
    }

    /**
     * @param keepAliveClock when token refreshes, subscription refreshes and heartbeats are due, and how long a busy
     *                       APIC pauses them (tests move it instead of waiting)
     */
    ApicConnection(SubscriberSettings settings, MonitorEnvironment env, WebsocketFrames frames, FabricEventLog events,
                   StopSignal stop, int maxFrameChars, Backoff resubscribeBackoff, Clock keepAliveClock) {
        this.resubscribeBackoff = resubscribeBackoff;
        this.keepAliveClock = keepAliveClock;
        this.settings = settings;
        this.env = env;
        this.frames = frames;
        this.events = events;
        this.stop = stop;
        this.maxFrameChars = maxFrameChars;
        this.trustPins = new TrustPins(env.fabrics());
        this.refreshSeconds = settings.subscriptionRefreshSeconds();
    }

    private String fabric() {
        return settings.fabric();
    }

    /** Whether a login to the APIC succeeded. */
    public boolean loggedIn() {
        return loggedIn;
    }

    /** Why the APIC link does not work as it should right now (websocket reopening, APIC busy...), or null. */
    public String apicProblem() {
        String websocket = websocketProblem;
        return websocket != null ? websocket : apicProblem;
    }

    /** Reports (or with null clears) the websocket's recovery as the link's problem. */
    void websocketProblem(String problem) {
        websocketProblem = problem;
    }

    public ApicSession session() {
        return session;
    }

    /** Caps the subscription refresh period (an APIC or switch older than 4.0 allows 60 s at most). */
    void limitRefreshSeconds(int seconds) {
        refreshSeconds = Math.min(refreshSeconds, seconds);
    }

    int refreshSeconds() {
        return refreshSeconds;
    }

    /** Logs in (configured host, then the other controllers) and checks the admin read rights EPT needs. */
    public void logIn() {
        session = call(this::connect); // a busy APIC (429/503) at start is waited for, as on a resubscribe
        loggedIn = true;
        if (!session.hasAdminReadOnAll()) {
            throw new SubscriberStop(StopReason.permanent("insufficient permissions: user '" + settings.username()
                    + "' needs admin read rights in security domain all"));
        }
    }

    private ApicSession connect() {
        List<String> candidates = new ArrayList<>();
        candidates.add(settings.hostname());
        settings.controllers().stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
        List<String> problems = new ArrayList<>();
        ApicException busy = null;
        for (String host : candidates) {
            try {
                return ApicSession.login(host, settings.username(), settings.password(), trust(host),
                        Duration.ofSeconds(10), Duration.ofSeconds(120)).timeRequests(env.metrics()::apicRequest);
            } catch (ApicTrustException e) {
                // a changed certificate is not a reason to try the next APIC: stop until an admin accepts it
                throw new SubscriberStop(StopReason.permanent(e.getMessage()));
            } catch (ApicException e) {
                problems.add(host + ": " + e.getMessage());
                if (e.isBusy()) {
                    busy = e;
                }
                if (e.status() == 401) {
                    throw new SubscriberStop(StopReason.loginRefused("APIC login failed for user '"
                            + settings.username() + "' on " + host + ": " + e.getMessage()));
                }
            } catch (IllegalArgumentException e) {
                throw new SubscriberStop(StopReason.permanent(e.getMessage()));
            }
        }
        if (busy != null) {
            throw busy; // an APIC answered, busy: the caller may wait for it (call)
        }
        throw new SubscriberStop(StopReason.failure("failed to connect to any APIC: " + String.join("; ", problems)));
    }

    /** How the APIC {@code host} is trusted: CAs with ept.apic.verify-tls, else its pinned certificate. */
    private ApicTrust trust(String host) {
        return ApicTrust.of(settings.verifyTls(), ApicSession.trustHost(host),
                trustPins.pins(fabric(), TrustPins.Kind.APIC_CERT));
    }

    /** Opens a websocket on the current session; the previous one (graceful resubscribe) is closed after. */
    public void openWebsocket() {
        ApicWebsocket previous = websocket;
        frames.socketOpened();
        ApicWebsocket opened;
        long generation = ++socketGeneration;
        try {
            opened = ApicWebsocket.connect(session.websocketUri(), session.trust(), Duration.ofSeconds(30), maxFrameChars,
                    new CurrentSocket(generation));
        } catch (ApicTrustException e) {
            throw new SubscriberStop(StopReason.permanent(e.getMessage()));
        }
        websocket = opened;
        env.metrics().websocketOpened(fabric());
        closeSocket(previous);
    }

    /** Subscribes to a class; its events arrive on the websocket. */
    public void subscribe(String cls) {
        String id = call(() -> session.subscribe("/api/class/" + cls + ".json", refreshTimeout()));
        subscriptionByClass.put(cls, id);
    }

    /** Subscribes to a class this APIC may not know (400: not subscribed). */
    public void subscribeIfKnown(String cls) {
        try {
            subscribe(cls);
        } catch (ApicException e) {
            if (e.status() != 400) {
                throw e;
            }
        }
    }

    private Integer refreshTimeout() {
        return refreshSeconds > 60 ? refreshSeconds + 30 : null;
    }

    /**
     * Runs one APIC call; while the APIC answers busy (429/503) it is retried with {@link #APIC_CALL}
     * for up to {@link #BUSY_RETRY_LIMIT}, then (or when a stop is requested) the busy answer is thrown.
     */
    public <T> T call(Supplier<T> request) {
        long deadline = System.currentTimeMillis() + BUSY_RETRY_LIMIT.toMillis();
        int busy = 0;
        while (true) {
            try {
                T result = request.get();
                if (busy > 0) {
                    apicProblem = null;
                }
                return result;
            } catch (ApicException e) {
                if (!e.isBusy() || System.currentTimeMillis() > deadline || stop.requested()) {
                    throw e;
                }
                busy++;
                apicProblem = "APIC busy (" + e.status() + "), retrying";
                long delay = APIC_CALL.delayAfter(busy);
                LOG.info(() -> "fabric " + fabric() + ": APIC busy (" + e.status() + "), retrying in " + delay + " ms");
                if (busy == 1) {
                    events.add("warning", "APIC busy (" + e.status() + "): backing off instead of restarting");
                }
                stop.sleep(delay);
            }
        }
    }

    // ---------------------------------------------------------------- keep-alive (ept-reference 7.3)

    /** Checks the websocket and, when due, refreshes token and subscriptions, sends the heartbeat or resubscribes. */
    public void maintain() {
        if (websocketLost() != null) {
            return; // the event loop reopens it first (resubscribe in place)
        }
        long now = keepAliveClock.millis();
        if (now < busyUntil) {
            return;
        }
        try {
            if (now - session.loginTimeMillis() >= lifetimeMillis()) {
                gracefulResubscribe();
                return;
            }
            if (now - lastTokenRefresh >= session.refreshTimeoutSeconds() * 1000L / 2) {
                session.refreshToken();
                lastTokenRefresh = now;
            }
            if (now - lastSubscriptionRefresh >= refreshSeconds * 1000L) {
                refreshSubscriptions();
                lastSubscriptionRefresh = now;
            }
            if (settings.heartbeatIntervalSeconds() > 0 && now - lastHeartbeat >= settings.heartbeatIntervalSeconds() * 1000L) {
                lastHeartbeat = now;
                heartbeat();
            }
            busyStreak = 0;
            if (heartbeatFailures == 0) {
                apicProblem = null; // a failed heartbeat below the retry limit stays reported until one succeeds
            }
        } catch (ApicException e) {
            if (!e.isBusy()) {
                throw e;
            }
            pauseKeepAlive(e);
        }
    }

    private void refreshSubscriptions() {
        for (Map.Entry<String, String> s : subscriptionByClass.entrySet()) {
            try {
                session.refreshSubscription(s.getValue(), refreshTimeout());
            } catch (ApicException e) {
                if (e.isBusy()) {
                    throw e;
                }
                // the APIC dropped the subscription (its socket closed, or it expired): events may have been missed
                subscriptionsLost = "failed to refresh " + s.getKey() + " id " + s.getValue() + ": " + e.getMessage();
                return;
            }
        }
    }

    private void heartbeat() {
        try {
            session.get("/api/mo/uni.json", Duration.ofSeconds(settings.heartbeatTimeoutSeconds()));
            heartbeatFailures = 0;
        } catch (ApicException e) {
            if (e.isBusy()) {
                throw e; // busy is an answer: the APIC is alive, so back off rather than count a failure
            }
            heartbeatFailures++;
            apicProblem = "APIC heartbeat failed (" + heartbeatFailures + "/" + settings.heartbeatMaxRetries() + "): "
                    + e.getMessage();
            LOG.warning(() -> "fabric " + fabric() + " heartbeat failed (" + heartbeatFailures + "/"
                    + settings.heartbeatMaxRetries() + "): " + e.getMessage());
            if (heartbeatFailures >= settings.heartbeatMaxRetries()) {
                throw new SubscriberStop(StopReason.failure("apic heartbeat failure: " + e.getMessage()));
            }
        }
    }

    private long lifetimeMillis() {
        long lifetime = Math.min(settings.sessionTimeoutSeconds(), session.maximumLifetimeSeconds());
        lifetime = Math.max(900, Math.min(86400, lifetime));
        return (long) (lifetime * 1000 * 0.95);
    }

    /** Why the websocket may have missed events (closed, failed, backlog exceeded), or null while it is sound. */
    public String websocketLost() {
        String problem = frames.problem();
        if (problem == null && websocket != null && websocket.isOpen()) {
            return subscriptionsLost;
        }
        return "websocket is not connected or event handler thread has died" + (problem != null ? ": " + problem : "");
    }

    /**
     * The websocket was lost while the monitor keeps running: new login, new websocket and every subscription again
     * (the graceful resubscribe), tried with {@link #RESUBSCRIBE} back-off. When every try failed the subscriber
     * ends with the last failure (a refused login stays typed, so the supervision judges it as at a start).
     */
    void resubscribeAfterLoss(String lost) {
        Backoff.Streak failures = resubscribeBackoff.streak();
        while (true) {
            if (stop.requested()) {
                return; // stopping (a revoked lease closes the websocket itself): never reopen it
            }
            websocketProblem = lost + "; resubscribing" + (failures.failures() > 0
                    ? " (try " + (failures.failures() + 1) + " of " + resubscribeBackoff.attempts() + ")" : "");
            StopReason failure;
            try {
                resubscribe();
                return;
            } catch (SubscriberStop e) {
                if (e.reason().kind() == StopReason.Kind.PERMANENT || e.reason().kind() == StopReason.Kind.REBUILD) {
                    throw e;
                }
                failure = e.reason();
            } catch (ApicException e) {
                failure = StopReason.failure(e.getMessage());
            }
            long delay = failures.failed();
            StopReason last = failure;
            LOG.warning(() -> "fabric " + fabric() + ": resubscribing after the websocket loss failed (try "
                    + failures.failures() + " of " + resubscribeBackoff.attempts() + "): " + last.description());
            if (delay < 0 || stop.requested()) {
                throw new SubscriberStop(new StopReason(last.kind(), lost + "; resubscribing failed "
                        + failures.failures() + " times, last: " + last.description()));
            }
            stop.sleep(delay);
        }
    }

    /** Before the session's maximum lifetime: new login, new websocket, resubscribe, then drop the old socket. */
    private void gracefulResubscribe() {
        events.add("re-initializing", "graceful resubscribe before the APIC session lifetime ends");
        resubscribe();
    }

    /** New login, new websocket, every subscription again, then the old socket is closed. */
    private void resubscribe() {
        session = call(this::connect); // a busy APIC is waited for, not counted as a failed try
        subscriptionsLost = null;
        lastTokenRefresh = keepAliveClock.millis();
        openWebsocket();
        for (String cls : new ArrayList<>(subscriptionByClass.keySet())) {
            subscribe(cls);
        }
        lastSubscriptionRefresh = keepAliveClock.millis();
    }

    /** 429/503 mean "slow down": the keep-alive waits ({@link #KEEP_ALIVE}) instead of failing. */
    private void pauseKeepAlive(ApicException e) {
        busyStreak++;
        long delay = KEEP_ALIVE.delayAfter(busyStreak);
        busyUntil = keepAliveClock.millis() + delay;
        apicProblem = "APIC busy (" + e.status() + "), backing off";
        LOG.info(() -> "fabric " + fabric() + ": APIC busy (" + e.status() + "), backing off " + delay + " ms");
        if (busyStreak == 1) {
            events.add("warning", "APIC busy (" + e.status() + "): backing off instead of restarting");
        }
    }

    /** Closes the websocket (the subscriber ends). */
    public void close() {
        closeSocket(websocket);
    }

    private static void closeSocket(ApicWebsocket socket) {
        if (socket != null) {
            socket.close();
        }
    }

    /** Hands one socket's frames to {@link WebsocketFrames}; its closing only while it is the current socket. */
    private final class CurrentSocket implements ApicWebsocket.Listener {
        private final long generation;

        CurrentSocket(long generation) {
            this.generation = generation;
        }

        @Override
        public void onEvents(List<String> subscriptionIds, List<io.ept.apic.ApicMo> mos, long receivedMillis) {
            frames.onEvents(subscriptionIds, mos, receivedMillis);
        }

        @Override
        public void onMalformedFrame(String frame, String problem) {
            frames.onMalformedFrame(frame, problem);
        }

        @Override
        public void onOversizeFrame(String prefix, long chars, int limit) {
            frames.onOversizeFrame(prefix, chars, limit);
        }

        @Override
        public void onClosed(String reason) {
            if (generation == socketGeneration) {
                frames.onClosed(reason);
            }
        }
    }
}
