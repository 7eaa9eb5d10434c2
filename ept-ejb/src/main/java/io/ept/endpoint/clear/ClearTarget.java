package io.ept.endpoint.clear;

import io.ept.domain.EndpointAddress;
import io.ept.domain.FabricIds;
import io.ept.domain.InvalidValueException;
import io.ept.domain.ShellWords;

/**
 * One endpoint to clear on one leaf (ept-reference 3.10). Checked when built: the address is re-rendered
 * canonically and must match ip/ipv6, the leaf TEP is an IPv4 address, the VRF key a strict ACI name, the node a
 * leaf id and the BD vnid 24 bits; anything else throws {@link InvalidValueException} before any SSH happens.
 *
 * @param leafTep  TEP address of the leaf (ept.node addr)
 * @param vrfName  "tenant:vrf" (or "overlay-1") for IPs; unused for MACs
 * @param bdVnid   BD vnid for MACs (to find the epmMacEp on the leaf); unused for IPs
 */
public record ClearTarget(int node, String leafTep, String addr, boolean ip, boolean ipv6, String vrfName,
                          int bdVnid) {

    public ClearTarget {
        FabricIds.leaf("node", node);
        leafTep = ShellWords.tep("leaf TEP", leafTep);
        EndpointAddress a = EndpointAddress.parse("addr", addr);
        if (a.isIp() != ip || a.isIpv6() != ipv6) {
            throw new InvalidValueException("addr", "'" + a.text() + "' is not a " + (!ip ? "MAC" : ipv6 ? "IPv6" : "IPv4")
                    + " address");
        }
        addr = a.text();
        if (ip) {
            ShellWords.require("vrf name", ShellWords.VRF_KEY, vrfName);
        } else {
            FabricIds.vnid(bdVnid);
        }
    }
}
