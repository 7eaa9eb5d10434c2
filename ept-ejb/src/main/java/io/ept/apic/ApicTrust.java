package io.ept.apic;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the APIC's TLS certificate is trusted: against the JVM's CAs ({@code ept.apic.verify-tls=true}), or pinned
 * on first use: the SHA-256 of the leaf certificate is stored per host and later connections must present the
 * same certificate (APICs usually present self-signed ones, so a CA check alone would refuse them). A mismatch
 * fails the handshake and is kept in {@link #mismatch()} for a clear report.
 */
public final class ApicTrust {

    private final SSLContext context;
    private final PinningTrustManager manager;

    private ApicTrust(SSLContext context, PinningTrustManager manager) {
        this.context = context;
        this.manager = manager;
    }

    /** The JVM's default CA trust (and host name check). */
    public static ApicTrust ca() {
        return new ApicTrust(null, null);
    }

    /** Trust on first use of {@code host}'s certificate, pins kept by {@code pins}. */
    public static ApicTrust pinned(String host, FingerprintPins pins) {
        PinningTrustManager manager = new PinningTrustManager(host, pins);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{manager}, new SecureRandom());
            return new ApicTrust(context, manager);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApicTrust of(boolean verifyTls, String host, FingerprintPins pins) {
        return verifyTls ? ca() : pinned(host, pins);
    }

    /** Null: the JVM default. */
    public SSLContext sslContext() {
        return context;
    }

    /** The certificate mismatch that failed a handshake, or null. */
    public TrustMismatch mismatch() {
        return manager == null ? null : manager.mismatch;
    }

    /** "AB:CD:..." SHA-256 of the DER encoding (as {@code openssl x509 -fingerprint -sha256} prints it). */
    public static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares the leaf certificate's SHA-256 with the pin (no CA or host name check: the pin is stronger). */
    static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final String host;
        private final FingerprintPins pins;
        private volatile TrustMismatch mismatch;

        PinningTrustManager(String host, FingerprintPins pins) {
            this.host = host;
            this.pins = pins;
        }

        TrustMismatch mismatch() {
            return mismatch;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the APIC presented no certificate");
            }
            String presented = fingerprint(chain[0]);
            String pinned = pins.check(host, presented);
            if (pinned != null) {
                TrustMismatch m = new TrustMismatch("APIC certificate (SHA-256)", host, pinned, presented);
                mismatch = m;
                throw new CertificateException(m.message());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
