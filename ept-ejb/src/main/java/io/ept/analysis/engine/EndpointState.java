package io.ept.analysis.engine;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.NodeHistory;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Persisted state of one endpoint key, as read before analysing an event.
 *
 * @param history  all ept.history rows of the key by physical node (events may be trimmed to the newest one)
 * @param endpoint the ept.endpoint row, or null (its events may be trimmed to the newest two)
 * @param lastMove newest ept.move entry, or null
 */
public record EndpointState(EndpointKey key, Map<Integer, NodeHistory> history, Endpoint endpoint,
                            MoveRecord lastMove) {

    public EndpointState {
        history = Map.copyOf(history);
    }

    public static EndpointState empty(EndpointKey key) {
        return new EndpointState(key, Map.of(), null, null);
    }

    public static EndpointState of(EndpointKey key, Collection<NodeHistory> rows, Endpoint endpoint,
                                   MoveRecord lastMove) {
        Map<Integer, NodeHistory> byNode = new TreeMap<>();
        for (NodeHistory r : rows) {
            byNode.put(r.node(), r);
        }
        return new EndpointState(key, byNode, endpoint, lastMove);
    }
}
