package io.ept.query;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query options of every bulk route (ept-reference 5.1): filter, sort ({@code attr|asc,attr2|desc}), page
 * (0-based), page-size (default 10000, max 75000), count, include (projection; key attributes always kept).
 */
public record BulkQuery(Bson filter, Bson sort, int page, int pageSize, boolean countOnly, List<String> include) {

    public static final int DEFAULT_PAGE_SIZE = 10_000;
    public static final int MAX_PAGE_SIZE = 75_000;
    public static final long MAX_WINDOW = 50_000_000L;
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    public static BulkQuery parse(String filter, String sort, String page, String pageSize, String count, String include) {
        int pageNumber = integer("page", page, 0);
        int size = integer("page-size", pageSize, DEFAULT_PAGE_SIZE);
        if (pageNumber < 0) {
            throw new FilterSyntaxException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new FilterSyntaxException("page-size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) pageNumber * size > MAX_WINDOW) {
            throw new FilterSyntaxException("page * page-size must not exceed " + MAX_WINDOW);
        }
        return new BulkQuery(FilterParser.parse(filter), sort(sort), pageNumber, size,
                count != null && !"false".equalsIgnoreCase(count) && !"0".equals(count), attributes(include));
    }

    public List<Document> run(MongoCollection<Document> collection, List<String> keyAttributes) {
        FindIterable<Document> find = collection.find(filter).skip(page * pageSize).limit(pageSize)
                .batchSize(io.ept.platform.KeyFilter.BATCH_SIZE);
        if (sort != null) {
            find.sort(sort);
        }
        if (!include.isEmpty()) {
            List<String> fields = new ArrayList<>(include);
            keyAttributes.stream().filter(k -> !fields.contains(k)).forEach(fields::add);
            find.projection(Projections.include(fields));
        }
        return find.into(new ArrayList<>());
    }

    public long count(MongoCollection<Document> collection) {
        return collection.countDocuments(filter);
    }

    private static Bson sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        List<Bson> orders = new ArrayList<>();
        for (String part : sort.split(",")) {
            String[] pieces = part.trim().split("\\|");
            String attribute = pieces[0].trim();
            if (!ATTRIBUTE.matcher(attribute).matches()) {
                throw new FilterSyntaxException("invalid sort attribute '" + attribute + "'");
            }
            String direction = pieces.length > 1 ? pieces[1].trim().toLowerCase() : "asc";
            switch (direction) {
                case "asc" -> orders.add(Sorts.ascending(attribute));
                case "desc" -> orders.add(Sorts.descending(attribute));
                default -> throw new FilterSyntaxException("sort direction must be asc or desc, got '" + direction + "'");
            }
        }
        return Sorts.orderBy(orders);
    }

    private static List<String> attributes(String include) {
        if (include == null || include.isBlank()) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (String field : include.split(",")) {
            String f = field.trim();
            if (!ATTRIBUTE.matcher(f).matches()) {
                throw new FilterSyntaxException("invalid include attribute '" + f + "'");
            }
            fields.add(f);
        }
        return fields;
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException(name + " must be an integer, got '" + value + "'");
        }
    }
}
