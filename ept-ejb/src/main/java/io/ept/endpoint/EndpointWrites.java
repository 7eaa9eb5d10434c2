package io.ept.endpoint;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of one or more analysed events, collected per collection and sent as one ordered bulk write per
 * collection: a worker batch of hundreds of events costs a handful of round trips instead of several per event.
 * Ordered, so several writes to the same row apply in analysis order; history rows are written before the
 * endpoint rows that list their nodes.
 *
 * <p>History rows are coalesced: however many events of a batch change a row (its own events, and stale/offsubnet
 * flags set by the analysis of other nodes' events), it gets one update with the final flags, every pushed event
 * and the count. The embedded server rewrites the whole row (up to 64 events) for every update, so this saves most
 * of its work when one move touches a key's rows on every leaf several times.
 */
public final class EndpointWrites {

    private static final List<String> ORDER = List.of(MongoEndpointStore.HISTORY, MongoEndpointStore.ENDPOINT,
            MongoEndpointStore.MOVE, MongoEndpointStore.RAPID);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final Map<String, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
    private final Map<String, HistoryRow> historyRows = new LinkedHashMap<>();

    /** What a batch writes to one history row: final scalar fields, pushed events oldest first, the count. */
    private static final class HistoryRow {
        final Bson filter;
        final String id;
        final Map<String, Object> fields = new LinkedHashMap<>();
        final List<Document> pushed = new ArrayList<>();
        int cap;

        HistoryRow(Bson filter, String id) {
            this.filter = filter;
            this.id = id;
        }

        WriteModel<Document> toWrite() {
            List<Bson> updates = new ArrayList<>();
            fields.forEach((k, v) -> updates.add(Updates.set(k, v)));
            if (!pushed.isEmpty()) {
                List<Document> newestFirst = new ArrayList<>(pushed);
                Collections.reverse(newestFirst);
                updates.add(Updates.pushEach("events", newestFirst, new PushOptions().position(0).slice(Math.max(cap, 1))));
                updates.add(Updates.inc("count", (long) pushed.size()));
            }
            updates.add(Updates.setOnInsert("_id", id));
            return new UpdateOneModel<>(filter, Updates.combine(updates), new UpdateOptions().upsert(true));
        }
    }

    void add(String collection, WriteModel<Document> write) {
        byCollection.computeIfAbsent(collection, k -> new ArrayList<>()).add(write);
    }

    /**
     * A change of a history row: its scalar fields (the newest values win) and, optionally, an event pushed onto
     * its list (capped at {@code cap}).
     */
    void history(String id, Bson filter, Map<String, Object> fields, Document pushed, int cap) {
        HistoryRow row = historyRows.computeIfAbsent(id, k -> new HistoryRow(filter, id));
        row.fields.putAll(fields);
        if (pushed != null) {
            row.pushed.add(pushed);
            row.cap = cap;
        }
    }

    /** Updates to send: one per history row, plus the other writes. */
    public int size() {
        return historyRows.size() + byCollection.values().stream().mapToInt(List::size).sum();
    }

    public boolean isEmpty() {
        return historyRows.isEmpty() && byCollection.isEmpty();
    }

    /** Sends everything collected (one bulk write per collection) and forgets it. */
    public void flush(MongoDatabase db) {
        if (!historyRows.isEmpty()) {
            List<WriteModel<Document>> rows = new ArrayList<>(historyRows.size());
            historyRows.values().forEach(r -> rows.add(r.toWrite()));
            historyRows.clear();
            byCollection.computeIfAbsent(MongoEndpointStore.HISTORY, k -> new ArrayList<>()).addAll(0, rows);
        }
        for (String name : ORDER) {
            List<WriteModel<Document>> writes = byCollection.remove(name);
            if (writes != null && !writes.isEmpty()) {
                db.getCollection(name).bulkWrite(writes, ORDERED);
            }
        }
        for (Map.Entry<String, List<WriteModel<Document>>> e : byCollection.entrySet()) {
            db.getCollection(e.getKey()).bulkWrite(e.getValue(), ORDERED);
        }
        byCollection.clear();
    }
}
