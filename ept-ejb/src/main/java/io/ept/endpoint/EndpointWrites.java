package io.ept.endpoint;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of one or more analysed events, collected per collection and sent as one bulk write per collection: a
 * worker batch of hundreds of events costs a handful of round trips instead of several per event. Event documents
 * ({@link EventLog}) go first, then the rows that count them, so a reader that sees a row's count finds its events;
 * history rows are written before the endpoint rows that list their nodes.
 *
 * <p>History rows are coalesced and replaced whole: however many events of a batch change a row (its own events, and
 * stale/offsubnet flags set by the analysis of other nodes' events), it gets one small replace (by _id) with its
 * final scalars, count and newest event; each pushed event is one insert into ept.history_event. Only the worker
 * writes history rows (serialised per key by the message group), so the replace loses nobody's change.
 */
public final class EndpointWrites {

    private static final List<String> ORDER = List.of(EventLog.collection(MongoEndpointStore.HISTORY),
            EventLog.collection(MongoEndpointStore.ENDPOINT), EventLog.collection(MongoEndpointStore.MOVE),
            MongoEndpointStore.HISTORY, MongoEndpointStore.ENDPOINT, MongoEndpointStore.MOVE, MongoEndpointStore.RAPID);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final Map<String, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
    private final Map<String, Document> historyRows = new LinkedHashMap<>();
    private final Map<String, List<Document>> inserts = new LinkedHashMap<>();
    private final Map<String, List<String>> trims = new LinkedHashMap<>();

    void add(String collection, WriteModel<Document> write) {
        byCollection.computeIfAbsent(collection, k -> new ArrayList<>()).add(write);
    }

    /** A whole history row as it stands after the event (the newest state of the row wins). */
    void historyRow(String id, Document row) {
        historyRows.put(id, row);
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
        return historyRows.size() + inserts.values().stream().mapToInt(List::size).sum()
                + byCollection.values().stream().mapToInt(List::size).sum();
    }

    public boolean isEmpty() {
        return historyRows.isEmpty() && byCollection.isEmpty() && inserts.isEmpty();
    }

    /** Sends everything collected (one bulk write per collection) and forgets it. */
    public void flush(MongoDatabase db) {
        if (!historyRows.isEmpty()) {
            List<WriteModel<Document>> rows = new ArrayList<>(historyRows.size());
            historyRows.forEach((id, row) -> rows.add(new ReplaceOneModel<>(new Document("_id", id), row, UPSERT)));
            historyRows.clear();
            byCollection.computeIfAbsent(MongoEndpointStore.HISTORY, k -> new ArrayList<>()).addAll(0, rows);
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
