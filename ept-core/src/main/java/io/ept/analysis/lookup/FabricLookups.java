package io.ept.analysis.lookup;

import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the fabric's configuration tables (ept.node, ept.tunnel, ept.vpc, ept.pc, ept.epg,
 * ept.vnid, ept.subnet) used to resolve an event. Implementations may cache; the analysis never writes.
 */
public interface FabricLookups {

    Optional<Tunnel> tunnel(int node, String intf);

    /** Physical nodes and vPC pseudo nodes (role "vpc"). */
    Optional<FabricNode> node(int node);

    /** vPC id configured on port-channel {@code po} of {@code node}, 0 if none. */
    int vpcId(int node, String po);

    /** Port-channel policy name of {@code intf} on {@code node} (e.g. po2 to ag_vpc1), "" if unknown. */
    String pcName(int node, String intf);

    /** EPG, ESG or external EPG owning {@code pctag} in {@code vrf}. */
    Optional<Epg> epg(int vrf, int pctag);

    Optional<Vnid> vnid(int vnid);

    /** Subnets on the BD and on every EPG/uSeg/service-graph object bound to it. */
    List<Subnet> subnets(int bd);

    /** vnid of inst-overlay-1 (uni/tn-infra/ctx-overlay-1 scope). */
    int overlayVnid();

    default int peerNode(int node) {
        return node(node).map(FabricNode::peer).orElse(0);
    }

    default int podId(int node) {
        return node(node).map(FabricNode::podId).orElse(0);
    }

    default boolean isExternalBd(int vnid) {
        return vnid(vnid).map(Vnid::external).orElse(false);
    }
}
