package io.ept.apic;

/**
 * Trust on first use: the first fingerprint seen for a host is pinned, later ones must equal it.
 * {@link #check} answers null when the fingerprint is trusted (pinned just now, or equal to the pin) and otherwise
 * the pinned fingerprint it differs from (the caller refuses the connection).
 */
@FunctionalInterface
public interface FingerprintPins {
    String check(String host, String fingerprint);

    /** Pins held in memory only (tests, one-off checks). */
    static FingerprintPins inMemory() {
        java.util.Map<String, String> pins = new java.util.concurrent.ConcurrentHashMap<>();
        return (host, fingerprint) -> {
            String pinned = pins.putIfAbsent(host, fingerprint);
            return pinned == null || pinned.equals(fingerprint) ? null : pinned;
        };
    }
}
