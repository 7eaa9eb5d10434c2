package io.ept.endpoint;

import io.ept.platform.KeyFilter;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointField;
import io.ept.analysis.engine.EndpointState;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointEvent;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


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
            REMEDIATE, EventLog.collection(HISTORY), EventLog.collection(ENDPOINT), EventLog.collection(MOVE));

    /** The analysis reads the latest event of each node; move detection the two newest endpoint events. */
    static final int HISTORY_EVENTS_FOR_ANALYSIS = 1;
    static final int ENDPOINT_EVENTS_FOR_ANALYSIS = 2;
    /** The watcher looks for a delete among the newest 4 history events of the node. */
    static final int HISTORY_EVENTS_FOR_WATCH = 4;
    /** Newest endpoint events kept on the ept.endpoint row itself (see {@link EventLog}). */
    static final int ENDPOINT_EVENTS_ON_ROW = 2;

    private final MongoDatabase db;

    /** ept.endpoint: the nodes that have a history row for the key (the original's reference-only "nodes"). */
    static final String NODES = "nodes";
    /** ept.endpoint: the nodes that have an ept.remediate row for the key. */
    static final String REMEDIATE_NODES = "remediate_nodes";

    private final EndpointStateCache cache;

    /** ept.history: ids of the newest worker batches stored in the row, newest first (see {@link EndpointBatch}). */
    static final String APPLIED_BATCHES = "applied_batches";
    /**
     * How many batch ids a row keeps: a redelivery may come after later batches of the same key (a killed node's
     * in-doubt message is redelivered when the node is back).
     */
    static final int APPLIED_BATCHES_KEPT = 8;

    /** A store without a state cache (every load reads the database). */
    public MongoEndpointStore(MongoDatabase db) {
        this(db, new EndpointStateCache(0));
    }

    public MongoEndpointStore(MongoDatabase db, EndpointStateCache cache) {
        this.db = db;
        this.cache = cache;
    }

    public EndpointStateCache cache() {
        return cache;
    }

    /**
     * Keeps the states a batch left (after its writes succeeded), cut to what a load returns, except those of keys
     * invalidated since {@code loadedAt} (the cache's {@link EndpointStateCache#stamp()} read before loading).
     */
    public void remember(Map<EndpointKey, EndpointState> states, Map<EndpointKey, Long> moveCounts,
                         Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches, long loadedAt) {
        if (cache.enabled()) {
            Map<EndpointKey, EndpointState> trimmed = new HashMap<>();
            states.forEach((k, st) -> trimmed.put(k, st.trimmed(HISTORY_EVENTS_FOR_ANALYSIS, ENDPOINT_EVENTS_FOR_ANALYSIS)));
            cache.putAll(trimmed, moveCounts, appliedBatches, loadedAt);
        }
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

    /**
     * Gives rows written before rows had {@link #id string ids} their string id (copy, then delete the old row), once:
     * a marker in {@value #META} records that it was done. Returns the rows converted.
     */
    public long ensureStringIds() {
        MongoCollection<Document> meta = collection(META);
        if (meta.find(KeyFilter.exact("_id", STRING_IDS_MARKER)).first() != null) {
            return 0;
        }
        long converted = 0;
        for (String name : List.of(ENDPOINT, HISTORY, MOVE, OFFSUBNET, STALE, RAPID, REMEDIATE)) {
            boolean perNode = List.of(HISTORY, OFFSUBNET, STALE, REMEDIATE).contains(name);
            List<Document> old = new ArrayList<>();
            for (Document d : collection(name).find().batchSize(KeyFilter.BATCH_SIZE)) {
                if (!(d.get("_id") instanceof String)) {
                    old.add(d);
                }
            }
            for (Document d : old) {
                EndpointKey key = new EndpointKey(d.getString("fabric"), d.get("vnid", Number.class).intValue(),
                        d.getString("addr"));
                String id = perNode ? id(key, d.get("node", Number.class).intValue()) : id(key);
                Object oldId = d.get("_id");
                collection(name).deleteOne(KeyFilter.exact("_id", oldId));
                collection(name).insertOne(withId(id, d));
                converted++;
            }
        }
        meta.insertOne(new Document("_id", STRING_IDS_MARKER).append("converted", converted)
                .append("ts", System.currentTimeMillis() / 1000.0));
        return converted;
    }

    /**
     * Moves the event lists of rows written before the event-log layout ({@link EventLog}) into event documents,
     * once (a marker in {@value #META}): each row keeps its newest event(s), gets {@code first_seq}, and its events
     * become documents numbered down from its count. Returns the rows converted.
     */
    public long ensureEventLog() {
        MongoCollection<Document> meta = collection(META);
        if (meta.find(KeyFilter.exact("_id", EVENT_LOG_MARKER)).first() != null) {
            return 0;
        }
        long converted = 0;
        for (String name : List.of(HISTORY, ENDPOINT, MOVE)) {
            int onRow = EventLog.ON_ROW.get(name);
            while (true) {
                List<Document> rows = collection(name).find(Filters.exists(EventLog.FIRST_SEQ, false)).limit(2000)
                        .into(new ArrayList<>());
                if (rows.isEmpty()) {
                    break;
                }
                List<Document> events = new ArrayList<>();
                List<com.mongodb.client.model.WriteModel<Document>> updates = new ArrayList<>();
                for (Document row : rows) {
                    List<Document> list = EndpointDocuments.docs(row, "events");
                    long count = Math.max(EndpointDocuments.lng(row, "count"), list.size());
                    Object rowId = row.get("_id");
                    Document keys = new Document();
                    for (String k : List.of("fabric", "vnid", "addr", "node")) {
                        if (row.containsKey(k)) {
                            keys.append(k, row.get(k));
                        }
                    }
                    for (int i = 0; i < list.size() && rowId instanceof String; i++) {
                        events.add(EventLog.doc((String) rowId, count - i, keys, list.get(i)));
                    }
                    updates.add(new UpdateOneModel<>(new Document("_id", rowId), Updates.combine(
                            Updates.set("events", list.subList(0, Math.min(onRow, list.size()))),
                            Updates.set("count", count), Updates.set(EventLog.FIRST_SEQ, count - list.size() + 1))));
                }
                for (int from = 0; from < events.size(); from += 1000) {
                    EventLog.insert(db, EventLog.collection(name), events.subList(from, Math.min(events.size(), from + 1000)));
                }
                collection(name).bulkWrite(updates);
                converted += rows.size();
            }
        }
        meta.insertOne(new Document("_id", EVENT_LOG_MARKER).append("converted", converted)
                .append("ts", System.currentTimeMillis() / 1000.0));
        return converted;
    }

    private static final String EVENT_LOG_MARKER = "endpoint-event-log";

    static final String META = "ept.meta";
    private static final String STRING_IDS_MARKER = "endpoint-string-ids";

    // ---- worker -----------------------------------------------------------------------------------------------

    /** State of one key as the analysis needs it; see {@link #loadAll}. */
    public EndpointState load(EndpointKey key) {
        return loadAll(List.of(key)).get(key);
    }

    /**
     * State of keys as the analysis needs it: history rows with their latest event, the newest endpoint events, the
     * newest move. Three reads for any number of keys, each an {@code _id $in} query: the endpoint rows (with the
     * node list of each), the history rows of those nodes, and the move rows. No endpoint row means no history rows
     * (the worker writes both for every stored event). Rows of an endpoint without a node list (older data) are read
     * with a prefix query, which the embedded server can only answer by a scan.
     */
    public Map<EndpointKey, EndpointState> loadAll(Collection<EndpointKey> keys) {
        return loadForAnalysis(keys).states();
    }

    /**
     * What a worker batch loads: the states ({@link #loadAll}), the count of each key's move row (the seq of its
     * newest move), the ids of the batches each key's history rows record (by node), and the state cache's clock
     * read with the cached entries (for {@link #remember}).
     */
    public record Loaded(Map<EndpointKey, EndpointState> states, Map<EndpointKey, Long> moveCounts,
                         Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches, long cacheStamp) {
    }

    /** See {@link Loaded}; the maps are modifiable (a batch updates them as it goes). */
    public Loaded loadForAnalysis(Collection<EndpointKey> keys) {
        EndpointStateCache.Hits hits = cache.lookup(keys);
        Map<EndpointKey, Long> moveCounts = new HashMap<>();
        Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches = new HashMap<>();
        List<EndpointKey> missing = new ArrayList<>();
        for (EndpointKey key : keys) {
            EndpointStateCache.Cached hit = hits.entries().get(key);
            if (hit == null || hit.moveCount() < 0) {
                missing.add(key);
            } else {
                moveCounts.put(key, hit.moveCount());
                if (!hit.appliedBatches().isEmpty()) {
                    appliedBatches.put(key, hit.appliedBatches());
                }
            }
        }
        Map<EndpointKey, EndpointState> read = missing.isEmpty() ? Map.of() : read(missing, moveCounts, appliedBatches);
        Map<EndpointKey, EndpointState> states = new LinkedHashMap<>();
        for (EndpointKey key : keys) {
            states.put(key, read.containsKey(key) ? read.get(key) : hits.entries().get(key).state());
        }
        return new Loaded(states, moveCounts, appliedBatches, hits.stamp());
    }

    private Map<EndpointKey, EndpointState> read(Collection<EndpointKey> keys, Map<EndpointKey, Long> moveCounts,
                                                 Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches) {
        Map<String, EndpointKey> keyById = new LinkedHashMap<>();
        for (EndpointKey key : keys) {
            keyById.put(id(key), key);
        }
        Map<EndpointKey, Document> endpoints = new HashMap<>();
        for (Document d : byIds(ENDPOINT, keyById.keySet(),
                newestEvents(ENDPOINT_EVENTS_FOR_ANALYSIS, ENDPOINT_FIELDS_AND_NODES))) {
            EndpointKey key = keyById.get(d.getString("_id"));
            if (key != null) {
                endpoints.put(key, d);
            }
        }
        Map<String, EndpointKey> keyByHistoryId = new LinkedHashMap<>();
        Map<EndpointKey, List<NodeHistory>> rows = new HashMap<>();
        for (Map.Entry<EndpointKey, Document> e : endpoints.entrySet()) {
            List<Integer> nodes = e.getValue().getList(NODES, Integer.class);
            if (nodes == null) {
                List<NodeHistory> old = rows.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                for (Document d : collection(HISTORY).find(keyFilter(e.getKey()))
                        .projection(newestEvents(HISTORY_EVENTS_FOR_ANALYSIS, HISTORY_FIELDS))) {
                    old.add(EndpointDocuments.history(d));
                    readAppliedBatches(e.getKey(), d, appliedBatches);
                }
            } else {
                for (int node : nodes) {
                    keyByHistoryId.put(id(e.getKey(), node), e.getKey());
                }
            }
        }
        for (Document d : byIds(HISTORY, keyByHistoryId.keySet(),
                newestEvents(HISTORY_EVENTS_FOR_ANALYSIS, HISTORY_FIELDS))) {
            EndpointKey key = keyByHistoryId.get(d.getString("_id"));
            if (key != null) {
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(EndpointDocuments.history(d));
                readAppliedBatches(key, d, appliedBatches);
            }
        }
        Map<EndpointKey, MoveRecord> moves = new HashMap<>();
        List<String> moveIds = endpoints.keySet().stream().map(MongoEndpointStore::id).toList();
        for (Document d : byIds(MOVE, moveIds, newestEvents(1, List.of("count")))) {
            EndpointKey key = keyById.get(d.getString("_id"));
            if (key != null) {
                moveCounts.put(key, EndpointDocuments.lng(d, "count"));
            }
            List<Document> events = EndpointDocuments.docs(d, "events");
            if (key != null && !events.isEmpty()) {
                moves.put(key, EndpointDocuments.move(events.get(0)));
            }
        }
        Map<EndpointKey, EndpointState> states = new LinkedHashMap<>();
        for (EndpointKey key : keyById.values()) {
            moveCounts.putIfAbsent(key, 0L);
            Document endpoint = endpoints.get(key);
            states.put(key, endpoint == null ? EndpointState.empty(key)
                    : EndpointState.of(key, rows.getOrDefault(key, List.of()), EndpointDocuments.endpoint(endpoint),
                    moves.get(key)));
        }
        return states;
    }

    private static void readAppliedBatches(EndpointKey key, Document historyRow,
                                           Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches) {
        List<Long> ids = historyRow.getList(APPLIED_BATCHES, Long.class);
        if (ids != null && !ids.isEmpty()) {
            appliedBatches.computeIfAbsent(key, k -> new HashMap<>()).put(historyRow.getInteger("node"), List.copyOf(ids));
        }
    }

    /**
     * Records batch {@code batchId} in every history row {@code writes} replaces, ahead of the ids the row recorded
     * ({@code appliedBatches}, updated to what the rows will hold).
     */
    void recordBatch(EndpointWrites writes, long batchId, Map<EndpointKey, Map<Integer, List<Long>>> appliedBatches) {
        for (EndpointWrites.HistoryRow row : writes.historyRows()) {
            // copied: what was loaded (or cached) is read-only
            Map<Integer, List<Long>> byNode = new HashMap<>(appliedBatches.getOrDefault(row.key(), Map.of()));
            appliedBatches.put(row.key(), byNode);
            List<Long> ids = new ArrayList<>(APPLIED_BATCHES_KEPT);
            ids.add(batchId);
            for (long earlier : byNode.getOrDefault(row.node(), List.of())) {
                if (earlier != batchId && ids.size() < APPLIED_BATCHES_KEPT) {
                    ids.add(earlier);
                }
            }
            byNode.put(row.node(), List.copyOf(ids));
            row.row().put(APPLIED_BATCHES, ids);
        }
    }

    /** Rows whose _id is in {@code ids}, in chunks (the embedded server answers each id from the _id index). */
    private List<Document> byIds(String collection, Collection<String> ids, Bson projection) {
        List<Document> out = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            collection(collection).find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + ID_CHUNK))))
                    .projection(projection).into(out);
        }
        return out;
    }

    private static final int ID_CHUNK = 1000;

    /**
     * Persists one analysis result.
     *
     * @param eventNode physical node of the analysed event: the row {@code pushedHistoryEvent} belongs to
     */
    public void apply(EndpointKey key, int eventNode, AnalysisResult r, Settings settings) {
        EndpointWrites writes = new EndpointWrites();
        collect(key, eventNode, r, settings, writes, null, new HashMap<>());
        writes.flush(db);
    }

    /** Sends collected writes. */
    public void flush(EndpointWrites writes) {
        writes.flush(db);
    }

    /**
     * The writes of one analysis result, added to {@code writes} (sent later, with those of other events).
     *
     * @param knownNodes nodes that already have a history row (listed on the endpoint row), or null if unknown: only
     *                   new nodes are added to the list, so most events do not rewrite the endpoint row
     */
    public void collect(EndpointKey key, int eventNode, AnalysisResult r, Settings settings, EndpointWrites writes,
                        Set<Integer> knownNodes, Map<EndpointKey, Long> moveCounts) {
        for (NodeHistory row : r.historyUpdates()) {
            boolean pushes = row.node() == eventNode && r.pushedHistoryEvent() != null;
            String rowId = id(key, row.node());
            if (pushes) {
                writes.event(HISTORY, rowId, row.count(), nodeKeys(key, row.node()),
                        EndpointDocuments.historyEvent(r.pushedHistoryEvent()), settings.perNodeCap());
            }
            writes.historyRow(key, row.node(), rowId, EndpointDocuments.historyRow(rowId, row, settings.perNodeCap()));
        }
        List<Integer> rowNodes = r.historyUpdates().stream().map(NodeHistory::node).distinct().sorted().toList();
        List<Integer> newNodes = knownNodes == null ? rowNodes
                : rowNodes.stream().filter(n -> !knownNodes.contains(n)).toList();
        if (r.endpoint() != null && !r.endpointChanges().isEmpty()) {
            List<Integer> allNodes = knownNodes == null ? rowNodes
                    : java.util.stream.Stream.concat(knownNodes.stream(), rowNodes.stream()).distinct().sorted().toList();
            collectEndpoint(key, r, settings, allNodes, newNodes, writes);
        } else if (!newNodes.isEmpty()) {
            writes.endpointNodes(id(key), newNodes);
        }
        if (r.newMove() != null) {
            long seq = (moveCounts.containsKey(key) ? moveCounts.get(key) : storedMoveCount(key)) + 1;
            moveCounts.put(key, seq);
            Document move = EndpointDocuments.move(r.newMove());
            writes.event(MOVE, id(key), seq, keys(key), move, settings.endpointCap());
            // only the worker writes move rows: replaced whole, small (the newest move; the list is in ept.move_event)
            Document row = new Document("_id", id(key)).append("fabric", key.fabric()).append("vnid", key.vnid())
                    .append("addr", key.addr()).append("type", r.endpoint().type().wireName()).append("count", seq)
                    .append(EventLog.FIRST_SEQ, EventLog.firstSeq(seq, settings.endpointCap()))
                    .append("events", List.of(move));
            writes.add(MOVE, new ReplaceOneModel<>(new Document("_id", id(key)), row, new ReplaceOptions().upsert(true)));
        }
        if (r.newRapid() != null) {
            writes.add(RAPID, new UpdateOneModel<>(keyFilter(key), Updates.combine(
                    Updates.setOnInsert("_id", id(key)),
                    Updates.set("type", typeOf(key, r).wireName()),
                    push(EndpointDocuments.rapidEvent(r.newRapid()), settings.endpointCap()),
                    Updates.inc("count", 1L)), UPSERT));
        }
    }

    private void collectEndpoint(EndpointKey key, AnalysisResult r, Settings settings, List<Integer> allNodes,
                                 List<Integer> newNodes, EndpointWrites writes) {
        Endpoint ep = r.endpoint();
        if (r.endpointChanges().contains(EndpointField.CREATED)) {
            // a new row is complete in the result (at most its first event)
            Document row = withId(id(key), EndpointDocuments.endpoint(ep)).append(NODES, allNodes)
                    .append(EventLog.FIRST_SEQ, EventLog.firstSeq(ep.count(), settings.endpointCap()));
            List<EndpointEvent> events = ep.events();
            row.put("events", events.stream().limit(ENDPOINT_EVENTS_ON_ROW).map(EndpointDocuments::endpointEvent).toList());
            for (int i = 0; i < events.size() && ep.count() - i >= 1; i++) {
                writes.event(ENDPOINT, id(key), ep.count() - i, keys(key), EndpointDocuments.endpointEvent(events.get(i)),
                        settings.endpointCap());
            }
            writes.endpointCreated(id(key), row);
            return;
        }
        String id = id(key);
        if (!newNodes.isEmpty()) {
            writes.endpointNodes(id, newNodes);
        }
        for (EndpointField field : r.endpointChanges()) {
            switch (field) {
                case LEARN_TYPE -> writes.endpointSet(id, "learn_type", ep.learnType().wireName());
                case IS_STALE -> writes.endpointSet(id, "is_stale", ep.isStale());
                case IS_OFFSUBNET -> writes.endpointSet(id, "is_offsubnet", ep.isOffsubnet());
                case RAPID -> EndpointDocuments.rapidCounters(ep.rapid()).forEach((k, v) -> writes.endpointSet(id, k, v));
                case EVENTS, CREATED -> {
                    // below
                }
            }
        }
        AnalysisResult.EndpointEventWrite write = r.endpointEventWrite();
        if (r.endpointChanges().contains(EndpointField.EVENTS) && write != null) {
            Document event = EndpointDocuments.endpointEvent(write.event());
            // the row keeps the newest events the analysis reads; the list is in ept.endpoint_event
            writes.endpointSet(id, "events", ep.events().stream().limit(ENDPOINT_EVENTS_ON_ROW)
                    .map(EndpointDocuments::endpointEvent).toList());
            if (write.overwriteLatest()) {
                writes.replaceEvent(ENDPOINT, id(key), ep.count(), keys(key), event);
            } else {
                writes.event(ENDPOINT, id(key), ep.count(), keys(key), event, settings.endpointCap());
                writes.endpointSet(id, "count", ep.count());
                writes.endpointSet(id, EventLog.FIRST_SEQ, EventLog.firstSeq(ep.count(), settings.endpointCap()));
                if (ep.count() == 1) {
                    writes.endpointSet(id, "first_learn", event);
                }
            }
        }
    }

    /** Counters of an endpoint dropped from the rapid LRU; no-op when the endpoint is gone. */
    public void saveRapidCounters(EndpointKey key, RapidCounters counters) {
        EndpointWrites writes = new EndpointWrites();
        collectRapidCounters(key, counters, writes);
        writes.flush(db);
    }

    public void collectRapidCounters(EndpointKey key, RapidCounters counters, EndpointWrites writes) {
        EndpointDocuments.rapidCounters(counters).forEach((k, v) -> writes.endpointSet(id(key), k, v));
    }

    /**
     * Deletes the endpoint and everything recorded for its key (ept-reference 3.11). Returns rows removed. Rows
     * keyed by node are deleted one by one by their full key, for the nodes listed on the endpoint row (history,
     * hence offsubnet and stale) and the nodes cleared on (remediate); only an endpoint of older data without those
     * lists needs the prefix delete, which scans the collection on the embedded server.
     */
    public long delete(EndpointKey key) {
        cache.invalidate(key);
        Document endpoint = collection(ENDPOINT).find(keyFilter(key))
                .projection(Projections.include(NODES, REMEDIATE_NODES)).first();
        List<Integer> nodes = endpoint == null ? List.of() : endpoint.getList(NODES, Integer.class);
        List<Integer> remediateNodes = endpoint == null ? List.of()
                : endpoint.getList(REMEDIATE_NODES, Integer.class, List.of());
        long removed = 0;
        // event documents first (found by the counts of their rows), then the rows
        for (String name : List.of(ENDPOINT, MOVE)) {
            for (Document row : collection(name).find(keyFilter(key)).projection(Projections.include("count"))) {
                if (row.get("_id") instanceof String rowId) {
                    EventLog.deleteRow(db, name, rowId, EndpointDocuments.lng(row, "count"));
                }
            }
        }
        for (Document row : endpoint != null && nodes == null ? collection(HISTORY).find(keyFilter(key))
                .projection(Projections.include("count"))
                : byIds(HISTORY, nodes.stream().map(n -> id(key, n)).toList(), Projections.include("count"))) {
            if (row.get("_id") instanceof String rowId) {
                EventLog.deleteRow(db, HISTORY, rowId, EndpointDocuments.lng(row, "count"));
            }
        }
        for (String name : List.of(ENDPOINT, MOVE, RAPID)) {
            removed += collection(name).deleteMany(keyFilter(key)).getDeletedCount();
        }
        if (endpoint != null && nodes == null) {
            for (String name : List.of(HISTORY, OFFSUBNET, STALE, REMEDIATE)) {
                removed += collection(name).deleteMany(keyFilter(key)).getDeletedCount();
            }
            cache.invalidate(key);
            return removed;
        }
        for (int node : nodes) {
            for (String name : List.of(HISTORY, OFFSUBNET, STALE)) {
                removed += collection(name).deleteOne(nodeFilter(key, node)).getDeletedCount();
            }
        }
        for (int node : remediateNodes) {
            removed += collection(REMEDIATE).deleteOne(nodeFilter(key, node)).getDeletedCount();
        }
        // again after the deletes: a batch that loaded the key meanwhile does not cache the deleted state
        cache.invalidate(key);
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
        Document d = collection(HISTORY).find(nodeFilter(key, node)).first();
        if (d == null) {
            return null;
        }
        EventLog.attach(db, HISTORY, List.of(d), HISTORY_EVENTS_FOR_WATCH);
        return EndpointDocuments.history(d.append("events", EndpointDocuments.docs(d, "events").stream()
                .limit(HISTORY_EVENTS_FOR_WATCH).toList()));
    }

    /** Every history row of a node with its latest event (node down). */
    public List<NodeHistory> historyOfNode(String fabric, int node) {
        List<NodeHistory> rows = new ArrayList<>();
        for (Document d : collection(HISTORY).find(KeyFilter.exact("fabric", fabric, "node", node)).batchSize(KeyFilter.BATCH_SIZE)
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
        // remembered on the endpoint so that deleting it finds the row by its full key
        collection(ENDPOINT).updateOne(keyFilter(key), Updates.addToSet(REMEDIATE_NODES, node));
    }

    /** The watcher confirmed the finding: only it sets the flags true (the worker clears them). */
    public void setEndpointStale(EndpointKey key) {
        // store first, then invalidate: a batch that loaded the key before the invalidation does not cache its state
        collection(ENDPOINT).updateOne(keyFilter(key), Updates.set("is_stale", true));
        cache.invalidate(key);
    }

    public void setEndpointOffsubnet(EndpointKey key) {
        collection(ENDPOINT).updateOne(keyFilter(key), Updates.set("is_offsubnet", true));
        cache.invalidate(key);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private void pushNodeRecord(String name, EndpointKey key, int node, EndpointType type, Document event, int cap) {
        collection(name).updateOne(nodeFilter(key, node), Updates.combine(Updates.setOnInsert("_id", id(key, node)),
                Updates.set("type", type.wireName()),
                push(event, cap), Updates.inc("count", 1L)), UPSERT);
    }

    private Document newest(String name, Bson filter) {
        Document d = collection(name).find(filter).projection(newestEvents(1)).first();
        List<Document> events = d == null ? List.of() : EndpointDocuments.docs(d, "events");
        return events.isEmpty() ? null : events.get(0);
    }

    private static final List<String> HISTORY_FIELDS = List.of("fabric", "node", "vnid", "addr", "type", "is_stale",
            "is_offsubnet", "watch_stale_ts", "watch_stale_event", "watch_offsubnet_ts", "count", APPLIED_BATCHES);
    private static final List<String> ENDPOINT_FIELDS = List.of("fabric", "vnid", "addr", "type", "learn_type",
            "is_stale", "is_offsubnet", "is_rapid", "is_rapid_ts", "rapid_lts", "rapid_count", "rapid_lcount",
            "rapid_icount", "first_learn", "count");
    private static final List<String> ENDPOINT_FIELDS_AND_NODES = java.util.stream.Stream.concat(
            ENDPOINT_FIELDS.stream(), java.util.stream.Stream.of(NODES)).toList();

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

    /**
     * The {@code _id} of the rows of a key (ept.endpoint, ept.move, ept.rapid): {@code fabric|vnid|addr}. Rows get
     * these ids instead of ObjectIds so that a batch reads the rows of many keys with one {@code _id $in} query,
     * which the embedded server answers from its {@code _id} index (it cannot use the compound unique index with
     * $in).
     */
    public static String id(EndpointKey key) {
        return key.fabric() + "|" + key.vnid() + "|" + key.addr();
    }

    /** The {@code _id} of the per-node rows of a key (history, offsubnet, stale, remediate). */
    public static String id(EndpointKey key, int node) {
        return id(key) + "|" + node;
    }

    private static Document withId(String id, Document doc) {
        Document out = new Document("_id", id);
        doc.forEach((k, v) -> {
            if (!"_id".equals(k)) {
                out.append(k, v);
            }
        });
        return out;
    }

    /** Key attributes of the event documents of a key's rows. */
    static Document keys(EndpointKey key) {
        return new Document("fabric", key.fabric()).append("vnid", key.vnid()).append("addr", key.addr());
    }

    static Document nodeKeys(EndpointKey key, int node) {
        return keys(key).append("node", node);
    }

    /** Count of the key's move row (0 if none): the seq of its newest move. */
    long storedMoveCount(EndpointKey key) {
        Document d = collection(MOVE).find(new Document("_id", id(key))).projection(Projections.include("count")).first();
        return d == null ? 0 : EndpointDocuments.lng(d, "count");
    }

    static Bson keyFilter(EndpointKey key) {
        return KeyFilter.exact("fabric", key.fabric(), "vnid", key.vnid(), "addr", key.addr());
    }

    static Bson nodeFilter(EndpointKey key, int node) {
        return KeyFilter.exact("fabric", key.fabric(), "vnid", key.vnid(), "addr", key.addr(), "node", node);
    }

    private MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }
}
