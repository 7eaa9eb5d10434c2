package io.ept.analysis.model;

/** One event of ept.endpoint.events (fabric-wide local state); node 0 + deleted = not local anywhere. */
public record EndpointEvent(int node, int pod, EventStatus status, double ts, int pctag, String encap,
                            String intfId, String intfName, String rwMac, int rwBd, String epgName,
                            String vnidName) {

    /** Placeholder used as first_learn before the first local learn (only vnid_name set). */
    public static EndpointEvent placeholder(String vnidName) {
        return new EndpointEvent(0, 0, EventStatus.CREATED, 0, 0, "", "", "", "", 0, "", vnidName);
    }

    /** Endpoint no longer complete-local anywhere; names are kept. */
    public static EndpointEvent deleted(double ts, String vnidName, String epgName) {
        return new EndpointEvent(0, 0, EventStatus.DELETED, ts, 0, "", "", "", "", 0, epgName, vnidName);
    }

    /**
     * The local state taken from a node's latest history event. Always "created" whatever the history event's status
     * (a "modified" learn is a new local too): endpoint events are only created or deleted, as the original's
     * eptEndpointEvent.from_history_event, and scripts filter on it.
     */
    public static EndpointEvent fromHistory(int node, int pod, HistoryEvent h) {
        return new EndpointEvent(node, pod, EventStatus.CREATED, h.ts(), h.pctag(), h.encap(), h.intfId(), h.intfName(),
                h.rwMac(), h.rwBd(), h.epgName(), h.vnidName());
    }

    public boolean isDeleted() {
        return status == EventStatus.DELETED;
    }

    public EndpointEvent withNode(int newNode) {
        return new EndpointEvent(newNode, pod, status, ts, pctag, encap, intfId, intfName, rwMac, rwBd, epgName,
                vnidName);
    }

    /** Node, pctag, encap, interface or rewrite differ: the attributes defining a new local state / move. */
    public boolean differsInLocation(EndpointEvent o) {
        return node != o.node || pctag != o.pctag || !encap.equals(o.encap) || !intfId.equals(o.intfId)
                || !rwMac.equals(o.rwMac) || rwBd != o.rwBd;
    }
}
