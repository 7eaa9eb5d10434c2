package io.ept.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.ept.endpoint.EventLog;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.platform.Infrastructure;
import io.ept.query.SafeRegex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads about endpoints for the API and the UI: one endpoint and its per-node records by full key (the endpoint
 * row names the nodes that hold history rows, so no collection is scanned), address search, and the active
 * endpoint counts of every fabric. Rows of the event-log collections come back with their event lists.
 */
@ApplicationScoped
public class EndpointQueries {

    /** Every record EPT keeps about one endpoint (vnid and address) of a fabric; absent ones are null or empty. */
    public record EndpointRecords(Document endpoint, List<Document> history, List<Document> stale,
                                  List<Document> offsubnet, List<Document> remediate, Document move, Document rapid) {
    }

    /** The first documents a search found (the hits) and how many it found in all (up to the limit read). */
    public record SearchMatches(List<Document> first, long matches) {
    }

    @Inject
    Infrastructure infrastructure;

    /** The endpoint row, with its whole event list. */
    public Optional<Document> endpoint(String fabric, int vnid, String addr) {
        Document doc = collection(MongoEndpointStore.ENDPOINT).find(key(fabric, vnid, addr)).first();
        return Optional.ofNullable(EventLog.attach(infrastructure.database(), MongoEndpointStore.ENDPOINT, doc));
    }

    /**
     * The history rows of the endpoint on {@code nodes}, in that order, with their event lists: one exact
     * unique-key read per node.
     */
    public List<Document> history(String fabric, int vnid, String addr, List<?> nodes) {
        List<Document> rows = new ArrayList<>();
        for (Object node : nodes) {
            Document row = collection(MongoEndpointStore.HISTORY)
                    .find(new Document("fabric", fabric).append("node", node).append("vnid", vnid).append("addr", addr)).first();
            if (row != null) {
                rows.add(row);
            }
        }
        return EventLog.attach(infrastructure.database(), MongoEndpointStore.HISTORY, rows, 0);
    }

    /** Everything about one endpoint, as its page shows it. */
    public EndpointRecords records(String fabric, int vnid, String addr) {
        Document endpoint = endpoint(fabric, vnid, addr).orElse(null);
        List<Integer> nodes = endpoint == null ? null : endpoint.getList("nodes", Integer.class);
        List<Document> history = EventLog.attach(infrastructure.database(), MongoEndpointStore.HISTORY,
                perNode(MongoEndpointStore.HISTORY, fabric, vnid, addr, nodes), 0);
        Set<Integer> known = new TreeSet<>();
        history.forEach(r -> known.add(r.getInteger("node")));
        if (nodes != null) {
            known.addAll(nodes);
        }
        List<Document> stale = perNode(MongoEndpointStore.STALE, fabric, vnid, addr, List.copyOf(known));
        List<Document> offsubnet = perNode(MongoEndpointStore.OFFSUBNET, fabric, vnid, addr, List.copyOf(known));
        // clears are looked up on the nodes the endpoint is known on (a clear elsewhere finds nothing to clear)
        List<Document> remediate = perNode(MongoEndpointStore.REMEDIATE, fabric, vnid, addr, List.copyOf(known));
        Document move = EventLog.attach(infrastructure.database(), MongoEndpointStore.MOVE,
                collection(MongoEndpointStore.MOVE).find(key(fabric, vnid, addr)).first());
        Document rapid = collection(MongoEndpointStore.RAPID).find(key(fabric, vnid, addr)).first();
        return new EndpointRecords(endpoint, history, stale, offsubnet, remediate, move, rapid);
    }

    /**
     * Rows of a per-node collection for the endpoint, read by their full unique key for each known node; without
     * a node list (endpoint deleted, or remediation on any node) the key prefix is queried. Sorted by node.
     */
    private List<Document> perNode(String collection, String fabric, int vnid, String addr, List<Integer> nodes) {
        List<Document> rows = new ArrayList<>();
        if (nodes == null) {
            collection(collection).find(key(fabric, vnid, addr)).into(rows);
        } else {
            for (int node : nodes) {
                Document row = collection(collection).find(Filters.and(key(fabric, vnid, addr), Filters.eq("node", node))).first();
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        rows.sort(Comparator.comparingInt(r -> r.getInteger("node", 0)));
        return rows;
    }

    /**
     * Endpoints whose address matches {@code query}: a case-insensitive substring, or a raw regular expression
     * when it starts with "/" (refused with an IllegalArgumentException, before any query, unless
     * {@link SafeRegex} finds it safe for the store's backtracking regex engine). {@code fabric} null searches every
     * fabric. One query both finds the first {@code hits} and counts the matches up to {@code readAtMost}.
     */
    public SearchMatches searchAddress(String query, String fabric, int hits, int readAtMost) {
        // a raw regex is evaluated by the store's backtracking engine: only patterns SafeRegex deems bounded
        Bson addr = query.startsWith("/") ? Filters.regex("addr", SafeRegex.check(query.substring(1)))
                : Filters.regex("addr", Pattern.quote(query), "i");
        Bson filter = fabric == null ? addr : Filters.and(Filters.eq("fabric", fabric), addr);
        // one query both finds the first hits and counts the matches: the embedded storage scans for each query
        List<Document> first = new ArrayList<>();
        long matches = 0;
        for (Document d : collection(MongoEndpointStore.ENDPOINT).find(filter).limit(readAtMost)
                .projection(Projections.fields(Projections.include("fabric", "vnid", "addr", "type", "first_learn"),
                        Projections.slice("events", 1)))) {
            matches++;
            if (first.size() < hits) {
                first.add(d);
            }
        }
        return new SearchMatches(first, matches);
    }

    /**
     * Active endpoints (the newest event is a learn: created or modified, not a delete) per fabric and type
     * (mac, ipv4, ipv6), from one aggregation over ept.endpoint.
     */
    public Map<String, Map<String, Long>> activeCounts() {
        Map<String, Map<String, Long>> byFabric = new HashMap<>();
        for (Document group : collection(MongoEndpointStore.ENDPOINT).aggregate(List.of(
                Aggregates.match(activeFilter()),
                Aggregates.group(new Document("fabric", "$fabric").append("type", "$type"), Accumulators.sum("n", 1))))) {
            Document id = group.get("_id", Document.class);
            byFabric.computeIfAbsent(String.valueOf(id.get("fabric")), f -> new HashMap<>())
                    .put(String.valueOf(id.get("type")), ((Number) group.get("n")).longValue());
        }
        return byFabric;
    }

    /** An endpoint is active when its newest event is a learn (created or modified), not a delete. */
    static Bson activeFilter() {
        return Filters.in("events.0.status", "created", "modified");
    }

    private static Bson key(String fabric, int vnid, String addr) {
        return Filters.and(Filters.eq("fabric", fabric), Filters.eq("vnid", vnid), Filters.eq("addr", addr));
    }

    private MongoCollection<Document> collection(String name) {
        return infrastructure.database().getCollection(name);
    }
}
