package io.ept.apic;

/** A far end presented a different certificate or host key than the one pinned for it. */
public record TrustMismatch(String what, String host, String pinned, String presented) {

    public String message() {
        return what + " of " + host + " changed: pinned " + pinned + ", presented " + presented
                + "; the fabric stays stopped until an admin accepts the new one (settings page, or POST .../trust/accept)";
    }
}
