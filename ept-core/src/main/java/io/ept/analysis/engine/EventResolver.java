package io.ept.analysis.engine;

import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.Tunnel;
import io.ept.analysis.lookup.Vnid;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmFlags;
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.model.HistoryEvent;

import java.util.Optional;

/**
 * Interface, tunnel, vPC and name resolution of an event before storage (ept-reference 3.2): produces the
 * candidate history event (rewrite info still empty).
 */
final class EventResolver {
    private final FabricLookups lookups;

    EventResolver(FabricLookups lookups) {
        this.lookups = lookups;
    }

    HistoryEvent resolve(EpmEvent ev) {
        if (ev.status() == EventStatus.DELETED) {
            return HistoryEvent.deleted(historyClassName(ev), ev.ts());
        }
        boolean local = ev.hasFlag(EpmFlags.LOCAL);
        String intfId = ev.ifId();
        String intfName = intfId;
        String tunnelFlags = "";
        Tunnel tunnel = null;
        if (intfId.contains("po")) {
            String pcName = lookups.pcName(ev.node(), intfId);
            if (!pcName.isEmpty()) {
                intfName = pcName;
            }
            // the vpc-attached flag is not required for the remap, only the vpc mapping
            int vpcId = local ? lookups.vpcId(ev.node(), intfId) : 0;
            if (vpcId > 0) {
                intfId = "vpc-" + vpcId;
            }
        } else if (intfId.contains("tunnel")) {
            tunnel = lookups.tunnel(ev.node(), intfId).orElse(null);
            if (tunnel != null) {
                tunnelFlags = tunnel.flags();
                // a local learn over a vxlan tunnel is behind a virtual leaf (AVS/AVE)
                if (local && EpmFlags.TUNNEL_ENCAP_VXLAN.equals(tunnel.encap())) {
                    intfId = "vl-" + tunnel.dst();
                    intfName = intfId;
                }
            }
        }
        int remote = 0;
        if (!local && !ev.isRewrite() && ev.status() != EventStatus.DELETED) {
            if (ev.hasFlag(EpmFlags.CACHED) || ev.hasFlag(EpmFlags.VTEP) || "unspecified".equals(intfId)) {
                remote = 0;
            } else if (ev.hasFlag(EpmFlags.PEER_ATTACHED) || ev.hasFlag(EpmFlags.PEER_ATTACHED_RL)) {
                remote = lookups.peerNode(ev.node());
            } else if (tunnel != null) {
                remote = tunnel.remote();
            }
        }
        String epgName = ev.pcTag() > 1 ? lookups.epg(ev.vrf(), ev.pcTag()).map(Epg::name).orElse("") : "";
        String encap = ev.encap();
        String vnidName = "";
        Optional<Vnid> vnid = lookups.vnid(ev.vnid());
        if (vnid.isPresent()) {
            vnidName = vnid.get().name();
            if (vnid.get().external()) {
                encap = vnid.get().encap();
            }
        }
        return new HistoryEvent(historyClassName(ev), ev.ts(), ev.status(), remote, ev.pcTag(), ev.flags(),
                tunnelFlags, encap, intfId, intfName, "", 0, epgName, vnidName);
    }

    /**
     * Deletes EPT makes up itself (refresh, node down, build) are stored without a class name, as the original's
     * get_delete_event: the rule that ignores an event older than the last one of its class never applies to them.
     */
    private static String historyClassName(EpmEvent ev) {
        return ev.synthetic() ? "" : ev.epmClass().className();
    }
}
