package io.ept.findings;

/**
 * "Seen, I am on it": one finding key (kind, vnid, addr, node) acknowledged by a user until withdrawn. Later
 * occurrences of the same finding are recorded but not notified, published nor auto-cleared.
 */
public record Acknowledgement(String id, FindingKind kind, int vnid, String addr, int node, String by, long atMillis,
                              String comment) {

    public boolean covers(Finding f) {
        return f.kind() == kind && f.vnid() == vnid && f.addr().equalsIgnoreCase(addr) && f.node() == node;
    }
}
