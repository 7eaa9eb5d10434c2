package io.ept.sim.ssh;

import io.ept.sim.control.SimulatorControl;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The APIC's SSH service as EPT's clear procedure uses it: password login to an APIC shell, the
 * {@code ssh ... <leaf TEP>} hop to a leaf, and on the leaf the few vsh/moquery commands of the clear
 * (see {@link FabricShell}). Host key generated in memory at start.
 */
public final class SimSshServer {
    private static final int LOG_SIZE = 500;
    private final SimulatorControl control;
    private final String host;
    private final int requestedPort;
    private final String username;
    private final String password;
    private final AtomicInteger activeSessions = new AtomicInteger();
    private final Deque<Map<String, Object>> log = new ArrayDeque<>();
    /** node -> PI VLAN table (allocated on demand, stable for the server's life). */
    private final Map<Integer, PiVlans> piVlans = new HashMap<>();
    private SshServer server;
    private int boundPort = -1;

    /** File of the host key (kept across restarts), or null: a key kept in memory. */
    private final java.nio.file.Path hostKeyFile;

    public SimSshServer(SimulatorControl control, String host, int port, String username, String password) {
        this(control, host, port, username, password, null);
    }

    public SimSshServer(SimulatorControl control, String host, int port, String username, String password,
                        java.nio.file.Path hostKeyFile) {
        this.control = control; this.host = host; this.requestedPort = port; this.username = username; this.password = password;
        this.hostKeyFile = hostKeyFile;
    }

    public synchronized SimSshServer start() throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(host);
        s.setPort(requestedPort);
        // with a file, a restarted simulator presents the host key clients pinned
        SimpleGeneratorHostKeyProvider keys = hostKeyFile == null ? new SimpleGeneratorHostKeyProvider()
                : new SimpleGeneratorHostKeyProvider(hostKeyFile);
        s.setKeyPairProvider(keys);
        s.setPasswordAuthenticator((user, pwd, session) -> acceptsUser(user) && password.equals(pwd));
        s.setPublickeyAuthenticator((user, key, session) -> false);
        s.setShellFactory(channel -> new FabricShell(this));
        s.start();
        server = s;
        for (SocketAddress a : s.getBoundAddresses()) if (a instanceof InetSocketAddress) boundPort = ((InetSocketAddress) a).getPort();
        if (boundPort < 0) boundPort = s.getPort();
        return this;
    }

    /**
     * Replaces the host key by a freshly generated one (as a reinstalled APIC would present): clients that pinned
     * the old key must refuse the next connection. Returns the new key's SHA-256 fingerprint.
     */
    public synchronized String rotateHostKey() {
        if (server == null) throw new IllegalStateException("SSH server not started");
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider();
        server.setKeyPairProvider(keys);
        return hostKeyFingerprint();
    }

    /** SHA-256 fingerprint of the current host key ("SHA256:..."), as ssh-keygen -l prints it. */
    public synchronized String hostKeyFingerprint() {
        if (server == null) return "";
        try {
            for (java.security.KeyPair kp : server.getKeyPairProvider().loadKeys(null)) {
                return org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(
                        org.apache.sshd.common.digest.BuiltinDigests.sha256, kp.getPublic());
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return "";
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        server = null;
        boundPort = -1;
    }

    /** The simulator user, also with an APIC login-domain prefix ("apic#domain\\user"). */
    boolean acceptsUser(String user) {
        if (user == null) return false;
        if (user.equals(username)) return true;
        int bs = user.lastIndexOf('\\');
        return user.startsWith("apic#") && bs > 0 && user.substring(bs + 1).equals(username);
    }

    boolean checkPassword(String pwd) { return password.equals(pwd); }

    public int port() { return boundPort; }

    SimulatorControl control() { return control; }

    void sessionOpened() { activeSessions.incrementAndGet(); }

    void sessionClosed() { activeSessions.decrementAndGet(); }

    /** Records one command line (node 0 = at the APIC) with its outcome ("ok", "error: ...", "cleared N"). */
    void record(String user, int node, String command, String outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", System.currentTimeMillis());
        m.put("user", user);
        m.put("node", node);
        m.put("command", command);
        m.put("outcome", outcome);
        synchronized (log) {
            log.addLast(m);
            while (log.size() > LOG_SIZE) log.removeFirst();
        }
    }

    public List<Map<String, Object>> commands() {
        synchronized (log) { return new ArrayList<>(log); }
    }

    public int clearLog() {
        synchronized (log) {
            int n = log.size();
            log.clear();
            return n;
        }
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", server != null);
        m.put("port", boundPort);
        m.put("host", host);
        m.put("username", username);
        m.put("sessions", activeSessions.get());
        Map<String, Object> pis = new LinkedHashMap<>();
        synchronized (piVlans) {
            for (Map.Entry<Integer, PiVlans> e : piVlans.entrySet()) pis.put("" + e.getKey(), e.getValue().describe());
        }
        m.put("piVlans", pis);
        m.put("commands", commands());
        m.put("hostKey", hostKeyFingerprint());
        return m;
    }

    /** PI VLAN of a BD (encap null) or of an access encap in a BD on a leaf; allocated on first use from 13 upwards. */
    int piVlan(int node, int bdVnid, String encap) {
        synchronized (piVlans) { return piVlans.computeIfAbsent(node, k -> new PiVlans()).allocate(bdVnid, encap); }
    }

    /** {bdVnid, encap-or-null} for a PI VLAN of a leaf, or null when never allocated. */
    Object[] piVlanTarget(int node, int pi) {
        synchronized (piVlans) {
            PiVlans t = piVlans.get(node);
            return t == null ? null : t.target(pi);
        }
    }

    private static final class PiVlans {
        private final Map<String, Integer> byKey = new LinkedHashMap<>();
        private final Map<Integer, Object[]> byPi = new HashMap<>();
        private int next = 13;

        int allocate(int bd, String encap) {
            String key = bd + "|" + (encap == null ? "" : encap);
            Integer pi = byKey.get(key);
            if (pi != null) return pi;
            pi = next++;
            byKey.put(key, pi);
            byPi.put(pi, new Object[]{bd, encap});
            return pi;
        }

        Object[] target(int pi) { return byPi.get(pi); }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : byKey.entrySet()) {
                String[] p = e.getKey().split("\\|", -1);
                m.put("" + e.getValue(), p[1].isEmpty() ? "bd-[vxlan-" + p[0] + "]" : "bd-[vxlan-" + p[0] + "]/" + p[1]);
            }
            return m;
        }
    }
}
