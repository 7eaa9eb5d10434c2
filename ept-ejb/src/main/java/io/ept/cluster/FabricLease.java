package io.ept.cluster;

/**
 * A fabric's lease as the store holds it.
 *
 * @param owner     the node holding it (empty once released)
 * @param instance  which boot of that node: a restarted node with the same name takes a new token
 * @param token     the fencing token, raised at every acquisition; work carrying an older one is refused
 * @param expires   epoch millis after which any node may take the fabric
 * @param moveTo    a node an admin asked to move the fabric to, or empty
 * @param status    what the holder last reported of its subscriber (running, starting, degraded, ...)
 * @param reason    the holder's reason for a degraded or failed status, or empty
 * @param started   epoch seconds when the holder's subscriber started (0: not yet)
 * @param acquired  epoch millis when the current token was issued: work of an older token sent after it is fenced
 */
public record FabricLease(String fabric, String owner, String instance, long token, long expires, String moveTo,
                          String status, String reason, double started, long acquired) {

    public boolean heldBy(String node) {
        return owner.equals(node);
    }

    public boolean liveAt(long nowMillis) {
        return !owner.isEmpty() && expires > nowMillis;
    }
}
