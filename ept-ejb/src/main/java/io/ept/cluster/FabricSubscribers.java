package io.ept.cluster;

/**
 * What {@link FabricOwnership} needs of the fabric manager: start a fabric's subscriber when its lease is taken,
 * stop it when the lease ends, and say how it runs (recorded with each renewal for the other nodes to show).
 */
public interface FabricSubscribers {

    void leaseTaken(String fabric, String reason);

    /**
     * @param wait whether to wait (briefly) for the subscriber's thread to end; false when the lease is already
     *             lost, so the stop must not depend on anything that may hang
     */
    void leaseEnded(String fabric, String reason, boolean wait);

    FabricLeases.SubscriberReport report(String fabric);
}
