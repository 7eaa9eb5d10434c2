package io.ept.endpoint.clear;

import io.ept.apic.FingerprintPins;
import io.ept.apic.TrustMismatch;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trust on first use of the APIC's SSH host key (replaces accepting every key): each connection carries, in its
 * connection context, the host and the fabric's pins; the first key seen is pinned (SHA-256, as
 * {@code ssh-keygen -l} prints it), a different one later is refused and kept in the check for a clear report.
 * A connection without a check is refused.
 */
public final class PinningServerKeyVerifier implements ServerKeyVerifier {

    /** What one connection checks its server key against. */
    public record HostKeyCheck(String host, FingerprintPins pins, AtomicReference<TrustMismatch> mismatch) {
        public HostKeyCheck(String host, FingerprintPins pins) {
            this(host, pins, new AtomicReference<>());
        }

        public AttributeRepository context() {
            return AttributeRepository.ofKeyValuePair(KEY, this);
        }
    }

    static final AttributeRepository.AttributeKey<HostKeyCheck> KEY = new AttributeRepository.AttributeKey<>();

    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyCheck check = context == null ? null : context.getAttribute(KEY);
        if (check == null || check.pins() == null) {
            return false;
        }
        String presented = fingerprint(serverKey);
        String pinned = check.pins().check(check.host(), presented);
        if (pinned == null) {
            return true;
        }
        check.mismatch().set(new TrustMismatch("APIC SSH host key (SHA-256)", check.host(), pinned, presented));
        return false;
    }
}
