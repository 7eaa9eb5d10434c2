package io.ept.endpoint;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointField;
import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Endpoint state in MongoDB (ept-reference section 4): ept.history, ept.endpoint, ept.move, ept.offsubnet,
 * ept.stale, ept.rapid, ept.remediate. Rows are read with event lists trimmed to what the analysis needs and
 * written with {@code $push {$each:[e], $position:0, $slice:cap}} plus {@code $inc count}, never replaced whole,
 * so the stored lists keep their full (capped) length. Writes for one key are serialised by the JMS message group.
 */
public class MongoEndpointStore {

    public static final String HISTORY = "ept.history";
    public static final String ENDPOINT = "ept.endpoint";
    public static final String MOVE = "ept.move";
    public static final String OFFSUBNET = "ept.offsubnet";
    public static final String STALE = "ept.stale";
    public static final String RAPID = "ept.rapid";
    public static final String REMEDIATE = "ept.remediate";

    /** Collections whose rows belong to an endpoint key; an endpoint delete cascades to all of them. */
    public static final List<String> ENDPOINT_COLLECTIONS = List.of(ENDPOINT, HISTORY, MOVE, OFFSUBNET, STALE, RAPID,
            REMEDIATE);

    /** The analysis reads the latest event of each node; move detection the two newest endpoint events. */
    static final int HISTORY_EVENTS_FOR_ANALYSIS = 1;
    static final int ENDPOINT_EVENTS_FOR_ANALYSIS = 2;
    /** The watcher looks for a delete among the newest 4 history events of the node. */
    static final int HISTORY_EVENTS_FOR_WATCH = 4;

    private final MongoDatabase db;

    /** ept.endpoint: the nodes that have a history row for the key (the original's reference-only "nodes"). */
    static final String NODES = "nodes";

    public MongoEndpointStore(MongoDatabase db) {
        this.db = db;
    }

