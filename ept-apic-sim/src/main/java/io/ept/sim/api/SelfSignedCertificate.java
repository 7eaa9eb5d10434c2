package io.ept.sim.api;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;

/**
 * A self-signed RSA certificate made at start, encoded by hand in DER (the JDK has no public
 * certificate builder and the simulator should not need BouncyCastle for this).
 */
public final class SelfSignedCertificate {
    private SelfSignedCertificate() {}

    public static SSLContext sslContext(String commonName) throws Exception {
        return sslContext(commonName, null);
    }

    /**
     * @param keystore PKCS12 file holding the simulator's key and certificate: read when it exists, else written with
     *                 a new pair, so a restarted simulator presents the certificate clients pinned (null: a new one)
     */
    public static SSLContext sslContext(String commonName, java.nio.file.Path keystore) throws Exception {
        char[] pw = "ept-sim".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (keystore != null && java.nio.file.Files.exists(keystore)) {
            try (var in = java.nio.file.Files.newInputStream(keystore)) {
                ks.load(in, pw);
            }
        } else {
            ks = generated(commonName, pw);
            if (keystore != null) {
                java.nio.file.Files.createDirectories(keystore.toAbsolutePath().getParent());
                try (var out = java.nio.file.Files.newOutputStream(keystore)) {
                    ks.store(out, pw);
                }
            }
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static KeyStore generated(String commonName, char[] pw) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        KeyPair kp = kpg.generateKeyPair();
        byte[] sha256Rsa = seq(oid(new int[]{1, 2, 840, 113549, 1, 1, 11}), new byte[]{0x05, 0x00});
        byte[] name = seq(set(seq(oid(new int[]{2, 5, 4, 3}), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
        long now = System.currentTimeMillis();
        byte[] validity = seq(utcTime(new Date(now - 86_400_000L)), utcTime(new Date(now + 3650L * 86_400_000L)));
        byte[] san = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), tlv(0x87, new byte[]{127, 0, 0, 1}));
        byte[] extensions = tlv(0xa3, seq(seq(oid(new int[]{2, 5, 29, 17}), tlv(0x04, san))));
        byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[]{2})), tlv(0x02, BigInteger.valueOf(now).toByteArray()), sha256Rsa, name, validity, name,
                kp.getPublic().getEncoded(), extensions);
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(kp.getPrivate());
        sig.update(tbs);
        byte[] s = sig.sign();
        byte[] bits = new byte[s.length + 1];
        System.arraycopy(s, 0, bits, 1, s.length);
        byte[] der = seq(tbs, sha256Rsa, tlv(0x03, bits));
        Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("sim", kp.getPrivate(), pw, new Certificate[]{cert});
        return ks;
    }

    private static byte[] utcTime(Date d) {
        SimpleDateFormat f = new SimpleDateFormat("yyMMddHHmmss'Z'");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return tlv(0x17, f.format(d).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int[] parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(parts[0] * 40 + parts[1]);
        for (int i = 2; i < parts.length; i++) {
            int v = parts[i];
            byte[] tmp = new byte[5];
            int n = 0;
            do { tmp[n++] = (byte) (v & 0x7f); v >>>= 7; } while (v != 0);
            for (int j = n - 1; j >= 0; j--) b.write(tmp[j] | (j > 0 ? 0x80 : 0));
        }
        return tlv(0x06, b.toByteArray());
    }

    private static byte[] seq(byte[]... parts) { return tlv(0x30, concat(parts)); }

    private static byte[] set(byte[]... parts) { return tlv(0x31, concat(parts)); }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        int len = value.length;
        if (len < 128) b.write(len);
        else if (len < 256) { b.write(0x81); b.write(len); }
        else if (len < 65536) { b.write(0x82); b.write(len >> 8); b.write(len); }
        else { b.write(0x83); b.write(len >> 16); b.write(len >> 8); b.write(len); }
        b.writeBytes(value);
        return b.toByteArray();
    }
}
