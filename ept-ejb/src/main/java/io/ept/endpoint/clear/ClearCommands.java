package io.ept.endpoint.clear;

import java.util.List;

/** The shell commands of the clear procedure (ept-reference 3.10), run on the leaf after the jump from the APIC. */
public final class ClearCommands {
    private ClearCommands() {
    }

    public static String jump(String apicTep, String sshUser, String leafTep) {
        return "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -b " + apicTep + " " + sshUser + "@"
                + leafTep;
    }

    public static String clearIp(String vrfName, String ip, boolean ipv6) {
        return "vsh -c 'clear system internal epm endpoint key vrf " + vrfName + (ipv6 ? " ipv6 " : " ip ") + ip + "'";
    }

    /** Finds the dn of the epmMacEp in the BD: its parent carries the PI VLAN id. */
    public static String findMac(String mac, int bdVnid) {
        return "moquery -c epmMacEp -f 'epm.MacEp.addr==\"" + mac + "\"' | egrep '^dn' | egrep 'vxlan-" + bdVnid + "'";
    }

    public static String parentId(String parentDn) {
        return "moquery -d '" + parentDn + "' | egrep '^id'";
    }

    public static String clearMac(String piVlan, String mac) {
        return "vsh -c 'clear system internal epm endpoint key vlan " + piVlan + " mac " + mac + "'";
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
