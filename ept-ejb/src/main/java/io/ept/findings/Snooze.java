package io.ept.findings;

import io.ept.analysis.parse.IpAddresses;

/**
 * Findings of an endpoint, EPG, BD or subnet silenced for [fromMillis, untilMillis).
 *
 * @param vnid   for {@link SnoozeScope#ENDPOINT}: the endpoint's vnid, 0 for any
 * @param target endpoint address, EPG dn, BD dn or subnet "prefix/len"
 */
public record Snooze(String id, SnoozeScope scope, int vnid, String target, long fromMillis, long untilMillis,
                     String by, long atMillis, String comment) {

    public Snooze {
        if (untilMillis <= fromMillis) {
            throw new IllegalArgumentException("a snooze must end after it starts");
        }
        if (scope == SnoozeScope.SUBNET && parsePrefix(target) == null) {
            throw new IllegalArgumentException("subnet '" + target + "' is not an IPv4 or IPv6 prefix like 10.1.0.0/16");
        }
    }

    public boolean activeAt(long millis) {
        return millis >= fromMillis && millis < untilMillis;
    }

    public boolean covers(Finding f) {
        return switch (scope) {
            case ENDPOINT -> (vnid == 0 || vnid == f.vnid()) && f.addr().equalsIgnoreCase(target);
            case EPG -> !f.epg().isEmpty() && f.epg().equals(target);
            case BD -> !f.bd().isEmpty() && f.bd().equals(target);
            case SUBNET -> inSubnet(f.addr());
        };
    }

    private boolean inSubnet(String addr) {
        Prefix prefix = parsePrefix(target);
        byte[] ip = IpAddresses.parse(addr);
        return prefix != null && ip != null && ip.length == prefix.network.length
                && IpAddresses.samePrefix(prefix.network, ip, prefix.length);
    }

    private record Prefix(byte[] network, int length) {
    }

    private static Prefix parsePrefix(String cidr) {
        if (cidr == null) {
            return null;
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] network = IpAddresses.parse(cidr.substring(0, slash));
        if (network == null) {
            return null;
        }
        try {
            int length = Integer.parseInt(cidr.substring(slash + 1));
            return length >= 0 && length <= network.length * 8 ? new Prefix(network, length) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
