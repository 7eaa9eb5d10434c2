package io.ept.apic;

import io.ept.endpoint.clear.SshEndpointClearer;
import io.ept.sim.ApicSimulator;
import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trust on first use against two simulators over HTTPS (each makes its own self-signed certificate at start) and
 * SSH (host key rotated on demand): the first certificate/key is pinned, the same one is accepted again, a
 * different one is refused with a mismatch naming both fingerprints; CA verification still refuses self-signed.
 */
class TrustPinningTest {

    private static ApicSimulator a;
    private static ApicSimulator b;

    @BeforeAll
    static void start() {
        a = ApicSimulator.builder().httpPort(-1).httpsPort(0).sshPort(0).topology(Topology.demo()).build().start();
        b = ApicSimulator.builder().httpPort(-1).httpsPort(0).topology(Topology.demo()).build().start();
    }

    @AfterAll
    static void stop() {
        a.stop();
        b.stop();
    }

    /** Pins keyed by a fixed host name, so that simulator B impersonates A. */
    private static final class Pins implements FingerprintPins {
        final Map<String, String> pins = new ConcurrentHashMap<>();

        @Override
        public String check(String host, String fingerprint) {
            String pinned = pins.putIfAbsent(host, fingerprint);
            return pinned == null || pinned.equals(fingerprint) ? null : pinned;
        }
    }

    private static ApicSession login(String url, ApicTrust trust) {
        return ApicSession.login(url, "admin", "ept-sim", trust, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void apicCertificateIsPinnedOnFirstUseAndAChangeIsRefused() {
        Pins pins = new Pins();
        ApicSession first = login(a.httpsUrl(), ApicTrust.pinned("apic1", pins));
        assertNotNull(first.token());
        String pinned = pins.pins.get("apic1");
        assertTrue(pinned.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), pinned);
        assertNotNull(login(a.httpsUrl(), ApicTrust.pinned("apic1", pins)).token(), "same certificate: trusted again");

        ApicTrust trust = ApicTrust.pinned("apic1", pins);
        ApicTrustException e = assertThrows(ApicTrustException.class, () -> login(b.httpsUrl(), trust));
        assertEquals(pinned, e.mismatch().pinned());
        assertFalse(pinned.equals(e.mismatch().presented()));
        assertTrue(e.getMessage().contains("changed") && e.getMessage().contains("accept"), e.getMessage());
        assertEquals(pinned, pins.pins.get("apic1"), "a mismatch never replaces the pin");
    }

    @Test
    void websocketUsesTheSessionTrust() {
        Pins pins = new Pins();
        ApicSession session = login(a.httpsUrl(), ApicTrust.pinned("apic1", pins));
        try (ApicWebsocket socket = ApicWebsocket.connect(session.websocketUri(), session.trust(), Duration.ofSeconds(10),
                new NoopListener())) {
            assertTrue(socket.isOpen());
        }
        // B's session pinned under another name, its websocket checked against A's pin: refused
        ApicSession other = login(b.httpsUrl(), ApicTrust.pinned("apicB", pins));
        ApicTrust impostor = ApicTrust.pinned("apic1", pins);
        assertThrows(ApicTrustException.class, () -> ApicWebsocket.connect(other.websocketUri(), impostor,
                Duration.ofSeconds(10), new NoopListener()));
    }

    @Test
    void caVerificationStillRefusesSelfSignedCertificates() {
        ApicException e = assertThrows(ApicException.class, () -> login(a.httpsUrl(), ApicTrust.ca()));
        assertFalse(e instanceof ApicTrustException);
    }

    @Test
    void sshHostKeyIsPinnedOnFirstUseAndAChangeIsRefused() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        SshEndpointClearer clearer = new SshEndpointClearer(executor);
        try {
            Pins pins = new Pins();
            SshEndpointClearer.ApicLogin login = new SshEndpointClearer.ApicLogin("127.0.0.1", a.sshPort(), "admin",
                    "ept-sim", pins);
            String apicTep = "10.0.0.1";
            String leafTep = "10.0.72.64"; // leaf-101 of the demo topology
            assertNull(clearer.verify(login, apicTep, leafTep), "first use pins the host key");
            assertEquals(a.ssh().hostKeyFingerprint(), pins.pins.get(login.trustHost()));
            assertNull(clearer.verify(login, apicTep, leafTep), "same key: trusted again");
            // the server records a session's last command (its exit) after the client has returned: count once settled
            int before = settledCommandCount();

            String rotated = a.ssh().rotateHostKey();
            String error = clearer.verify(login, apicTep, leafTep);
            assertNotNull(error);
            assertTrue(error.startsWith(SshEndpointClearer.HOST_KEY_MISMATCH), error);
            assertTrue(error.contains(rotated), error);
            assertEquals(before, settledCommandCount(), "no command reaches a server with an unknown key");
        } finally {
            clearer.close();
            executor.shutdownNow();
        }
    }

    /** The simulator's SSH command count once it has not changed for half a second (at most 5 s). */
    private int settledCommandCount() {
        long deadline = System.currentTimeMillis() + 5_000;
        int count = a.ssh().commands().size();
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - stableSince < 500) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int now = a.ssh().commands().size();
            if (now != count) {
                count = now;
                stableSince = System.currentTimeMillis();
            }
        }
        return count;
    }

    @Test
    void connectionsWithoutPinsAreRefused() {
        ExecutorService executor = Executors.newFixedThreadPool(1);
        SshEndpointClearer clearer = new SshEndpointClearer(executor);
        try {
            String error = clearer.verify(new SshEndpointClearer.ApicLogin("127.0.0.1", a.sshPort(), "admin", "ept-sim", null),
                    "10.0.0.1", "10.0.72.64");
            assertNotNull(error);
        } finally {
            clearer.close();
            executor.shutdownNow();
        }
    }

    static final class NoopListener implements ApicWebsocket.Listener {
        @Override
        public void onEvents(java.util.List<String> subscriptionIds, java.util.List<ApicMo> mos, long receivedMillis) {
        }

        @Override
        public void onMalformedFrame(String frame, String problem) {
        }

        @Override
        public void onClosed(String reason) {
        }
    }
}
