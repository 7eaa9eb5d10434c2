package io.ept.cluster;

/**
 * The timing of fabric leases, all derived from one setting, the failover time ({@code ept.cluster.failover-seconds},
 * default 60): a fabric whose node died runs on a survivor within that time.
 * <ul>
 *   <li>A lease lasts a third of it (20 s): the store says it is free that long after its last renewal.</li>
 *   <li>The holder renews every quarter lease (5 s), so three renewals may fail before anything happens.</li>
 *   <li>The holder considers its lease lapsed a quarter lease (5 s) before the store does, counted from the moment
 *       it sent the renewal (its own monotonic clock): its subscriber has stopped before any other node may take the
 *       fabric, provided the nodes' clocks differ by less than that margin.</li>
 * </ul>
 * Worst case: a node dies just after a renewal; its lease ends 20 s later, a survivor's next tick (5 s) takes it, and
 * the new subscriber logs in and rebuilds well within the remaining time.
 */
public record LeaseTerms(long leaseMillis, long renewMillis, long marginMillis) {

    public LeaseTerms {
        if (renewMillis <= 0 || marginMillis <= 0 || renewMillis + marginMillis >= leaseMillis) {
            throw new IllegalArgumentException("a lease of " + leaseMillis + " ms cannot be renewed every " + renewMillis
                    + " ms with a margin of " + marginMillis + " ms");
        }
    }

    public static LeaseTerms forFailover(long failoverSeconds) {
        if (failoverSeconds < 8) {
            throw new IllegalArgumentException("ept.cluster.failover-seconds must be at least 8, got " + failoverSeconds);
        }
        long lease = failoverSeconds * 1000 / 3;
        return new LeaseTerms(lease, lease / 4, lease / 4);
    }

    /** How long after sending a successful acquisition or renewal the holder may still act on the lease. */
    public long holderValidityMillis() {
        return leaseMillis - marginMillis;
    }
}
