package io.ept.endpoint;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Where an endpoint was at a given time, reconstructed from its stored events: the local learn from ept.endpoint's
 * events and every node's view from its ept.history row. Events are kept newest first and capped, so an answer for
 * a time before the oldest kept event says so ({@code complete=false}).
 */
public final class EndpointTimeline {

    private EndpointTimeline() {
    }

    public static Map<String, Object> at(double ts, Document endpoint, List<Document> historyRows) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ts", ts);
        double oldest = Double.MAX_VALUE;
        Document local = null;
        for (Document event : events(endpoint)) {
            double eventTs = event.get("ts", Number.class).doubleValue();
            oldest = Math.min(oldest, eventTs);
            if (local == null && eventTs <= ts) {
                local = event;
            }
        }
        boolean isLocal = local != null && local.get("node", Number.class).intValue() != 0
                && !"deleted".equals(local.getString("status"));
        answer.put("is_local", isLocal);
        answer.put("local", isLocal ? local : null);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Document row : historyRows) {
            for (Document event : events(row)) {
                double eventTs = event.get("ts", Number.class).doubleValue();
                oldest = Math.min(oldest, eventTs);
                if (eventTs <= ts) {
                    if (!"deleted".equals(event.getString("status"))) {
                        Map<String, Object> view = new LinkedHashMap<>();
                        view.put("node", row.get("node"));
                        int remote = event.get("remote", Number.class) == null ? 0 : event.get("remote", Number.class).intValue();
                        view.put("learn", remote == 0 ? "local" : "remote");
                        view.putAll(event);
                        nodes.add(view);
                    }
                    break;
                }
            }
        }
        answer.put("nodes", nodes);
        answer.put("oldest_event_ts", oldest == Double.MAX_VALUE ? null : oldest);
        answer.put("complete", oldest != Double.MAX_VALUE && oldest <= ts);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static List<Document> events(Document doc) {
        if (doc == null || !(doc.get("events") instanceof List<?> list)) {
            return List.of();
        }
        return (List<Document>) list;
    }
}
