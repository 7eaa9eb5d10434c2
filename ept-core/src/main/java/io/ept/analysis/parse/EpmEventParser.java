package io.ept.analysis.parse;

import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses epmMacEp / epmIpEp / epmRsMacEpToIpEpAtt attributes (ept-reference 3.1). Malformed input raises
 * {@link EpmParseException}; nothing is dropped silently.
 */
public final class EpmEventParser {
    private static final String EPM_DN = "node-(?<node>[0-9]+)/sys/"
            + "(?:ctx-\\[vxlan-(?<vrf>[0-9]+)\\]/|(?<ovl>inst-overlay-1/))"
            + "(?:bd-\\[vxlan-(?<bd>[0-9]+)\\]/)?"
            + "(?:vx?lan-\\[(?<encap>vx?lan-[0-9]+)\\]/)?"
            + "db-ep/(?<kind>mac|ip)-\\[?(?<addr>[0-9.a-fA-F:]+)\\]?";
    private static final Pattern EP = Pattern.compile(EPM_DN);
    private static final Pattern RS = Pattern.compile(EPM_DN + "/rsmacEpToIpEpAtt-.+?ip-\\[(?<ip>[0-9.a-fA-F:]+)\\]");

    private final int overlayVnid;

    /** @param overlayVnid vnid used as vrf for inst-overlay-1 dns */
    public EpmEventParser(int overlayVnid) {
        this.overlayVnid = overlayVnid;
    }

    public EpmEvent parse(String className, Map<String, String> attributes, double ts) {
        return parse(EpmClass.fromClassName(className), attributes, ts);
    }

    /**
     * @param attributes APIC attributes (dn, status, flags, ifId, pcTag; others ignored)
     * @param ts         receive time of the frame, or start time of the class query
     */
    public EpmEvent parse(EpmClass epmClass, Map<String, String> attributes, double ts) {
        String dn = attributes.get("dn");
        if (dn == null || dn.isEmpty()) {
            throw new EpmParseException(epmClass.className() + " event without dn: " + attributes);
        }
        boolean rewrite = epmClass == EpmClass.RS_MAC_EP_TO_IP_EP_ATT;
        Matcher m = (rewrite ? RS : EP).matcher(dn);
        if (!m.find()) {
            throw new EpmParseException("malformed " + epmClass.className() + " dn: " + dn);
        }
        String expectedKind = epmClass == EpmClass.IP_EP ? "ip" : "mac";
        if (!expectedKind.equals(m.group("kind"))) {
            throw new EpmParseException(epmClass.className() + " dn does not name a " + expectedKind + ": " + dn);
        }
        int node = parseVnid(m.group("node"), dn);
        int vrf = m.group("vrf") != null ? parseVnid(m.group("vrf"), dn) : overlayVnid;
        int bd = m.group("bd") != null ? parseVnid(m.group("bd"), dn) : 0;
        String encap = m.group("encap") != null ? m.group("encap") : "";
        String addr = m.group("addr");
        String ip = rewrite ? m.group("ip") : "";
        int vnid = epmClass == EpmClass.MAC_EP ? bd : vrf;
        EventStatus status;
        try {
            status = EventStatus.fromWireName(attributes.getOrDefault("status", ""));
        } catch (IllegalArgumentException e) {
            throw new EpmParseException(e.getMessage() + " for " + dn);
        }
        return new EpmEvent(epmClass, ts, status, parseFlags(attributes.getOrDefault("flags", "")),
                attributes.getOrDefault("ifId", ""), parsePcTag(attributes.get("pcTag")), node, vrf, bd, encap, addr,
                ip, vnid, false);
    }

    /** Comma list, sorted so that comparisons do not depend on APIC ordering. */
    static List<String> parseFlags(String flags) {
        if (flags == null || flags.isEmpty()) {
            return List.of();
        }
        String[] parts = flags.split(",");
        Arrays.sort(parts);
        return List.of(parts);
    }

    /** Non-integer pcTags such as "any" are 0. */
    static int parsePcTag(String pcTag) {
        if (pcTag == null) {
            return 0;
        }
        try {
            return Integer.parseInt(pcTag);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int parseVnid(String digits, String dn) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new EpmParseException("number out of range in dn: " + dn);
        }
    }
}
