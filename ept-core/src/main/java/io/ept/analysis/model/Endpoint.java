package io.ept.analysis.model;

import java.util.List;

/**
 * One ept.endpoint row: fabric-wide local state of (fabric, vnid, addr).
 *
 * @param firstLearn first complete local event (a placeholder carrying only vnid_name before that)
 * @param events     newest first, capped at max_endpoint_events; empty for never-local endpoints
 */
public record Endpoint(String fabric, int vnid, String addr, EndpointType type, LearnType learnType,
                       boolean isStale, boolean isOffsubnet, RapidCounters rapid, EndpointEvent firstLearn,
                       long count, List<EndpointEvent> events) {

    public Endpoint {
        events = List.copyOf(events);
    }

    public EndpointKey key() {
        return new EndpointKey(fabric, vnid, addr);
    }

    public EndpointEvent latest() {
        return events.isEmpty() ? null : events.get(0);
    }

    /** The same endpoint with only its {@code n} newest events (what an analysis reads from the store). */
    public Endpoint withNewest(int n) {
        return events.size() <= n ? this : new Endpoint(fabric, vnid, addr, type, learnType, isStale, isOffsubnet, rapid,
                firstLearn, count, events.subList(0, n));
    }

    public Endpoint withLearnType(LearnType value) {
        return new Endpoint(fabric, vnid, addr, type, value, isStale, isOffsubnet, rapid, firstLearn, count, events);
    }

    public Endpoint withStale(boolean value) {
        return new Endpoint(fabric, vnid, addr, type, learnType, value, isOffsubnet, rapid, firstLearn, count, events);
    }

    public Endpoint withOffsubnet(boolean value) {
        return new Endpoint(fabric, vnid, addr, type, learnType, isStale, value, rapid, firstLearn, count, events);
    }

    public Endpoint withRapid(RapidCounters value) {
        return new Endpoint(fabric, vnid, addr, type, learnType, isStale, isOffsubnet, value, firstLearn, count, events);
    }

    public Endpoint withFirstLocal(EndpointEvent e) {
        return new Endpoint(fabric, vnid, addr, type, learnType, isStale, isOffsubnet, rapid, e, 1, List.of(e));
    }

    public Endpoint push(EndpointEvent e, int cap) {
        return new Endpoint(fabric, vnid, addr, type, learnType, isStale, isOffsubnet, rapid, firstLearn, count + 1,
                CappedList.pushFront(events, e, cap));
    }

    /** Replace events[0] (transitory delete overwritten by a quick re-learn); count unchanged. */
    public Endpoint overwriteLatest(EndpointEvent e) {
        return new Endpoint(fabric, vnid, addr, type, learnType, isStale, isOffsubnet, rapid, firstLearn, count,
                CappedList.replaceFront(events, e));
    }
}
