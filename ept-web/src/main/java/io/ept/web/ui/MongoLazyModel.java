package io.ept.web.ui;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Server-side paging, sorting and filtering of one EPT collection for a PrimeFaces data table. Only the page shown
 * is read (skip/limit, events trimmed to the newest), counts are capped at {@link #COUNT_CAP} and cached briefly
 * per filter: the embedded storage scans a collection for every non-key query, so a table of 100K rows must not
 * read or count it more than needed.
 */
public class MongoLazyModel extends LazyDataModel<Document> {

    @Serial
    private static final long serialVersionUID = 1L;
    public static final int COUNT_CAP = 1_000_000;
    private static final long COUNT_CACHE_MILLIS = 10_000;

    /** How a table column filters and sorts: its storage path and filter kind. */
    public record Field(String path, FilterKind kind) {
    }

    public enum FilterKind { CONTAINS, EQUALS_TEXT, EQUALS_INT, MIN_INT, NONE }

    private final transient Supplier<MongoCollection<Document>> collection;
    private final Supplier<Bson> baseFilter;
    private final Bson projection;
    private final Map<String, Field> fields;
    private final Bson defaultSort;

    private Bson lastFilter = new Document();
    private Bson lastSort;
    private String countKey;
    private long countAt;
    private int cachedCount;

    /**
     * @param baseFilter evaluated per load: what the page shows before the user's column filters (fabric, state)
     * @param fields     column field (as in {@code <p:column field=...>}) to storage path and filter kind
     */
    public MongoLazyModel(Supplier<MongoCollection<Document>> collection, Supplier<Bson> baseFilter, Bson projection,
                          Map<String, Field> fields, Bson defaultSort) {
        this.collection = collection;
        this.baseFilter = baseFilter;
        this.projection = projection;
        this.fields = fields;
        this.defaultSort = defaultSort;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        Bson filter = filter(filterBy);
        String key = filter.toBsonDocument().toJson();
        long now = System.currentTimeMillis();
        if (!key.equals(countKey) || now - countAt > COUNT_CACHE_MILLIS) {
            cachedCount = (int) collection.get().countDocuments(filter, new CountOptions().limit(COUNT_CAP));
            countKey = key;
            countAt = now;
        }
        return cachedCount;
    }

    @Override
    public List<Document> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        lastFilter = filter(filterBy);
        lastSort = sort(sortBy);
        var find = collection.get().find(lastFilter).skip(first).limit(pageSize);
        if (projection != null) {
            find.projection(projection);
        }
        if (lastSort != null) {
            find.sort(lastSort);
        }
        return find.into(new ArrayList<>());
    }

    /** Every row matching what the table shows now (filters and sort), up to {@code limit}: the CSV download. */
    public List<Document> current(int limit) {
        var find = collection.get().find(lastFilter).limit(limit);
        if (projection != null) {
            find.projection(projection);
        }
        if (lastSort != null) {
            find.sort(lastSort);
        }
        return find.into(new ArrayList<>());
    }

    /** Drops the cached count, e.g. after the base filter changed. */
    public void invalidate() {
        countKey = null;
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
            case CONTAINS -> Filters.regex(field.path(), java.util.regex.Pattern.quote(text), "i");
            case EQUALS_TEXT -> Filters.eq(field.path(), text);
            case EQUALS_INT -> integer(text) == null ? Filters.eq(field.path(), -1) : Filters.eq(field.path(), integer(text));
            case MIN_INT -> integer(text) == null ? null : Filters.gte(field.path(), integer(text));
            case NONE -> null;
        };
    }

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

    private static Integer integer(String text) {
        try {
            return Integer.parseInt(text.replace("(", "").replace(")", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
