package io.ept.platform;

import org.bson.Document;

/**
 * Equality filters that the embedded MongoDB-protocol server can answer from a unique index. The driver renders
 * {@code Filters.and(eq(a, x), eq(b, y))} as {@code {$and: [{a: x}, {b: y}]}}, which mongo-java-server never
 * matches to an index (it only uses an index whose fields are exactly the query's top-level fields, each an equality
 * or $in): such a query scans the whole collection. A plain {@code {a: x, b: y}} is the same query for MongoDB
 * and an index lookup for the embedded server.
 */
public final class KeyFilter {

    /**
     * Documents per reply for reads that may return many rows. Without it the embedded server answers a query with
     * all matching rows in one reply, and a reply over 48 MB (200K tunnels of a large fabric) fails.
     */
    public static final int BATCH_SIZE = 5000;

    private KeyFilter() {
    }

    /** {@code {field: value, field2: value2, ...}}; arguments are alternating field names and values. */
    public static Document exact(String field, Object value, Object... more) {
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values must alternate");
        }
        Document filter = new Document(field, value);
        for (int i = 0; i < more.length; i += 2) {
            filter.append((String) more[i], more[i + 1]);
        }
        return filter;
    }
}
