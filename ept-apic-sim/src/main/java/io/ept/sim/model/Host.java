package io.ept.sim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A host the fabric knows: one MAC with its IPs and where it is attached. Its per-leaf epm entries
 * ({@link #records}) are derived from this state by the behaviour engine, plus pinned entries
 * (bounce, stale, injected or static) that derivation alone would not produce.
 */
public final class Host {
    public final int id;
    /** Upper-case MAC, or null for a holder of raw entries only. */
    public String mac;
    public List<String> ips = new ArrayList<>();
    public EpgInfo epg;
    public String encap;
    public int bdVnid;
    /** Orphan or port-channel attachment (leaf > 0), else vPC attachment (vpcId > 0), else not attached. */
    public int leaf;
    public String port;
    public int vpcId;
    public int[] remoteLeaves = new int[0];
    public boolean remoteMac = true;
    /** Set while the host is ageing out: local entries carry local-aged. */
    public boolean aging;
    /** Entries removed by a clear (SSH) that derivation must not recreate until the host moves or is relearned. */
    public List<EpmRecord> suppressed = new ArrayList<>();
    public List<Pin> pins = new ArrayList<>();
    /** Current entries on every leaf (what queries see). */
    public EpmRecord[] records = new EpmRecord[0];
    /** Previous attachment, used as the target of stale entries. */
    public int previousLeaf;

    public Host(int id) { this.id = id; }

    public boolean attached() { return leaf > 0 || vpcId > 0; }

    /** An entry held regardless of derivation, optionally until a deadline. */
    public static final class Pin {
        public final EpmRecord record;
        public final long expiresAtMillis;
        public final String reason;

        public Pin(EpmRecord record, long expiresAtMillis, String reason) {
            this.record = record; this.expiresAtMillis = expiresAtMillis; this.reason = reason;
        }
    }
}
