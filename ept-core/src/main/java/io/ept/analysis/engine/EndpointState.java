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

    /**
     * The state after {@code result} is persisted, as a reload would return it for the analysis: changed history
     * rows replaced, the endpoint when it changed, the newest move. Lets a worker analyse several events of one key
     * in a row without reading back what it just wrote.
     */
    public EndpointState after(AnalysisResult result) {
        Map<Integer, NodeHistory> rows = history;
        if (!result.historyUpdates().isEmpty()) {
            rows = new TreeMap<>(history);
            for (NodeHistory row : result.historyUpdates()) {
                rows.put(row.node(), row);
            }
        }
        Endpoint nextEndpoint = result.endpoint() != null && !result.endpointChanges().isEmpty() ? result.endpoint()
                : endpoint;
        MoveRecord move = result.newMove() != null ? result.newMove() : lastMove;
        return new EndpointState(key, rows, nextEndpoint, move);
    }

    /** The state with event lists cut to what the analysis reads (as a load from the store returns it). */
    public EndpointState trimmed(int historyEvents, int endpointEvents) {
        Map<Integer, NodeHistory> rows = new TreeMap<>();
        history.forEach((node, row) -> rows.put(node, row.withNewest(historyEvents)));
        return new EndpointState(key, rows, endpoint == null ? null : endpoint.withNewest(endpointEvents), lastMove);
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
