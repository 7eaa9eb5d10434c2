package io.ept.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Server-side paging, sorting and filtering of one EPT collection for a data table of the UI, fast on collections
 * of 100K rows even on the embedded storage, which answers every query but an exact unique-key match by scanning
 * (and sorting in memory) the whole collection under the collection's lock. So the table is read once per base
 * filter (fabric, state) as a {@link Table}: the id and the filterable and sortable column values of every row,
 * without the store sorting anything. Column filters and sorts then run in memory on that table (100K rows take
 * tens of milliseconds), and a page is read by point lookups of its {@value #MAX_PAGE}-or-fewer ids, so neither a
 * filter, a sort nor paging scans the store. A table is shared by every viewer and kept at least
 * {@link #TABLE_MILLIS} (longer when it was slow to read); after that the next request still answers from it while
 * one re-read runs in the background, unless it is older than {@link #STALE_LIMIT_MILLIS}. Rows are read live;
 * a row deleted since the table was read is skipped.
 * <p>
 * Column filters are given as column field to filter text, sorts as {@link Sort}s of column fields: the UI's table
 * model only translates its widget's terms; the queries are built here.
 */
public class TableRows implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TableRows.class.getName());
    /** Rows one base filter can select at most (a count beyond shows as this many). */
    public static final int SNAPSHOT_CAP = 200_000;
    static final long TABLE_MILLIS = 15_000;
    static final long STALE_LIMIT_MILLIS = 300_000;
    static final int MAX_PAGE = 500;
    private static final int CACHED_TABLES = 8;

    /** How a table column filters and sorts: its storage path and filter kind. */
    public record Field(String path, FilterKind kind) {
    }

    public enum FilterKind { CONTAINS, EQUALS_TEXT, EQUALS_INT, MIN_INT, NONE }

    /** A sort on one column field. */
    public record Sort(String field, boolean descending) {
    }

    /**
     * The rows of one base filter, in storage order: ids and, per row, the value of each field path; and the row
     * order of each sort asked for so far, so that a filter only has to walk rows already in order.
     */
    record Table(List<Object> ids, List<Object[]> values, long readAt, long until, Map<String, int[]> orders) {
        Table(List<Object> ids, List<Object[]> values, long readAt, long until) {
            this(ids, values, readAt, until, new java.util.concurrent.ConcurrentHashMap<>());
        }

        int size() {
            return ids.size();
        }
    }

    /** Tables being read now, so that concurrent viewers share one read; guarded by itself. */
    private static final Map<String, CompletableFuture<Table>> READING = new HashMap<>();

    /**
     * Tables of every data table, keyed by collection, base filter and field paths; bounded by count, the least
     * used go first. Maintenance runs on the calling thread (no pool of the server's is borrowed).
     */
    private static final Cache<String, Table> TABLES = Caffeine.newBuilder().maximumSize(CACHED_TABLES)
            .executor(Runnable::run).build();

    private final String collectionName;
    private final transient Supplier<MongoCollection<Document>> collection;
    private final Supplier<TableScope> scope;
    private final Bson projection;
    private final Map<String, Field> fields;
    private final Bson defaultSort;
    /** Field paths in a fixed order: index i of a table row holds the value of paths.get(i). */
    private final List<String> paths;

    private Bson lastFilter = new Document();
    private Bson lastSort;
    private transient View lastView;

    /** The ids a filter and sort select from one table: remembered for the count and load of one request. */
    private record View(Table table, String filterKey, String sortKey, List<Object> ids) {
    }

    /**
     * @param scope           evaluated per load: what the page shows before the user's column filters (fabric, state)
     * @param include         the attributes a row is read with; null: all of them
     * @param firstEventOnly  rows are read with their newest event only (events sliced to one)
     * @param fields          column field (as in {@code <p:column field=...>}) to storage path and filter kind
     * @param newestFirstPath the path the rows are sorted on, descending, when the user chose no sort
     */
    public TableRows(String collectionName, Supplier<MongoCollection<Document>> collection, Supplier<TableScope> scope,
                     List<String> include, boolean firstEventOnly, Map<String, Field> fields, String newestFirstPath) {
        this.collectionName = collectionName;
        this.collection = collection;
        this.scope = scope;
        this.projection = include == null ? null : firstEventOnly
                ? Projections.fields(Projections.include(include), Projections.slice("events", 1)) : Projections.include(include);
        this.fields = fields;
        this.defaultSort = Sorts.descending(newestFirstPath);
        this.lastSort = defaultSort;
        List<String> all = new ArrayList<>();
        fields.values().forEach(f -> all.add(f.path()));
        if (defaultSort != null) {
            all.addAll(defaultSort.toBsonDocument().keySet());
        }
        this.paths = all.stream().distinct().sorted().toList();
    }

    /** How many rows pass the column filters ({@code filterBy}: column field to the text typed). */
    public int count(Map<String, String> filterBy) {
        // the count does not depend on the order: the order the next load most likely uses
        return view(filterBy, lastSort).ids().size();
    }

    /** One page of the rows that pass the column filters, in the sorts' order (the default when there are none). */
    public List<Document> load(int first, int pageSize, List<Sort> sortBy, Map<String, String> filterBy) {
        lastFilter = filter(filterBy);
        lastSort = sort(sortBy);
        List<Object> ids = view(filterBy, lastSort).ids();
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

    /** Forgets this table's rows, e.g. after its base filter changed or rows were deleted. */
    public void invalidate() {
        TABLES.asMap().keySet().removeIf(k -> k.startsWith(collectionName + "|"));
        lastView = null;
    }

    private View view(Map<String, String> filterBy, Bson sort) {
        Bson base = baseFilter();
        Table table = table(base == null ? new Document() : base);
        String filterKey = String.valueOf(filterValues(filterBy));
        String sortKey = sort == null ? "" : json(sort);
        View last = lastView;
        if (last != null && last.table() == table && last.filterKey().equals(filterKey) && last.sortKey().equals(sortKey)) {
            return last;
        }
        View fresh = new View(table, filterKey, sortKey, select(table, filterBy, sort));
        lastView = fresh;
        return fresh;
    }

    /** The ids of the rows that pass every column filter, in the sort's order (stable: storage order on ties). */
    List<Object> select(Table table, Map<String, String> filterBy, Bson sort) {
        List<Predicate<Object[]>> tests = new ArrayList<>();
        filterValues(filterBy).forEach((name, text) -> {
            Predicate<Object[]> test = test(fields.get(name), text);
            if (test != null) {
                tests.add(test);
            }
        });
        List<Integer> selected = new ArrayList<>();
        for (int row : order(table, sort)) {
            Object[] values = table.values().get(row);
            boolean pass = true;
            for (Predicate<Object[]> t : tests) {
                if (!t.test(values)) {
                    pass = false;
                    break;
                }
            }
            if (pass) {
                selected.add(row);
            }
        }
        List<Object> ids = new ArrayList<>(selected.size());
        for (int row : selected) {
            ids.add(table.ids().get(row));
        }
        return ids;
    }

    /** The user's column filters that apply: column field to trimmed text, in a stable order. */
    private Map<String, String> filterValues(Map<String, String> filterBy) {
        Map<String, String> values = new TreeMap<>();
        if (filterBy != null) {
            filterBy.forEach((name, value) -> {
                Field field = fields.get(name);
                String text = value == null ? "" : value.trim();
                if (field != null && field.kind() != FilterKind.NONE && !text.isEmpty()) {
                    values.put(name, text);
                }
            });
        }
        return values;
    }

    /** The in-memory twin of {@link #clause}: the same rows MongoDB's query selects. */
    private Predicate<Object[]> test(Field field, String text) {
        int column = paths.indexOf(field.path());
        return switch (field.kind()) {
            case CONTAINS -> {
                String lower = text.toLowerCase(Locale.ROOT);
                // a longer text than a regex may hold can only be the whole value (as the query does)
                yield text.length() > io.ept.query.SafeRegex.MAX_LENGTH ? v -> anyMatch(v[column], x -> text.equals(x))
                        : v -> anyMatch(v[column], x -> x instanceof String s && s.toLowerCase(Locale.ROOT).contains(lower));
            }
            case EQUALS_TEXT -> v -> anyMatch(v[column], x -> text.equals(x));
            case EQUALS_INT -> {
                Integer n = integer(text);
                int wanted = n == null ? -1 : n;
                yield v -> anyMatch(v[column], x -> x instanceof Number num && num.doubleValue() == wanted);
            }
            case MIN_INT -> {
                Integer n = integer(text);
                yield n == null ? null : v -> anyMatch(v[column], x -> x instanceof Number num && num.doubleValue() >= n);
            }
            case NONE -> null;
        };
    }

    /** A path into an array matches when any element does, as in MongoDB. */
    private static boolean anyMatch(Object value, Predicate<Object> test) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (test.test(element)) {
                    return true;
                }
            }
            return false;
        }
        return test.test(value);
    }

    /** The table's rows in the sort's order (stable: storage order on ties), computed once per table and sort. */
    private int[] order(Table table, Bson sort) {
        return table.orders().computeIfAbsent(sort == null ? "" : json(sort), k -> {
            List<Integer> rows = new ArrayList<>(table.size());
            for (int row = 0; row < table.size(); row++) {
                rows.add(row);
            }
            Comparator<Integer> order = comparator(table, sort);
            if (order != null) {
                rows.sort(order);
            }
            return rows.stream().mapToInt(Integer::intValue).toArray();
        });
    }

    private Comparator<Integer> comparator(Table table, Bson sort) {
        if (sort == null) {
            return null;
        }
        Comparator<Integer> order = null;
        for (Map.Entry<String, BsonValue> key : sort.toBsonDocument().entrySet()) {
            int column = paths.indexOf(key.getKey());
            if (column < 0) {
                continue;
            }
            Comparator<Integer> byKey = (a, b) -> compareValues(table.values().get(a)[column], table.values().get(b)[column]);
            if (key.getValue().isNumber() && key.getValue().asNumber().intValue() < 0) {
                byKey = byKey.reversed();
            }
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        return order;
    }

    /** MongoDB's order of mixed types for the values a column holds: missing and null, numbers, strings, booleans. */
    static int compareValues(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 1 -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case 2 -> ((String) a).compareTo((String) b);
            case 3 -> Boolean.compare((Boolean) a, (Boolean) b);
            case 4 -> a.toString().compareTo(b.toString());
            default -> 0;
        };
    }

    private static int rank(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number) {
            return 1;
        }
        if (v instanceof String) {
            return 2;
        }
        return v instanceof Boolean ? 3 : 4;
    }

    private Table table(Bson base) {
        String key = collectionName + "|" + json(base) + "|" + paths;
        long now = System.currentTimeMillis();
        CompletableFuture<Table> mine = new CompletableFuture<>();
        CompletableFuture<Table> running;
        MongoCollection<Document> source = collection.get();
        synchronized (READING) {
            Table cached = TABLES.getIfPresent(key);
            if (cached != null && now < cached.until()) {
                return cached;
            }
            running = READING.get(key);
            if (cached != null && now - cached.readAt() < STALE_LIMIT_MILLIS) {
                if (running == null) {
                    READING.put(key, mine);
                    refreshInBackground(key, source, base, mine);
                }
                return cached;
            }
            if (running == null) {
                READING.put(key, mine);
            }
        }
        if (running != null) {
            // a viewer asking for a table being read waits for it instead of scanning the collection again
            return running.join();
        }
        return readAndKeep(key, source, base, mine);
    }

    private Table readAndKeep(String key, MongoCollection<Document> source, Bson base, CompletableFuture<Table> mine) {
        try {
            Table fresh = read(source, base);
            TABLES.put(key, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (READING) {
                READING.remove(key);
            }
        }
    }

    private void refreshInBackground(String key, MongoCollection<Document> source, Bson base, CompletableFuture<Table> mine) {
        Runnable refresh = () -> {
            try {
                readAndKeep(key, source, base, mine);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "re-reading the rows of " + collectionName + " failed; the next request tries again", e);
            }
        };
        try {
            ExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
            executor.execute(refresh);
        } catch (NamingException | RuntimeException e) {
            // outside the server (unit tests): the common pool
            CompletableFuture.runAsync(refresh);
        }
    }

    /** One pass over the rows of the base filter in storage order: nothing for the store to sort. */
    private Table read(MongoCollection<Document> source, Bson base) {
        long started = System.currentTimeMillis();
        Document fieldsToRead = new Document("_id", 1);
        for (String path : paths) {
            String[] parts = path.split("\\.");
            // a path through the first element of an array (events.0.ts) needs only that element
            if (parts.length > 1 && parts[1].equals("0")) {
                fieldsToRead.putIfAbsent(parts[0], new Document("$slice", 1));
            } else {
                fieldsToRead.put(parts[0], 1);
            }
        }
        List<Object> ids = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        Map<Object, Object> shared = new HashMap<>();
        for (Document d : source.find(base).projection(fieldsToRead).limit(SNAPSHOT_CAP)) {
            ids.add(d.get("_id"));
            Object[] row = new Object[paths.size()];
            for (int i = 0; i < row.length; i++) {
                Object v = value(d, paths.get(i));
                // column values repeat (EPG, BD and interface names): one copy each
                row[i] = v instanceof String ? shared.computeIfAbsent(v, x -> x) : v;
            }
            values.add(row);
        }
        long now = System.currentTimeMillis();
        // a table that was slow to read is kept longer: rereading it would load the storage as long again
        return new Table(List.copyOf(ids), values, now, now + Math.max(TABLE_MILLIS, 4 * (now - started)));
    }

    /** The value at a dotted path; numeric parts index arrays, other parts of a path through an array map it. */
    static Object value(Object node, String path) {
        Object current = node;
        for (String part : path.split("\\.")) {
            current = step(current, part);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static Object step(Object current, String part) {
        if (current instanceof Map<?, ?> map) {
            return map.get(part);
        }
        if (current instanceof List<?> list) {
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(part);
                return index < list.size() ? list.get(index) : null;
            }
            List<Object> mapped = new ArrayList<>();
            for (Object element : list) {
                Object v = step(element, part);
                if (v != null) {
                    mapped.add(v);
                }
            }
            return mapped.isEmpty() ? null : mapped;
        }
        return null;
    }

    /** One point lookup per id (served by the _id index everywhere), in the view's order. */
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

    /** The key a row is found again by ({@link #row}). */
    public static String rowKey(Document row) {
        Object id = row.get("_id");
        return id == null ? null : id.toString();
    }

    /** The row of a key, read live; null when there is none. */
    public Document row(String rowKey) {
        if (rowKey == null || !ObjectId.isValid(rowKey)) {
            return null;
        }
        return collection.get().find(Filters.eq("_id", new ObjectId(rowKey))).projection(projection).first();
    }

    Bson filter(Map<String, String> filterBy) {
        List<Bson> clauses = new ArrayList<>();
        Bson base = baseFilter();
        if (base != null && !(base instanceof BsonDocument d && d.isEmpty())) {
            clauses.add(base);
        }
        if (filterBy != null) {
            filterBy.forEach((name, value) -> {
                Bson clause = clause(name, value);
                if (clause != null) {
                    clauses.add(clause);
                }
            });
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
    private Bson sort(List<Sort> sortBy) {
        List<Bson> orders = new ArrayList<>();
        if (sortBy != null) {
            for (Sort by : sortBy) {
                Field field = fields.get(by.field());
                if (field == null) {
                    continue;
                }
                orders.add(by.descending() ? Sorts.descending(field.path()) : Sorts.ascending(field.path()));
            }
        }
        if (orders.isEmpty()) {
            return defaultSort;
        }
        return Sorts.orderBy(orders);
    }

    private Bson baseFilter() {
        TableScope current = scope.get();
        return current == null ? null : current.filter();
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
