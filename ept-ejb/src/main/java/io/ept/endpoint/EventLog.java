package io.ept.endpoint;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event lists of ept.history, ept.endpoint and ept.move rows (issue 16). Each event is a small insert-only
 * document of its own collection ({@code <row collection>_event}, e.g. {@code ept.history_event}) with
 * {@code _id = "<row _id>|<seq>"}, where {@code seq} is the row's running count when the event was pushed (1 for the
 * first). The row itself keeps its scalars, {@code count}, {@code first_seq} (the oldest seq within the cap) and
 * only its newest event(s) in {@code events} (what the analysis, the UI tables and {@code events.0.*} filters read),
 * so writing an event costs an insert of ~0.5 KB and a rewrite of a ~1 KB row instead of the rewrite of a 64-event
 * (~25 KB) row. Readers that show the whole list ({@link #attach}) fetch seqs {@code first_seq..count} by exact
 * {@code _id $in}, answered from the _id index by the embedded server and by MongoDB.
 *
 * <p>Events beyond the cap are deleted lazily and in bulk: when a push reaches a multiple of the cap, the seqs one
 * to two caps back are deleted in the batch's single delete call, so a row has at most two caps of event documents.
 */
public final class EventLog {

    /** Newest events each row keeps in its own {@code events} array. */
    public static final Map<String, Integer> ON_ROW = Map.of(MongoEndpointStore.HISTORY, 1,
            MongoEndpointStore.ENDPOINT, 2, MongoEndpointStore.MOVE, 1);
    /** Largest cap the settings allow (max_per_node_endpoint_events, max_endpoint_events are ≤ 8192). */
    static final int MAX_CAP = 8192;
    static final String FIRST_SEQ = "first_seq";

    private EventLog() {
    }

    public static String collection(String rowCollection) {
        return rowCollection + "_event";
    }

    public static boolean logged(String rowCollection) {
        return ON_ROW.containsKey(rowCollection);
    }

    public static String id(String rowId, long seq) {
        return rowId + "|" + seq;
    }

    /** The event document of {@code event}, pushed as number {@code seq} onto the row {@code row} (its keys). */
    static Document doc(String rowId, long seq, Document rowKeys, Document event) {
        Document d = new Document("_id", id(rowId, seq));
        rowKeys.forEach(d::append);
        return d.append("seq", seq).append("event", event);
    }

    /** The oldest seq a row of {@code count} events shows with cap {@code cap}. */
    static long firstSeq(long count, int cap) {
        return Math.max(1, count - Math.max(cap, 1) + 1);
    }

    /** Seqs to delete when {@code seq} was pushed (lazy trim): the second cap back, once per cap. */
    static List<Long> trimmed(long seq, int cap) {
        if (cap <= 0 || seq % cap != 0 || seq <= cap) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (long s = Math.max(1, seq - 2L * cap + 1); s <= seq - cap; s++) {
            out.add(s);
        }
        return out;
    }

    /** Inserts event documents (unordered); an event already stored under its id (a retried batch) is kept. */
    static void insert(MongoDatabase db, String collection, List<Document> docs) {
        if (docs.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(docs.size());
        docs.forEach(d -> writes.add(new InsertOneModel<>(d)));
        try {
            db.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != 11000) {
                    throw e;
                }
            }
        }
    }

    static void delete(MongoDatabase db, String collection, Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            db.getCollection(collection).deleteMany(Filters.in("_id", all.subList(from, Math.min(all.size(), from + CHUNK))));
        }
    }

    /** Deletes every event document a row of {@code count} events may have (at most two caps). */
    static long deleteRow(MongoDatabase db, String rowCollection, String rowId, long count) {
        if (count <= 0) {
            return 0;
        }
        List<String> ids = new ArrayList<>();
        for (long s = Math.max(1, count - 2L * MAX_CAP + 1); s <= count; s++) {
            ids.add(id(rowId, s));
        }
        long removed = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            removed += db.getCollection(collection(rowCollection))
                    .deleteMany(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + CHUNK)))).getDeletedCount();
        }
        return removed;
    }

    private static final int CHUNK = 1000;

    /**
     * Gives {@code rows} (documents of {@code rowCollection}) their whole event list, newest first and capped, from
     * the event documents: seqs {@code first_seq..count}, at most {@code limit} of them (0: all). Rows without
     * {@code first_seq} (not migrated) keep their list. Removes {@code first_seq}. Returns the rows.
     */
    public static List<Document> attach(MongoDatabase db, String rowCollection, List<Document> rows, int limit) {
        if (!logged(rowCollection) || rows.isEmpty()) {
            return rows;
        }
        Map<String, Document> byEventId = new HashMap<>();
        Map<Document, List<String>> wanted = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Document row : rows) {
            Object first = row.remove(FIRST_SEQ);
            if (!(first instanceof Number f) || !(row.get("count") instanceof Number c) || !(row.get("_id") instanceof String rowId)) {
                continue;
            }
            List<String> rowIds = new ArrayList<>();
            for (long s = c.longValue(); s >= f.longValue() && (limit <= 0 || rowIds.size() < limit); s--) {
                rowIds.add(id(rowId, s));
            }
            wanted.put(row, rowIds);
            ids.addAll(rowIds);
        }
        for (int from = 0; from < ids.size(); from += CHUNK) {
            for (Document d : db.getCollection(collection(rowCollection))
                    .find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + CHUNK))))) {
                byEventId.put(d.getString("_id"), d.get("event", Document.class));
            }
        }
        wanted.forEach((row, rowIds) -> {
            List<Document> events = new ArrayList<>(rowIds.size());
            for (String id : rowIds) {
                Document e = byEventId.get(id);
                if (e != null) {
                    events.add(e);
                }
            }
            if (!events.isEmpty() || rowIds.isEmpty()) {
                row.put("events", events);
            }
        });
        return rows;
    }

    public static Document attach(MongoDatabase db, String rowCollection, Document row) {
        if (row != null) {
            attach(db, rowCollection, List.of(row), 0);
        }
        return row;
    }

    /**
     * The bulk query of a row collection adjusted to the event-log layout: refuses (400) filters and sorts on
     * events the row does not hold, and when {@code include} names events also includes what {@link #attach} needs.
     */
    public static io.ept.query.BulkQuery query(String rowCollection, io.ept.query.BulkQuery q, String filter, String sort) {
        if (!logged(rowCollection)) {
            return q;
        }
        for (String expression : new String[]{filter, sort}) {
            String bad = unsupportedPath(rowCollection, expression);
            if (bad != null) {
                throw new io.ept.query.FilterSyntaxException("'" + bad + "': filters and sorts on the events of "
                        + rowCollection + " can use events.0" + (ON_ROW.get(rowCollection) > 1 ? " to events."
                        + (ON_ROW.get(rowCollection) - 1) : "") + " (the newest), not older events or any-element paths");
            }
        }
        if (wantsEvents(q)) {
            List<String> include = new ArrayList<>(q.include());
            for (String f : List.of("count", FIRST_SEQ)) {
                if (!include.isEmpty() && !include.contains(f)) {
                    include.add(f);
                }
            }
            return new io.ept.query.BulkQuery(q.filter(), q.sort(), q.page(), q.pageSize(), q.countOnly(), include);
        }
        return q;
    }

    /** Whether the rows a query returns carry their events (no include list, or one that names them). */
    public static boolean wantsEvents(io.ept.query.BulkQuery q) {
        return q.include().isEmpty() || q.include().stream().anyMatch(f -> f.equals("events") || f.startsWith("events."));
    }

    /**
     * Filter or sort paths into the events of a row that the row no longer holds ({@code events.N.*} with N at or
     * beyond what {@link #ON_ROW} keeps, or {@code events.x} matching any element); null if none.
     */
    public static String unsupportedPath(String rowCollection, String expression) {
        Integer onRow = ON_ROW.get(rowCollection);
        if (onRow == null || expression == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_.])events\\.([A-Za-z0-9_]+)").matcher(expression);
        while (m.find()) {
            String part = m.group(1);
            if (!part.chars().allMatch(Character::isDigit) || part.length() > 4 || Integer.parseInt(part) >= onRow) {
                return m.group();
            }
        }
        return null;
    }
}
