package io.ept.sim;

import io.ept.sim.api.ApiHandler;
import io.ept.sim.api.FaultInjector;
import io.ept.sim.api.SelfSignedCertificate;
import io.ept.sim.api.SessionManager;
import io.ept.sim.api.WebSocketHandler;
import io.ept.sim.api.WebSocketSessionLog;
import io.ept.sim.behaviour.EndpointEngine;
import io.ept.sim.behaviour.MoChanges;
import io.ept.sim.control.ControlHandler;
import io.ept.sim.control.SimulatorControl;
import io.ept.sim.model.FabricState;
import io.ept.sim.ssh.SimSshServer;
import io.ept.sim.query.QueryEngine;
import io.ept.sim.subscription.SubscriptionManager;
import io.ept.sim.topology.FabricBuilder;
import io.ept.sim.topology.Topology;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated Cisco APIC: REST API, websocket subscriptions and a control API, embeddable in tests.
 * <pre>
 * ApicSimulator sim = ApicSimulator.builder().httpPort(0).httpsPort(-1).topology(Topology.demo()).build();
 * sim.start(); ... sim.httpUrl() ... sim.control().move(...); sim.stop();
 * </pre>
 */
public final class ApicSimulator {
    private final Builder cfg;
    private final AtomicReference<FabricState> fabric = new AtomicReference<>();
    private final FaultInjector faults = new FaultInjector();
    private final SubscriptionManager subscriptions;
    private final SessionManager sessions;
    private final SimulatorControl control;
    private final QueryEngine queries;
    private Undertow server;
    private SimSshServer ssh;
    private ScheduledExecutorService reaper;
    private int boundHttp = -1;
    private int boundHttps = -1;

    private ApicSimulator(Builder cfg) {
        this.cfg = cfg;
        this.subscriptions = new SubscriptionManager(cfg.subscriptionTimeoutSeconds);
        this.sessions = new SessionManager(cfg.refreshTimeoutSeconds, cfg.maximumLifetimeSeconds, cfg.websocketLogCapacity,
                subscriptions::dropSession);
        EndpointEngine engine = new EndpointEngine(subscriptions);
        this.control = new SimulatorControl(fabric, engine, new MoChanges(engine, subscriptions), sessions, subscriptions, faults);
        this.queries = new QueryEngine(cfg.tooBigThreshold);
        fabric.set(FabricBuilder.build(cfg.topology != null ? cfg.topology : Topology.demo()));
    }

    public static Builder builder() { return new Builder(); }

