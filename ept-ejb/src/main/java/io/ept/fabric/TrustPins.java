package io.ept.fabric;

import io.ept.apic.FingerprintPins;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pinned fingerprints of a fabric's far ends, kept in the fabric document: {@code apic_cert_pins} (SHA-256 of
 * each APIC's TLS certificate) and {@code ssh_host_key_pins} (SHA-256 of each APIC's SSH host key), lists of
 * {@code {host, fingerprint, ts}}. The first fingerprint seen for a host is pinned; a different one later is kept
 * in {@code *_pending} and refused until an admin accepts it ({@link #accept}) or forgets the pins ({@link #reset}).
 */
public final class TrustPins {

    public enum Kind {
        APIC_CERT("apic_cert_pins", "apic_cert_pending", "APIC certificate (SHA-256)"),
        SSH_HOST_KEY("ssh_host_key_pins", "ssh_host_key_pending", "APIC SSH host key");

        public final String pinsField;
        public final String pendingField;
        public final String label;

        Kind(String pinsField, String pendingField, String label) {
            this.pinsField = pinsField;
            this.pendingField = pendingField;
            this.label = label;
        }
    }

    private static final Object LOCK = new Object();

    private final FabricRepository fabrics;

    public TrustPins(FabricRepository fabrics) {
        this.fabrics = fabrics;
    }

    /** The pins of one fabric and kind, as a {@link FingerprintPins} for a trust manager or host key verifier. */
    public FingerprintPins pins(String fabric, Kind kind) {
        return (host, fingerprint) -> check(fabric, kind, host, fingerprint);
    }

    /** Null when trusted (pinned now, or equal to the pin); otherwise the pin (and the new one is kept pending). */
    public String check(String fabric, Kind kind, String host, String fingerprint) {
        synchronized (LOCK) {
            Document doc = fabrics.requireFabric(fabric);
            List<Document> pins = list(doc, kind.pinsField);
            for (Document pin : pins) {
                if (host.equals(pin.getString("host"))) {
                    String pinned = pin.getString("fingerprint");
                    if (pinned.equals(fingerprint)) {
                        return null;
                    }
                    List<Document> pending = list(doc, kind.pendingField);
                    pending.removeIf(p -> host.equals(p.getString("host")));
                    pending.add(entry(host, fingerprint));
                    fabrics.setFabricFields(fabric, Map.of(kind.pendingField, pending));
                    return pinned;
                }
            }
            pins.add(entry(host, fingerprint));
            fabrics.setFabricFields(fabric, Map.of(kind.pinsField, pins));
            return null;
        }
    }

    /** Replaces the pins by the pending fingerprints (every kind); returns how many were accepted. */
    public int accept(String fabric) {
        synchronized (LOCK) {
            Document doc = fabrics.requireFabric(fabric);
            int accepted = 0;
            for (Kind kind : Kind.values()) {
                List<Document> pins = list(doc, kind.pinsField);
                List<Document> pending = list(doc, kind.pendingField);
                for (Document p : pending) {
                    pins.removeIf(pin -> p.getString("host").equals(pin.getString("host")));
                    pins.add(entry(p.getString("host"), p.getString("fingerprint")));
                    accepted++;
                }
                fabrics.setFabricFields(fabric, Map.of(kind.pinsField, pins, kind.pendingField, List.of()));
            }
            fabrics.addEvent(fabric, new FabricEvent(System.currentTimeMillis() / 1000.0, "trust",
                    "admin accepted " + accepted + " new certificate/host key fingerprint(s)"));
            return accepted;
        }
    }

    /** Forgets every pin: the next connections pin what they see. */
    public void reset(String fabric) {
        synchronized (LOCK) {
            fabrics.requireFabric(fabric);
            fabrics.setFabricFields(fabric, Map.of(Kind.APIC_CERT.pinsField, List.of(), Kind.APIC_CERT.pendingField, List.of(),
                    Kind.SSH_HOST_KEY.pinsField, List.of(), Kind.SSH_HOST_KEY.pendingField, List.of()));
            fabrics.addEvent(fabric, new FabricEvent(System.currentTimeMillis() / 1000.0, "trust",
                    "admin cleared the pinned certificate and host key fingerprints (pinned again on next use)"));
        }
    }

    /** True when a changed fingerprint of this kind waits for an admin. */
    public static boolean hasPending(Document fabric, Kind kind) {
        return !list(fabric, kind.pendingField).isEmpty();
    }

    public static List<Document> list(Document doc, String field) {
        List<Document> out = new ArrayList<>();
        if (doc.get(field) instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Document d && d.getString("host") != null && d.getString("fingerprint") != null) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private static Document entry(String host, String fingerprint) {
        return new Document("host", host).append("fingerprint", fingerprint).append("ts", System.currentTimeMillis() / 1000.0);
    }
}
