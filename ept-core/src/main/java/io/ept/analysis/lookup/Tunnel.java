package io.ept.analysis.lookup;

/**
 * ept.tunnel row.
 *
 * @param remote node id behind the tunnel destination: a real node, a vPC pseudo node (tunnel to the VIP)
 *               or 0 when unmapped
 * @param encap  tunnelIf tType (ivxlan, or vxlan for a virtual leaf)
 * @param flags  tunnelIf type (physical, virtual, proxy-acast-v4, dci-unicast, ...)
 */
public record Tunnel(int node, String intf, String dst, String src, int remote, String encap, String flags) {
}
