package io.ept.endpoint.clear;

import io.ept.domain.EndpointAddress;
import io.ept.domain.FabricIds;
import io.ept.domain.ShellWords;

import java.util.List;

/**
 * The shell commands of the clear procedure (ept-reference 3.10), run on the leaf after the jump from the APIC.
 * Every value is checked against a strict pattern (addresses re-rendered canonically, names against the ACI name
 * rule, TEPs as IPv4 addresses) and then single-quoted, so neither a request nor the APIC can add shell syntax.
 * A value that fails throws {@link io.ept.domain.InvalidValueException} and no line is built.
 */
public final class ClearCommands {
    private ClearCommands() {
    }

    public static String jump(String apicTep, String sshUser, String leafTep) {
        String user = ShellWords.require("ssh_username", ShellWords.SSH_USER, sshUser);
        return "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -b "
                + ShellWords.quote(ShellWords.tep("apic TEP", apicTep)) + " "
                + ShellWords.quote(user + "@" + ShellWords.tep("leaf TEP", leafTep));
    }

    public static String clearIp(String vrfName, String ip, boolean ipv6) {
        String vrf = ShellWords.require("vrf name", ShellWords.VRF_KEY, vrfName);
        EndpointAddress a = EndpointAddress.parse("addr", ip);
        if (!a.isIp() || a.isIpv6() != ipv6) {
            throw new io.ept.domain.InvalidValueException("addr", "not an " + (ipv6 ? "IPv6" : "IPv4") + " address");
        }
        return "vsh -c " + ShellWords.quote("clear system internal epm endpoint key vrf " + vrf
                + (ipv6 ? " ipv6 " : " ip ") + a.text());
    }

    /** Finds the dn of the epmMacEp in the BD: its parent carries the PI VLAN id. */
    public static String findMac(String mac, int bdVnid) {
        String m = requireMac(mac);
        int bd = FabricIds.vnid(bdVnid);
        return "moquery -c epmMacEp -f " + ShellWords.quote("epm.MacEp.addr==\"" + m + "\"")
                + " | egrep '^dn' | egrep " + ShellWords.quote("vxlan-" + bd);
    }

    public static String parentId(String parentDn) {
        return "moquery -d " + ShellWords.quote(ShellWords.require("parent dn", ShellWords.DN, parentDn)) + " | egrep '^id'";
    }

    public static String clearMac(String piVlan, String mac) {
        String pi = ShellWords.require("pi vlan", ShellWords.VLAN_ID, piVlan);
        return "vsh -c " + ShellWords.quote("clear system internal epm endpoint key vlan " + pi + " mac " + requireMac(mac));
    }

    private static String requireMac(String mac) {
        EndpointAddress a = EndpointAddress.parse("addr", mac);
        if (!a.isMac()) {
            throw new io.ept.domain.InvalidValueException("addr", "not a MAC address");
        }
        return a.text();
    }

    /** "dn : .../db-ep/mac-XX" lines to the parent dn (the .../db-ep object's parent, e.g. vlan-[vlan-101]). */
    public static String parentOfMacDn(List<String> lines) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (line.trim().startsWith("dn") && colon > 0) {
                String dn = line.substring(colon + 1).trim();
                int dbEp = dn.indexOf("/db-ep/");
                if (dbEp > 0) {
                    return dn.substring(0, dbEp);
                }
            }
        }
        return null;
    }

    /** "id : 23" lines to "23". */
    public static String idValue(List<String> lines) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (line.trim().startsWith("id") && colon > 0) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
