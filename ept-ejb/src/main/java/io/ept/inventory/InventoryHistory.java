package io.ept.inventory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Writes and reads the versions of a fabric's configuration objects (collection {@value #COLLECTION}: fabric,
 * table, key, active_from, active_until, row). The monitor's mirror calls {@link #record} with a table's full
 * current content whenever it rewrote that table; objects are keyed as in the table (node id, or name/dn).
 */
public final class InventoryHistory {
    private static final Logger LOG = Logger.getLogger(InventoryHistory.class.getName());
    public static final String COLLECTION = "ept.inventory";
    public static final List<String> TABLES = List.of("ept.node", "ept.tunnel", "ept.vpc", "ept.pc", "ept.vnid", "ept.epg",
            "ept.subnet");

    private final MongoDatabase db;

    public InventoryHistory(MongoDatabase db) {
        this.db = db;
    }

    public static void ensureIndexes(MongoDatabase db) {
        MongoCollection<Document> c = db.getCollection(COLLECTION);
        c.createIndex(Indexes.ascending("fabric", "table", "key"));
        c.createIndex(Indexes.ascending("fabric", "table", "active_until"));
    }

    /** Closes the versions that ended and opens the new ones at {@code ts}; failures are logged, never thrown. */
    public void record(String fabric, String table, Map<Object, Document> current, double ts) {
        try {
            MongoCollection<Document> c = db.getCollection(COLLECTION);
            Map<Object, Document> open = new HashMap<>();
            for (Document v : c.find(Filters.and(Filters.eq("fabric", fabric), Filters.eq("table", table),
                    Filters.eq("active_until", null)))) {
                open.put(v.get("key"), v.get("row", Document.class));
            }
            InventoryVersions.Change change = InventoryVersions.diff(open, current);
            if (change.isEmpty()) {
                return;
            }
            if (!change.closed().isEmpty()) {
                c.updateMany(Filters.and(Filters.eq("fabric", fabric), Filters.eq("table", table),
                        Filters.in("key", change.closed()), Filters.eq("active_until", null)), Updates.set("active_until", ts));
            }
            if (!change.opened().isEmpty()) {
                List<Document> versions = new ArrayList<>();
                String key = keyOf(table);
                for (Document row : change.opened()) {
                    versions.add(new Document("fabric", fabric).append("table", table).append("key", row.get(key))
                            .append("active_from", ts).append("active_until", null)
                            .append("row", InventoryVersions.stripped(row)));
                }
                c.insertMany(versions);
            }
        } catch (RuntimeException e) {
            LOG.warning("fabric " + fabric + ": inventory history of " + table + " not recorded: " + e);
        }
    }

    /** Versions of the table active at {@code ts} (all open ones when ts is null). */
    public List<Document> at(String fabric, String table, Double ts, int limit) {
        Bson filter = ts == null
                ? Filters.and(Filters.eq("fabric", fabric), Filters.eq("table", table), Filters.eq("active_until", null))
                : Filters.and(Filters.eq("fabric", fabric), Filters.eq("table", table), Filters.lte("active_from", ts),
                Filters.or(Filters.eq("active_until", null), Filters.gt("active_until", ts)));
        return db.getCollection(COLLECTION).find(filter).sort(Sorts.ascending("key")).limit(limit).into(new ArrayList<>());
    }

    /** Every version of one object, oldest first. */
    public List<Document> versions(String fabric, String table, Object key) {
        return db.getCollection(COLLECTION).find(Filters.and(Filters.eq("fabric", fabric), Filters.eq("table", table),
                Filters.eq("key", key))).sort(Sorts.ascending("active_from")).into(new ArrayList<>());
    }

    /** Versions of the given objects that began or ended within [from, until], newest first (an endpoint's timeline). */
    public List<Document> changes(String fabric, String table, List<?> keys, double from, double until) {
        return keys.isEmpty() ? List.of() : changes(fabric, table, Filters.in("key", keys), from, until);
    }

    /**
     * Versions of the table's objects matching {@code match} (on key or on {@code row.<attribute>}, so objects removed
     * since are found too) that began or ended within [from, until], newest first.
     */
    public List<Document> changes(String fabric, String table, Bson match, double from, double until) {
        return db.getCollection(COLLECTION).find(Filters.and(Filters.eq("fabric", fabric), Filters.eq("table", table), match,
                        Filters.or(Filters.and(Filters.gte("active_from", from), Filters.lte("active_from", until)),
                                Filters.and(Filters.gte("active_until", from), Filters.lte("active_until", until)))))
                .sort(Sorts.descending("active_from")).limit(200).into(new ArrayList<>());
    }

    public static String keyOf(String table) {
        return "ept.node".equals(table) ? "node" : "name";
    }
}
