package io.ept.analysis.lookup;

/** ept.node row: role leaf/spine/controller/vpc; vpc rows use the pseudo node id and the VIP address. */
public record FabricNode(int node, int podId, String name, String role, String addr, int peer) {
}
