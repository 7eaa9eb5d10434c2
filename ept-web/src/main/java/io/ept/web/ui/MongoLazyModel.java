package io.ept.web.ui;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.io.Serial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Server-side paging, sorting and filtering of one EPT collection for a PrimeFaces data table, fast on collections
 * of 100K rows even on the embedded storage, which answers every query but an exact unique-key match by scanning
 * the collection. One query per filter and sort reads the matching row ids in order (a "snapshot", kept at least
 * {@link #SNAPSHOT_MILLIS}, longer when it was slow to read, and shared by every viewer); its size is the row
 * count, and a page is then read by
 * point lookups of its {@value #MAX_PAGE}-or-fewer ids, so paging never scans. Rows are read live; a row deleted
 * since the snapshot is skipped.
 */
public class MongoLazyModel extends LazyDataModel<Document> {

    @Serial
    private static final long serialVersionUID = 1L;
    /** Rows one filter can select at most (a count beyond shows as this many). */
    public static final int SNAPSHOT_CAP = 200_000;
    static final long SNAPSHOT_MILLIS = 15_000;
    static final int MAX_PAGE = 500;
    private static final int CACHED_SNAPSHOTS = 16;

    /** How a table column filters and sorts: its storage path and filter kind. */
    public record Field(String path, FilterKind kind) {
    }

    public enum FilterKind { CONTAINS, EQUALS_TEXT, EQUALS_INT, MIN_INT, NONE }

    private record Snapshot(List<Object> ids, long until) {
    }

    /** Snapshots being read now, so that concurrent viewers of the same table share one read. */
    private static final Map<String, CompletableFuture<Snapshot>> READING = new HashMap<>();

    /** Snapshots of every table, keyed by collection, filter and sort; the oldest go first. */
    private static final Map<String, Snapshot> SNAPSHOTS = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > CACHED_SNAPSHOTS;
        }
    };

    private final String collectionName;
    private final transient Supplier<MongoCollection<Document>> collection;
    private final Supplier<Bson> baseFilter;
    private final Bson projection;
    private final Map<String, Field> fields;
    private final Bson defaultSort;

    private Bson lastFilter = new Document();
    private Bson lastSort;

    /**
     * @param baseFilter evaluated per load: what the page shows before the user's column filters (fabric, state)
     * @param fields     column field (as in {@code <p:column field=...>}) to storage path and filter kind
     */
    public MongoLazyModel(String collectionName, Supplier<MongoCollection<Document>> collection, Supplier<Bson> baseFilter,
                          Bson projection, Map<String, Field> fields, Bson defaultSort) {
        this.collectionName = collectionName;
        this.collection = collection;
        this.baseFilter = baseFilter;
        this.projection = projection;
        this.fields = fields;
        this.defaultSort = defaultSort;
        this.lastSort = defaultSort;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        // the count does not depend on the order: the snapshot the next load will most likely use
        return snapshot(filter(filterBy), lastSort).size();
    }

    @Override
    public List<Document> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastFilter = filter(filterBy);
        lastSort = sort(sortBy);
        List<Object> ids = snapshot(lastFilter, lastSort);
        int from = Math.min(Math.max(0, first), ids.size());
        int to = Math.min(ids.size(), from + Math.min(pageSize, MAX_PAGE));
        return rows(ids.subList(from, to));
    }

    /** Every row the table selects now (filters and sort), up to {@code limit}: the CSV download. */
    public List<Document> current(int limit) {
        var find = collection.get().find(lastFilter).limit(limit);
        if (projection != null) {
            find.projection(projection);
        }
        if (lastSort != null) {
            find.sort(lastSort).allowDiskUse(true);
        }
        return find.into(new ArrayList<>());
    }

    /** Forgets this table's snapshots, e.g. after its base filter changed or rows were deleted. */
    public void invalidate() {
        synchronized (SNAPSHOTS) {
            SNAPSHOTS.keySet().removeIf(k -> k.startsWith(collectionName + "|"));
        }
    }

    private List<Object> snapshot(Bson filter, Bson sort) {
        String key = collectionName + "|" + json(filter) + "|" + (sort == null ? "" : json(sort));
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running;
        synchronized (SNAPSHOTS) {
            Snapshot cached = SNAPSHOTS.get(key);
            if (cached != null && System.currentTimeMillis() < cached.until()) {
                return cached.ids();
            }
            // a viewer asking for a snapshot being read waits for it instead of scanning the collection again
            running = READING.putIfAbsent(key, mine);
        }
        if (running != null) {
            return running.join().ids();
        }
        try {
            Snapshot fresh = read(filter, sort);
            synchronized (SNAPSHOTS) {
                SNAPSHOTS.put(key, fresh);
            }
            mine.complete(fresh);
            return fresh.ids();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (SNAPSHOTS) {
                READING.remove(key);
            }
        }
    }

    private Snapshot read(Bson filter, Bson sort) {
        long started = System.currentTimeMillis();
        var find = collection.get().find(filter).projection(Projections.include("_id")).limit(SNAPSHOT_CAP);
        if (sort != null) {
            find.sort(sort).allowDiskUse(true); // MongoDB sorts unindexed paths in memory, 100 MB at most otherwise
        }
        List<Object> ids = new ArrayList<>();
        for (Document d : find) {
            ids.add(d.get("_id"));
        }
        long now = System.currentTimeMillis();
        // a snapshot that was slow to read is kept longer: rereading it would load the storage as long again
        return new Snapshot(List.copyOf(ids), now + Math.max(SNAPSHOT_MILLIS, 4 * (now - started)));
    }

    /** One point lookup per id (served by the _id index everywhere), in the snapshot's order. */
    private List<Document> rows(List<Object> ids) {
        List<Document> rows = new ArrayList<>(ids.size());
        for (Object id : ids) {
            var find = collection.get().find(Filters.eq("_id", id));
            if (projection != null) {
                find.projection(projection);
            }
            Document row = find.first();
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public String getRowKey(Document row) {
        Object id = row.get("_id");
        return id == null ? null : id.toString();
    }

    @Override
    public Document getRowData(String rowKey) {
        if (rowKey == null || !ObjectId.isValid(rowKey)) {
            return null;
        }
        return collection.get().find(Filters.eq("_id", new ObjectId(rowKey))).projection(projection).first();
    }

    Bson filter(Map<String, FilterMeta> filterBy) {
        List<Bson> clauses = new ArrayList<>();
        Bson base = baseFilter.get();
        if (base != null && !(base instanceof BsonDocument d && d.isEmpty())) {
            clauses.add(base);
        }
        if (filterBy != null) {
            for (FilterMeta meta : filterBy.values()) {
                Bson clause = clause(meta.getField(), meta.getFilterValue());
                if (clause != null) {
                    clauses.add(clause);
                }
            }
        }
        return clauses.isEmpty() ? new Document() : clauses.size() == 1 ? clauses.get(0) : Filters.and(clauses);
    }

    private Bson clause(String name, Object value) {
        Field field = fields.get(name);
        String text = value == null ? "" : value.toString().trim();
        if (field == null || text.isEmpty()) {
            return null;
        }
        return switch (field.kind()) {
            // a quoted literal (\Q...\E, understood by java.util.regex and PCRE alike) cannot backtrack beyond
            // length x text; the length is bounded too, and a longer text can only be the whole value
            case CONTAINS -> text.length() > io.ept.query.SafeRegex.MAX_LENGTH ? Filters.eq(field.path(), text)
                    : Filters.regex(field.path(), java.util.regex.Pattern.quote(text), "i");
            case EQUALS_TEXT -> Filters.eq(field.path(), text);
            case EQUALS_INT -> integer(text) == null ? Filters.eq(field.path(), -1) : Filters.eq(field.path(), integer(text));
            case MIN_INT -> integer(text) == null ? null : Filters.gte(field.path(), integer(text));
            case NONE -> null;
        };
    }

    /**
     * The user's sort, else the default. (The embedded storage sorts a path into an array, like events.0.ts, by
     * the array's largest value when descending, which is the newest event, as intended, and by its smallest when
     * ascending; MongoDB sorts by the first element both ways.)
     */
    private Bson sort(Map<String, SortMeta> sortBy) {
        List<Bson> orders = new ArrayList<>();
        if (sortBy != null) {
            for (SortMeta meta : sortBy.values()) {
                Field field = fields.get(meta.getField());
                if (field == null || meta.getOrder() == SortOrder.UNSORTED) {
                    continue;
                }
                orders.add(meta.getOrder() == SortOrder.DESCENDING ? Sorts.descending(field.path()) : Sorts.ascending(field.path()));
            }
        }
        if (orders.isEmpty()) {
            return defaultSort;
        }
        return Sorts.orderBy(orders);
    }

    private static String json(Bson bson) {
        return bson.toBsonDocument().toJson();
    }

    private static Integer integer(String text) {
        try {
            return Integer.parseInt(text.replace("(", "").replace(")", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