    /** Indexes of section 4 (idempotent); [fabric, node] on ept.history serves node-down processing. */
    public void createIndexes() {
        IndexOptions unique = new IndexOptions().unique(true);
        collection(ENDPOINT).createIndex(Indexes.ascending("addr", "vnid", "fabric"), unique);
        collection(ENDPOINT).createIndex(Indexes.ascending("addr_byte"));
        collection(HISTORY).createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), unique);
        collection(HISTORY).createIndex(Indexes.ascending("fabric", "node"));
        collection(MOVE).createIndex(Indexes.ascending("addr", "vnid", "fabric"), unique);
        collection(OFFSUBNET).createIndex(Indexes.ascending("addr", "vnid", "node", "fabric"), unique);
        collection(STALE).createIndex(Indexes.ascending("addr", "vnid", "node", "fabric"), unique);
        collection(RAPID).createIndex(Indexes.ascending("addr", "vnid", "fabric"), unique);
        collection(REMEDIATE).createIndex(Indexes.ascending("addr", "vnid", "fabric", "node"), unique);
    }

    // ---- worker -----------------------------------------------------------------------------------------------

    /** State of one key as the analysis needs it (history rows with their latest event, the newest endpoint events). */
    public EndpointState load(EndpointKey key) {
        List<NodeHistory> rows = new ArrayList<>();
        for (Document d : historyRows(key)) {
            rows.add(EndpointDocuments.history(d));
        }
        Document move = collection(MOVE).find(keyFilter(key)).projection(newestEvents(1)).first();
        List<Document> moves = move == null ? List.of() : EndpointDocuments.docs(move, "events");
        return EndpointState.of(key, rows, endpoint(key),
                moves.isEmpty() ? null : EndpointDocuments.move(moves.get(0)));
    }

    /**
     * The key's history rows, read by their full unique key through the node list kept on the endpoint row:
     * the embedded MongoDB-protocol server serves only exact matches of a unique index, so a query on the key
     * prefix would scan the whole collection for every event. Rows of an endpoint without a node list (older data)
     * are read with the prefix query.
     */
    private List<Document> historyRows(EndpointKey key) {
        Document endpoint = collection(ENDPOINT).find(keyFilter(key)).projection(Projections.include(NODES)).first();
        List<Integer> nodes = endpoint == null ? null : endpoint.getList(NODES, Integer.class);
        List<Document> rows = new ArrayList<>();
        if (nodes == null) {
            collection(HISTORY).find(keyFilter(key)).projection(newestEvents(HISTORY_EVENTS_FOR_ANALYSIS, HISTORY_FIELDS))
                    .into(rows);
            return rows;
        }
        for (int node : nodes) {
            Document row = collection(HISTORY).find(nodeFilter(key, node))
                    .projection(newestEvents(HISTORY_EVENTS_FOR_ANALYSIS, HISTORY_FIELDS)).first();
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Persists one analysis result.
     *
     * @param eventNode physical node of the analysed event: the row {@code pushedHistoryEvent} belongs to
     */
    public void apply(EndpointKey key, int eventNode, AnalysisResult r, Settings settings) {
        for (NodeHistory row : r.historyUpdates()) {
            List<Bson> updates = new ArrayList<>();
            EndpointDocuments.historyScalars(row).forEach((k, v) -> updates.add(Updates.set(k, v)));
            if (row.node() == eventNode && r.pushedHistoryEvent() != null) {
                updates.add(push(EndpointDocuments.historyEvent(r.pushedHistoryEvent()), settings.perNodeCap()));
                updates.add(Updates.inc("count", 1L));
            }
            collection(HISTORY).updateOne(nodeFilter(key, row.node()), Updates.combine(updates), UPSERT);
        }
        List<Integer> rowNodes = r.historyUpdates().stream().map(NodeHistory::node).distinct().sorted().toList();
        if (r.endpoint() != null && !r.endpointChanges().isEmpty()) {
            applyEndpoint(key, r, settings, rowNodes);
        } else if (!rowNodes.isEmpty()) {
            collection(ENDPOINT).updateOne(keyFilter(key), Updates.addEachToSet(NODES, rowNodes));
        }
        if (r.newMove() != null) {
            collection(MOVE).updateOne(keyFilter(key), Updates.combine(
                    Updates.set("type", r.endpoint().type().wireName()),
                    push(EndpointDocuments.move(r.newMove()), settings.endpointCap()),
                    Updates.inc("count", 1L)), UPSERT);
        }
        if (r.newRapid() != null) {
            collection(RAPID).updateOne(keyFilter(key), Updates.combine(
                    Updates.set("type", typeOf(key, r).wireName()),
                    push(EndpointDocuments.rapidEvent(r.newRapid()), settings.endpointCap()),
                    Updates.inc("count", 1L)), UPSERT);
        }
    }

    private void applyEndpoint(EndpointKey key, AnalysisResult r, Settings settings, List<Integer> rowNodes) {
        Endpoint ep = r.endpoint();
        if (r.endpointChanges().contains(EndpointField.CREATED)) {
            // a new row is complete in the result (at most its first event)
            collection(ENDPOINT).replaceOne(keyFilter(key), EndpointDocuments.endpoint(ep).append(NODES, rowNodes),
                    new ReplaceOptions().upsert(true));
            return;
        }
        List<Bson> updates = new ArrayList<>();
        if (!rowNodes.isEmpty()) {
            updates.add(Updates.addEachToSet(NODES, rowNodes));
        }
        for (EndpointField field : r.endpointChanges()) {
            switch (field) {
                case LEARN_TYPE -> updates.add(Updates.set("learn_type", ep.learnType().wireName()));
                case IS_STALE -> updates.add(Updates.set("is_stale", ep.isStale()));
                case IS_OFFSUBNET -> updates.add(Updates.set("is_offsubnet", ep.isOffsubnet()));
                case RAPID -> EndpointDocuments.rapidCounters(ep.rapid()).forEach((k, v) -> updates.add(Updates.set(k, v)));
                case EVENTS, CREATED -> {
                    // below
                }
            }
        }
        AnalysisResult.EndpointEventWrite write = r.endpointEventWrite();
        if (r.endpointChanges().contains(EndpointField.EVENTS) && write != null) {
            Document event = EndpointDocuments.endpointEvent(write.event());
            if (write.overwriteLatest()) {
                updates.add(Updates.set("events.0", event));
            } else {
                updates.add(push(event, settings.endpointCap()));
                updates.add(Updates.inc("count", 1L));
                if (ep.count() == 1) {
                    updates.add(Updates.set("first_learn", event));
                }
            }
        }
        if (!updates.isEmpty()) {
            collection(ENDPOINT).updateOne(keyFilter(key), Updates.combine(updates));
        }
    }

    /** Counters of an endpoint dropped from the rapid LRU; no-op when the endpoint is gone. */
    public void saveRapidCounters(EndpointKey key, RapidCounters counters) {
        List<Bson> updates = new ArrayList<>();
        EndpointDocuments.rapidCounters(counters).forEach((k, v) -> updates.add(Updates.set(k, v)));
        collection(ENDPOINT).updateOne(keyFilter(key), Updates.combine(updates));
    }

    /** Deletes the endpoint and everything recorded for its key (ept-reference 3.11). Returns rows removed. */
    public long delete(EndpointKey key) {
        long removed = 0;
        for (String name : ENDPOINT_COLLECTIONS) {
            removed += collection(name).deleteMany(keyFilter(key)).getDeletedCount();
        }
        return removed;
    }

    // ---- watcher ----------------------------------------------------------------------------------------------

    /** The endpoint row with its newest events (null if there is none). */
    public Endpoint endpoint(EndpointKey key) {
        Document d = collection(ENDPOINT).find(keyFilter(key))
                .projection(newestEvents(ENDPOINT_EVENTS_FOR_ANALYSIS, ENDPOINT_FIELDS)).first();
        return d == null ? null : EndpointDocuments.endpoint(d);
    }

    /** History row of one node with the events a watch confirmation looks at, or null. */
    public NodeHistory history(EndpointKey key, int node) {
        Document d = collection(HISTORY).find(nodeFilter(key, node))
                .projection(newestEvents(HISTORY_EVENTS_FOR_WATCH, HISTORY_FIELDS)).first();
        return d == null ? null : EndpointDocuments.history(d);
    }

    /** Every history row of a node with its latest event (node down). */
    public List<NodeHistory> historyOfNode(String fabric, int node) {
        List<NodeHistory> rows = new ArrayList<>();
        for (Document d : collection(HISTORY).find(and(eq("fabric", fabric), eq("node", node)))
                .projection(newestEvents(HISTORY_EVENTS_FOR_ANALYSIS, HISTORY_FIELDS))) {
            rows.add(EndpointDocuments.history(d));
        }
        return rows;
    }

    public StaleEvent lastStale(EndpointKey key, int node) {
        Document last = newest(STALE, nodeFilter(key, node));
        return last == null ? null : EndpointDocuments.staleEvent(last);
    }

    public OffsubnetEvent lastOffsubnet(EndpointKey key, int node) {
        Document last = newest(OFFSUBNET, nodeFilter(key, node));
        return last == null ? null : EndpointDocuments.offsubnetEvent(last);
    }

    public void pushStale(EndpointKey key, int node, EndpointType type, StaleEvent e, int cap) {
        pushNodeRecord(STALE, key, node, type, EndpointDocuments.staleEvent(e), cap);
    }

    public void pushOffsubnet(EndpointKey key, int node, EndpointType type, OffsubnetEvent e, int cap) {
        pushNodeRecord(OFFSUBNET, key, node, type, EndpointDocuments.offsubnetEvent(e), cap);
    }

    public void pushRemediate(EndpointKey key, int node, EndpointType type, RemediateEvent e, boolean success,
                              String error, int cap) {
        pushNodeRecord(REMEDIATE, key, node, type, EndpointDocuments.remediateEvent(e, success, error), cap);
    }

    /** The watcher confirmed the finding: only it sets the flags true (the worker clears them). */
    public void setEndpointStale(EndpointKey key) {
        collection(ENDPOINT).updateOne(keyFilter(key), Updates.set("is_stale", true));
    }

    public void setEndpointOffsubnet(EndpointKey key) {
        collection(ENDPOINT).updateOne(keyFilter(key), Updates.set("is_offsubnet", true));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private void pushNodeRecord(String name, EndpointKey key, int node, EndpointType type, Document event, int cap) {
        collection(name).updateOne(nodeFilter(key, node), Updates.combine(Updates.set("type", type.wireName()),
                push(event, cap), Updates.inc("count", 1L)), UPSERT);
    }

    private Document newest(String name, Bson filter) {
        Document d = collection(name).find(filter).projection(newestEvents(1)).first();
        List<Document> events = d == null ? List.of() : EndpointDocuments.docs(d, "events");
        return events.isEmpty() ? null : events.get(0);
    }

    private static final List<String> HISTORY_FIELDS = List.of("fabric", "node", "vnid", "addr", "type", "is_stale",
            "is_offsubnet", "watch_stale_ts", "watch_stale_event", "watch_offsubnet_ts", "count");
    private static final List<String> ENDPOINT_FIELDS = List.of("fabric", "vnid", "addr", "type", "learn_type",
            "is_stale", "is_offsubnet", "is_rapid", "is_rapid_ts", "rapid_lts", "rapid_count", "rapid_lcount",
            "rapid_icount", "first_learn", "count");

    /**
     * {@code fields} plus the newest {@code n} events. The fields are listed because mongo-java-server (the
     * embedded server) reads a lone $slice as an inclusion projection, unlike MongoDB.
     */
    private static Bson newestEvents(int n, List<String> fields) {
        return Projections.fields(Projections.include(fields), Projections.slice("events", n));
    }

    private static Bson newestEvents(int n) {
        return newestEvents(n, List.of());
    }

    private static Bson push(Document event, int cap) {
        return Updates.pushEach("events", List.of(event), new PushOptions().position(0).slice(Math.max(cap, 1)));
    }

    private static EndpointType typeOf(EndpointKey key, AnalysisResult r) {
        if (r.endpoint() != null) {
            return r.endpoint().type();
        }
        return key.addr().indexOf('.') >= 0 ? EndpointType.IPV4
                : key.addr().matches("(?i)([0-9a-f]{2}[:-]){5}[0-9a-f]{2}") ? EndpointType.MAC : EndpointType.IPV6;
    }

    static Bson keyFilter(EndpointKey key) {
        return and(eq("fabric", key.fabric()), eq("vnid", key.vnid()), eq("addr", key.addr()));
    }

    static Bson nodeFilter(EndpointKey key, int node) {
        return and(eq("fabric", key.fabric()), eq("vnid", key.vnid()), eq("addr", key.addr()), eq("node", node));
    }

    private MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }
}
