package io.ept.sim;

import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * EPT pins an APIC's certificate and SSH host key on first use: a simulator restarted with the same state folder
 * (as {@code ./ept} restarts the demo fabric's) must present the same ones, a simulator without one new ones.
 */
class SimulatorIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aRestartWithTheSameStateFolderKeepsTheCertificateAndHostKey() throws Exception {
        String[] first = identity(dir);
        String[] second = identity(dir);
        assertEquals(first[0], second[0], "TLS certificate");
        assertEquals(first[1], second[1], "SSH host key");
        String[] fresh = identity(null);
        assertNotEquals(first[0], fresh[0]);
        assertNotEquals(first[1], fresh[1]);
    }

    /** The SHA-256 of the certificate the HTTPS listener presents, and the SSH host key fingerprint. */
    private static String[] identity(Path stateDir) throws Exception {
        ApicSimulator sim = ApicSimulator.builder().httpPort(-1).httpsPort(0).sshPort(0).stateDir(stateDir)
                .topology(Topology.demo()).build().start();
        try {
            URI https = URI.create(sim.httpsUrl());
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[]{new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String type) { }
                public void checkServerTrusted(X509Certificate[] chain, String type) { }
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);
            try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket(https.getHost(), https.getPort())) {
                socket.startHandshake();
                byte[] cert = socket.getSession().getPeerCertificates()[0].getEncoded();
                return new String[]{HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert)),
                        sim.ssh().hostKeyFingerprint()};
            }
        } finally {
            sim.stop();
        }
    }
}
