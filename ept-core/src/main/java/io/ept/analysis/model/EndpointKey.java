package io.ept.analysis.model;

/**
 * Identity of one endpoint: (fabric, vnid, addr). vnid is the BD for MACs and the VRF for IPs; for
 * epmRsMacEpToIpEpAtt events addr is the IP. All processing of one key must be serialised.
 */
public record EndpointKey(String fabric, int vnid, String addr) {

    /** JMS message group id ({@code JMSXGroupID}) serialising the processing of one key. */
    public String groupKey() {
        return groupKey(fabric, vnid, addr);
    }

    public static String groupKey(String fabric, int vnid, String addr) {
        return fabric + "|" + vnid + "|" + addr;
    }
}
