package io.ept.endpoint.clear;

/**
 * One endpoint to clear on one leaf (ept-reference 3.10).
 *
 * @param leafTep  TEP address of the leaf (ept.node addr)
 * @param vrfName  "tenant:vrf" (or "overlay-1") for IPs; unused for MACs
 * @param bdVnid   BD vnid for MACs (to find the epmMacEp on the leaf); unused for IPs
 */
public record ClearTarget(int node, String leafTep, String addr, boolean ip, boolean ipv6, String vrfName,
                          int bdVnid) {
}
