package io.ept.analysis.lookup;

import io.ept.analysis.parse.IpAddresses;

/**
 * ept.subnet row: a subnet ("gateway/len") bound to a BD. The prefix is parsed once so that matching an IP
 * is a byte comparison. A subnet that cannot be parsed never matches.
 */
public final class Subnet {
    private final String name;
    private final int bd;
    private final String ip;
    private final byte[] network;
    private final int prefixLength;

    public Subnet(String name, int bd, String ip) {
        this.name = name;
        this.bd = bd;
        this.ip = ip;
        int slash = ip.indexOf('/');
        byte[] net = IpAddresses.parse(slash < 0 ? ip : ip.substring(0, slash));
        int len = -1;
        if (net != null) {
            try {
                len = slash < 0 ? net.length * 8 : Integer.parseInt(ip.substring(slash + 1));
            } catch (NumberFormatException e) {
                net = null;
            }
        }
        this.network = net;
        this.prefixLength = len;
    }

    public String name() {
        return name;
    }

    public int bd() {
        return bd;
    }

    public String ip() {
        return ip;
    }

    /** True if {@code addr} (bytes from {@link IpAddresses#parse}) lies within this subnet; families must match. */
    public boolean contains(byte[] addr) {
        return network != null && addr != null && network.length == addr.length
                && IpAddresses.samePrefix(network, addr, prefixLength);
    }

    @Override
    public String toString() {
        return "Subnet[" + name + ", bd=" + bd + ", " + ip + "]";
    }
}
