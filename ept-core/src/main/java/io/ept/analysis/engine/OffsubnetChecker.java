package io.ept.analysis.engine;

import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.EpgKind;
import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.Subnet;
import io.ept.analysis.parse.IpAddresses;

import java.util.Optional;

/**
 * "Is this IP outside every subnet of the BD its pcTag maps to?" (ept-reference 3.6).
 *
 * <p>Deliberate differences from the original: a pcTag that resolves to an Endpoint Security Group (VRF-scoped,
 * no BD) or to an EPG without a resolvable BD (bd=0, l3extInstP) is never offsubnet (issue #92, Q10); the
 * original reported every such IP offsubnet.
 */
public final class OffsubnetChecker {
    private final FabricLookups lookups;

    public OffsubnetChecker(FabricLookups lookups) {
        this.lookups = lookups;
    }

    public boolean isOffsubnet(int vrf, int pctag, String ip) {
        Optional<Epg> epg = lookups.epg(vrf, pctag);
        if (epg.isEmpty() || epg.get().kind() != EpgKind.EPG || epg.get().bd() == 0) {
            return false;
        }
        byte[] addr = IpAddresses.parse(ip);
        if (addr == null) {
            return false;
        }
        for (Subnet s : lookups.subnets(epg.get().bd())) {
            if (s.contains(addr)) {
                return false;
            }
        }
        return true;
    }
}
