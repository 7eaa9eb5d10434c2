package io.ept.analysis.model;

import java.util.List;

/**
 * One ept.history row: key (fabric, node, vnid, addr) with node the physical node and addr the IP for
 * rewrite events. Watch bookkeeping is nullable: {@code null} means "never watched" (no 0-sentinel, Q4).
 *
 * @param events newest first, capped at max_per_node_endpoint_events; {@code count} counts all ever pushed
 */
public record NodeHistory(String fabric, int node, int vnid, String addr, EpmType type, boolean isStale,
                          boolean isOffsubnet, Double watchStaleTs, StaleEvent watchStaleEvent,
                          Double watchOffsubnetTs, long count, List<HistoryEvent> events) {

    public NodeHistory {
        events = List.copyOf(events);
    }

    public static NodeHistory first(String fabric, int node, int vnid, String addr, EpmType type, HistoryEvent e) {
        return new NodeHistory(fabric, node, vnid, addr, type, false, false, null, null, null, 1, List.of(e));
    }

    /** The same row with only its {@code n} newest events (what an analysis reads from the store). */
    public NodeHistory withNewest(int n) {
        return events.size() <= n ? this : new NodeHistory(fabric, node, vnid, addr, type, isStale, isOffsubnet,
                watchStaleTs, watchStaleEvent, watchOffsubnetTs, count, events.subList(0, n));
    }

    /** Latest event, or null for a row without events. */
    public HistoryEvent latest() {
        return events.isEmpty() ? null : events.get(0);
    }

    public NodeHistory push(HistoryEvent e, int cap) {
        return new NodeHistory(fabric, node, vnid, addr, type, isStale, isOffsubnet, watchStaleTs, watchStaleEvent,
                watchOffsubnetTs, count + 1, CappedList.pushFront(events, e, cap));
    }

    public NodeHistory withStale(boolean value) {
        return new NodeHistory(fabric, node, vnid, addr, type, value, isOffsubnet, watchStaleTs, watchStaleEvent,
                watchOffsubnetTs, count, events);
    }

    public NodeHistory withOffsubnet(boolean value) {
        return new NodeHistory(fabric, node, vnid, addr, type, isStale, value, watchStaleTs, watchStaleEvent,
                watchOffsubnetTs, count, events);
    }

    public NodeHistory withStaleWatch(double ts, StaleEvent event) {
        return new NodeHistory(fabric, node, vnid, addr, type, isStale, isOffsubnet, ts, event, watchOffsubnetTs,
                count, events);
    }

    public NodeHistory withOffsubnetWatch(double ts) {
        return new NodeHistory(fabric, node, vnid, addr, type, isStale, isOffsubnet, watchStaleTs, watchStaleEvent,
                ts, count, events);
    }
}