    public synchronized ApicSimulator start() {
        try {
            ApiHandler api = new ApiHandler(fabric::get, queries, sessions, subscriptions, faults, cfg.username, cfg.password);
            HttpHandler websocket = Handlers.websocket(new WebSocketHandler(sessions, subscriptions));
            PathHandler paths = Handlers.path()
                    .addPrefixPath("/api", api)
                    .addPrefixPath("/_sim", new ControlHandler(control));
            HttpHandler root = ex -> {
                if (ex.getRequestPath().startsWith("/socket")) websocket.handleRequest(ex);
                else paths.handleRequest(ex);
            };
            Undertow.Builder b = Undertow.builder().setHandler(root).setIoThreads(2).setWorkerThreads(16);
            if (cfg.httpPort >= 0) b.addHttpListener(cfg.httpPort, cfg.host);
            if (cfg.httpsPort >= 0) b.addHttpsListener(cfg.httpsPort, cfg.host, SelfSignedCertificate.sslContext("ept-apic-sim",
                    cfg.stateDir == null ? null : cfg.stateDir.resolve("tls.p12")));
            server = b.build();
            server.start();
            for (Undertow.ListenerInfo li : server.getListenerInfo()) {
                int port = ((InetSocketAddress) li.getAddress()).getPort();
                if ("https".equals(li.getProtcol())) boundHttps = port; else boundHttp = port;
            }
            reaper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sim-reaper");
                t.setDaemon(true);
                return t;
            });
            reaper.scheduleWithFixedDelay(() -> { sessions.reap(); subscriptions.reap(); }, 1, 1, TimeUnit.SECONDS);
            if (cfg.sshPort >= 0) {
                ssh = new SimSshServer(control, cfg.host, cfg.sshPort, cfg.username, cfg.password,
                        cfg.stateDir == null ? null : cfg.stateDir.resolve("ssh-host-key.ser")).start();
                control.attachSsh(ssh);
            }
            return this;
        } catch (Exception e) {
            if (reaper != null) reaper.shutdownNow();
            if (server != null) server.stop();
            server = null;
            throw new IllegalStateException("cannot start the APIC simulator: " + e.getMessage(), e);
        }
    }

    public synchronized void stop() {
        if (reaper != null) reaper.shutdownNow();
        if (ssh != null) { ssh.stop(); control.attachSsh(null); }
        ssh = null;
        control.shutdown();
        sessions.expireAll();
        if (server != null) server.stop();
        server = null;
    }

    public String httpUrl() { return boundHttp < 0 ? null : "http://" + cfg.host + ":" + boundHttp; }

    public String httpsUrl() { return boundHttps < 0 ? null : "https://" + cfg.host + ":" + boundHttps; }

    /** Bound SSH port, -1 when disabled or not started. */
    public int sshPort() { return ssh == null ? -1 : ssh.port(); }

    /** The SSH server (command log, PI VLANs), null when disabled. */
    public SimSshServer ssh() { return ssh; }

    public SimulatorControl control() { return control; }

    public String username() { return cfg.username; }

    public String password() { return cfg.password; }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int httpPort = 0;
        private int httpsPort = -1;
        private int sshPort = -1;
        private Topology topology;
        private String username = "admin";
        private String password = "ept-sim";
        private int refreshTimeoutSeconds = 600;
        private int maximumLifetimeSeconds = 86400;
        private int subscriptionTimeoutSeconds = 90;
        private int tooBigThreshold = 100_000;
        private int websocketLogCapacity = WebSocketSessionLog.DEFAULT_CAPACITY;
        private java.nio.file.Path stateDir;

        /** 0 = any free port, -1 = disabled. */
        public Builder httpPort(int p) { httpPort = p; return this; }

        /** 0 = any free port, -1 = disabled (default). */
        public Builder httpsPort(int p) { httpsPort = p; return this; }

        /**
         * SSH server (APIC shell + hop to leaves for EPT's clear): 0 = any free port, -1 = disabled (default).
         * Login with {@link #username}/{@link #password}.
         */
        public Builder sshPort(int p) { sshPort = p; return this; }

        public Builder host(String h) { host = h; return this; }

        public Builder topology(Topology t) { topology = t; return this; }

        public Builder username(String u) { username = u; return this; }

        public Builder password(String p) { password = p; return this; }

        public Builder refreshTimeoutSeconds(int s) { refreshTimeoutSeconds = s; return this; }

        public Builder maximumLifetimeSeconds(int s) { maximumLifetimeSeconds = s; return this; }

        public Builder subscriptionTimeoutSeconds(int s) { subscriptionTimeoutSeconds = s; return this; }

        /** Unpaged queries above this many objects fail with "result dataset is too big". */
        public Builder tooBigThreshold(int n) { tooBigThreshold = n; return this; }

        /** How many websocket sessions {@code GET /_sim/websocket-sessions} keeps (the newest; default 10,000). */
        public Builder websocketLogCapacity(int n) { websocketLogCapacity = n; return this; }

        /**
         * Folder for the TLS certificate and SSH host key, kept across restarts so that clients which pinned them
         * (EPT does, on first use) keep connecting; null (default): new ones at each start.
         */
        public Builder stateDir(java.nio.file.Path dir) { stateDir = dir; return this; }

        public ApicSimulator build() { return new ApicSimulator(this); }
    }
}
