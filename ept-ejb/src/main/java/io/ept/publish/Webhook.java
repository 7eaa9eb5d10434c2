package io.ept.publish;

import java.util.Set;

/** A fabric's webhook: where to POST, the HMAC secret (decrypted), and which kinds (empty: every event). */
public record Webhook(String id, String fabric, String url, String secret, Set<String> kinds) {

    public boolean accepts(EventMessage m) {
        return kinds.isEmpty() || kinds.contains(m.kind());
    }
}
