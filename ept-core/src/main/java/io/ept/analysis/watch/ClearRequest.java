package io.ept.analysis.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.notify.Notification;

/**
 * Auto-remediation request: clear the endpoint on {@code node}. After running it the adapter pushes
 * {@code remediate} onto ept.remediate (per-node cap) and sends {@code notification} (null if disabled).
 *
 * @param vrfName "tenant:vrf" for IPs ("overlay-1" for the overlay), "" for MACs
 */
public record ClearRequest(String fabric, int pod, int node, int vnid, String addr, EndpointType type,
                           String vrfName, String reason, RemediateEvent remediate, Notification notification) {
}
