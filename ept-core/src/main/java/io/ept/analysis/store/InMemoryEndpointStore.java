package io.ept.analysis.store;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RapidEvent;
import io.ept.analysis.model.StaleEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reference persistence of analysis results in memory (tests, benchmarks). Shows what a database adapter
 * must do: upsert history rows, write the endpoint, push moves/rapid events with the fabric-wide cap.
 * Not thread-safe.
 */
public final class InMemoryEndpointStore {
    private final Map<EndpointKey, Map<Integer, NodeHistory>> history = new HashMap<>();
    private final Map<EndpointKey, Endpoint> endpoints = new HashMap<>();
    private final Map<EndpointKey, List<MoveRecord>> moves = new HashMap<>();
    private final Map<EndpointKey, List<RapidEvent>> rapid = new HashMap<>();
    private final Map<String, List<StaleEvent>> stale = new HashMap<>();
    private final Map<String, List<OffsubnetEvent>> offsubnet = new HashMap<>();
    private final int endpointCap;

    public InMemoryEndpointStore(int endpointCap) {
        this.endpointCap = endpointCap;
    }

    public EndpointState state(EndpointKey key) {
        List<MoveRecord> m = moves.get(key);
        return new EndpointState(key, history.getOrDefault(key, Map.of()), endpoints.get(key),
                m == null || m.isEmpty() ? null : m.get(0));
    }

    public void apply(EndpointKey key, AnalysisResult r) {
        if (!r.historyUpdates().isEmpty()) {
            Map<Integer, NodeHistory> rows = history.computeIfAbsent(key, k -> new TreeMap<>());
            for (NodeHistory row : r.historyUpdates()) {
                rows.put(row.node(), row);
            }
        }
        if (!r.endpointChanges().isEmpty() && r.endpoint() != null) {
            endpoints.put(key, r.endpoint());
        }
        if (r.newMove() != null) {
            push(moves, key, r.newMove());
        }
        if (r.newRapid() != null) {
            push(rapid, key, r.newRapid());
        }
    }

    private <K, T> void push(Map<K, List<T>> map, K key, T value) {
        List<T> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        list.add(0, value);
        while (list.size() > endpointCap) {
            list.remove(list.size() - 1);
        }
    }

    /** Watcher writes: endpoint flag set true. */
    public void setEndpointStale(EndpointKey key, boolean value) {
        endpoints.computeIfPresent(key, (k, e) -> e.withStale(value));
    }

    public void setEndpointOffsubnet(EndpointKey key, boolean value) {
        endpoints.computeIfPresent(key, (k, e) -> e.withOffsubnet(value));
    }

    public void pushStale(EndpointKey key, int node, StaleEvent e) {
        push(stale, nodeKey(key, node), e);
    }

    public void pushOffsubnet(EndpointKey key, int node, OffsubnetEvent e) {
        push(offsubnet, nodeKey(key, node), e);
    }

    public StaleEvent lastStale(EndpointKey key, int node) {
        List<StaleEvent> l = stale.get(nodeKey(key, node));
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    public OffsubnetEvent lastOffsubnet(EndpointKey key, int node) {
        List<OffsubnetEvent> l = offsubnet.get(nodeKey(key, node));
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    public Map<Integer, NodeHistory> history(EndpointKey key) {
        return history.getOrDefault(key, Map.of());
    }

    public NodeHistory history(EndpointKey key, int node) {
        return history(key).get(node);
    }

    public Endpoint endpoint(EndpointKey key) {
        return endpoints.get(key);
    }

    public List<MoveRecord> moves(EndpointKey key) {
        return moves.getOrDefault(key, List.of());
    }

    public List<RapidEvent> rapidEvents(EndpointKey key) {
        return rapid.getOrDefault(key, List.of());
    }

    public int endpointCount() {
        return endpoints.size();
    }

    private static String nodeKey(EndpointKey key, int node) {
        return key.groupKey() + "|" + node;
    }
}
