package io.ept.endpoint;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.ept.analysis.model.EndpointKey;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of one or more analysed events, collected per collection and sent as one bulk write per collection: a
 * worker batch of hundreds of events costs a handful of round trips instead of several per event. Event documents
 * ({@link EventLog}) go first, then the rows that count them, so a reader that sees a row's count finds its events.
 * History rows go last: they record the batches they hold ({@link EndpointBatch}), so a row that records a batch
 * proves that the batch's other writes were stored too. An endpoint row may list a node whose history row is
 * written a moment later; readers take a missing row as one without events.
 *
 * <p>History rows are coalesced and replaced whole: however many events of a batch change a row (its own events, and
 * stale/offsubnet flags set by the analysis of other nodes' events), it gets one small replace (by _id) with its
 * final scalars, count and newest event; each pushed event is one insert into ept.history_event. Only the worker
 * writes history rows (serialised per key by the message group), so the replace loses nobody's change. Endpoint
 * rows (also written by the watcher and clears) are coalesced the same way but updated field by field, by _id.
 */
public final class EndpointWrites {

    private static final List<String> ORDER = List.of(EventLog.collection(MongoEndpointStore.HISTORY),
            EventLog.collection(MongoEndpointStore.ENDPOINT), EventLog.collection(MongoEndpointStore.MOVE),
            MongoEndpointStore.ENDPOINT, MongoEndpointStore.MOVE, MongoEndpointStore.RAPID, MongoEndpointStore.HISTORY);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final Map<String, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
    private final Map<String, HistoryRow> historyRows = new LinkedHashMap<>();

    /** A history row to replace, and the endpoint key and node it belongs to. */
    record HistoryRow(EndpointKey key, int node, Document row) {
    }
    private final Map<String, List<Document>> inserts = new LinkedHashMap<>();
    private final Map<String, List<String>> trims = new LinkedHashMap<>();
    private final Map<String, EndpointRow> endpointRows = new LinkedHashMap<>();

    /**
     * The writes of one ept.endpoint row in a batch: a row the batch created is written whole; any other row gets one
     * update by _id with the final value of each field it changed ($set, the newest wins) and the nodes it gained
     * ($addToSet), however many events of the batch changed it.
     */
    private static final class EndpointRow {
        private Document created;
        private final Map<String, Object> set = new LinkedHashMap<>();
        private final java.util.Set<Integer> addedNodes = new java.util.LinkedHashSet<>();

        WriteModel<Document> write(String id) {
            if (created != null) {
                return new ReplaceOneModel<>(new Document("_id", id), created, UPSERT);
            }
            List<org.bson.conversions.Bson> updates = new ArrayList<>();
            set.forEach((field, value) -> updates.add(Updates.set(field, value)));
            if (!addedNodes.isEmpty()) {
                updates.add(Updates.addEachToSet(MongoEndpointStore.NODES, new ArrayList<>(addedNodes)));
            }
            return new UpdateOneModel<>(new Document("_id", id), Updates.combine(updates));
        }
    }

    /** The endpoint row {@code id} was created (replaces anything collected for it). */
    void endpointCreated(String id, Document row) {
        EndpointRow r = new EndpointRow();
        r.created = row;
        endpointRows.put(id, r);
    }

    /** Sets a field of the endpoint row {@code id}. */
    void endpointSet(String id, String field, Object value) {
        EndpointRow r = endpointRows.computeIfAbsent(id, k -> new EndpointRow());
        if (r.created != null) {
            r.created.put(field, value);
        } else {
            r.set.put(field, value);
        }
    }

    /** Adds nodes to the node list of the endpoint row {@code id}. */
    void endpointNodes(String id, java.util.Collection<Integer> nodes) {
        EndpointRow r = endpointRows.computeIfAbsent(id, k -> new EndpointRow());
        if (r.created != null) {
            java.util.Set<Integer> all = new java.util.LinkedHashSet<>(r.created.getList(MongoEndpointStore.NODES, Integer.class, List.of()));
            all.addAll(nodes);
            r.created.put(MongoEndpointStore.NODES, new ArrayList<>(all));
        } else {
            r.addedNodes.addAll(nodes);
        }
    }

    void add(String collection, WriteModel<Document> write) {
        byCollection.computeIfAbsent(collection, k -> new ArrayList<>()).add(write);
    }

    /** A whole history row as it stands after the event (the newest state of the row wins). */
    void historyRow(EndpointKey key, int node, String id, Document row) {
        historyRows.put(id, new HistoryRow(key, node, row));
    }

    /** The history rows collected so far (their documents may still be amended). */
    java.util.Collection<HistoryRow> historyRows() {
        return historyRows.values();
    }

    /**
     * Event number {@code seq} of the row {@code rowId} of {@code rowCollection}: inserted into the row's event
     * collection, and the events one to two caps back deleted when {@code seq} is a multiple of {@code cap}.
     */
    void event(String rowCollection, String rowId, long seq, Document rowKeys, Document event, int cap) {
        String collection = EventLog.collection(rowCollection);
        inserts.computeIfAbsent(collection, k -> new ArrayList<>()).add(EventLog.doc(rowId, seq, rowKeys, event));
        for (long s : EventLog.trimmed(seq, cap)) {
            trims.computeIfAbsent(collection, k -> new ArrayList<>()).add(EventLog.id(rowId, s));
        }
    }

    /** Replaces event {@code seq} of a row (the endpoint's overwritten latest event). */
    void replaceEvent(String rowCollection, String rowId, long seq, Document rowKeys, Document event) {
        Document doc = EventLog.doc(rowId, seq, rowKeys, event);
        add(EventLog.collection(rowCollection), new ReplaceOneModel<>(new Document("_id", doc.get("_id")), doc, UPSERT));
    }

    /** Writes to send: one per history row, one per event document, plus the other writes. */
    public int size() {
        return historyRows.size() + endpointRows.size() + inserts.values().stream().mapToInt(List::size).sum()
                + byCollection.values().stream().mapToInt(List::size).sum();
    }

    public boolean isEmpty() {
        return historyRows.isEmpty() && endpointRows.isEmpty() && byCollection.isEmpty() && inserts.isEmpty();
    }

    /** Sends everything collected (one bulk write per collection) and forgets it. */
    public void flush(MongoDatabase db) {
        if (!historyRows.isEmpty()) {
            List<WriteModel<Document>> rows = new ArrayList<>(historyRows.size());
            historyRows.forEach((id, row) -> rows.add(new ReplaceOneModel<>(new Document("_id", id), row.row(), UPSERT)));
            historyRows.clear();
            byCollection.computeIfAbsent(MongoEndpointStore.HISTORY, k -> new ArrayList<>()).addAll(0, rows);
        }
        if (!endpointRows.isEmpty()) {
            List<WriteModel<Document>> rows = byCollection.computeIfAbsent(MongoEndpointStore.ENDPOINT, k -> new ArrayList<>());
            endpointRows.forEach((id, row) -> rows.add(row.write(id)));
            endpointRows.clear();
        }
        for (String name : ORDER) {
            List<Document> docs = inserts.remove(name);
            if (docs != null) {
                EventLog.insert(db, name, docs);
            }
            List<WriteModel<Document>> writes = byCollection.remove(name);
            if (writes != null && !writes.isEmpty()) {
                db.getCollection(name).bulkWrite(writes, ORDERED);
            }
        }
        for (Map.Entry<String, List<WriteModel<Document>>> e : byCollection.entrySet()) {
            db.getCollection(e.getKey()).bulkWrite(e.getValue(), ORDERED);
        }
        byCollection.clear();
        // trimming last: a failure here loses nothing (the next trim of the row, or a delete, removes them)
        trims.forEach((name, ids) -> EventLog.delete(db, name, ids));
        trims.clear();
        inserts.clear();
    }
}
