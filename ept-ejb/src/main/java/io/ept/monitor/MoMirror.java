package io.ept.monitor;

import io.ept.platform.KeyFilter;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.ept.apic.ApicMo;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static com.mongodb.client.model.Filters.eq;

/**
 * A fabric's mirror of the APIC configuration: raw copies in {@code mo.<class>} and the derived lookup tables.
 * After the initial build, configuration events update the copies and only the rows that changed are written;
 * each changed table is announced so every node's workers drop their cached lookups.
 */
public final class MoMirror {

    private final String fabric;
    private final MonitorEnvironment env;
    private final BiConsumer<String, String> flushAnnouncer;
    private final Map<String, Map<String, ApicMo>> objects = new HashMap<>();
    private final Map<String, MirrorTable> tables = new HashMap<>();

    /** @param flushAnnouncer called with (fabric, collection) for every table that changed */
    private io.ept.inventory.InventoryHistory history;

    public MoMirror(String fabric, MonitorEnvironment env, BiConsumer<String, String> flushAnnouncer) {
        this.fabric = fabric;
        this.env = env;
        this.flushAnnouncer = flushAnnouncer;
    }

    /**
     * Start-up: replaces the copies and tables with what was just read from the APIC; {@code keepAlive} runs between
     * the steps (each class's copies, each table), which take minutes on a design-size fabric.
     */
    public void replaceAll(Map<String, List<ApicMo>> byClass, double ts, Runnable keepAlive) {
        objects.clear();
        for (Map.Entry<String, List<ApicMo>> entry : byClass.entrySet()) {
            Map<String, ApicMo> byDn = new LinkedHashMap<>();
            for (ApicMo mo : entry.getValue()) {
                byDn.put(mo.dn(), mo);
            }
            objects.put(entry.getKey(), byDn);
            if (ApicClasses.CONFIG.contains(entry.getKey()) || ApicClasses.OPTIONAL_CONFIG.contains(entry.getKey())) {
                writeCopies(entry.getKey(), entry.getValue(), ts, keepAlive);
            }
        }
        tables.clear();
        Map<String, List<Document>> built = new TopologyBuilder(fabric, classes(), ts).build();
        for (String table : TopologyBuilder.COLLECTIONS) {
            MongoCollection<Document> collection = env.database().getCollection(table);
            ensureIndexes(table, collection);
            collection.deleteMany(eq("fabric", fabric));
            List<Document> rows = built.get(table);
            if (!rows.isEmpty()) {
                collection.insertMany(rows.stream().map(Document::new).toList());
            }
            Map<Object, Document> byKey = new HashMap<>();
            MirrorTable remembered = new MirrorTable();
            for (Document row : rows) {
                byKey.put(row.get(keyOf(table)), row);
                remembered.put(row.get(keyOf(table)), MirrorTable.content(row));
            }
            tables.put(table, remembered);
            history().record(fabric, table, byKey, ts);
            flushAnnouncer.accept(fabric, table);
            keepAlive.run();
        }
    }

    /** Applies configuration events (created/modified/deleted, modified ones merged) and writes what changed. */
    public Set<String> apply(List<ApicMo> events, double ts) {
        for (ApicMo event : events) {
            writeCopy(event.className(), event.dn(), remember(event), ts);
        }
        return rebuildTables(ts);
    }

    /**
     * Applies one event to the objects in memory only (classes with their own handlers, not copied to mo.*);
     * returns the object after it (null: deleted).
     */
    public ApicMo remember(ApicMo event) {
        Map<String, ApicMo> byDn = objects.computeIfAbsent(event.className(), k -> new LinkedHashMap<>());
        ApicMo current = byDn.get(event.dn());
        ApicMo next;
        if ("deleted".equals(event.status())) {
            byDn.remove(event.dn());
            next = null;
        } else if ("modified".equals(event.status()) && current != null) {
            Map<String, String> merged = new LinkedHashMap<>(current.attributes());
            event.attributes().forEach((k, v) -> {
                if (!Set.of("status", "childAction", "rn").contains(k)) {
                    merged.put(k, v);
                }
            });
            next = new ApicMo(event.className(), merged, current.children());
        } else {
            Map<String, String> attributes = new LinkedHashMap<>(event.attributes());
            attributes.remove("status");
            attributes.remove("childAction");
            attributes.remove("rn");
            next = new ApicMo(event.className(), attributes, event.children());
        }
        if (next != null) {
            byDn.put(next.dn(), next);
        }
        return next;
    }

    /**
     * The events that turn the mirrored objects of a class into {@code fresh} (a re-read after a websocket gap), as
     * the APIC would have sent them: created with every attribute for a new object, modified with only the changed
     * attributes, deleted for an object the APIC no longer has.
     */
    public List<ApicMo> differences(String className, List<ApicMo> fresh) {
        Map<String, ApicMo> known = objects.getOrDefault(className, Map.of());
        List<ApicMo> events = new ArrayList<>();
        Set<String> freshDns = new java.util.HashSet<>();
        for (ApicMo mo : fresh) {
            freshDns.add(mo.dn());
            ApicMo current = known.get(mo.dn());
            if (current == null) {
                Map<String, String> attributes = new LinkedHashMap<>(mo.attributes());
                attributes.put("status", "created");
                events.add(new ApicMo(className, attributes, mo.children()));
                continue;
            }
            Map<String, String> changed = new LinkedHashMap<>();
            mo.attributes().forEach((k, v) -> {
                if (!Set.of("status", "childAction", "rn").contains(k) && !v.equals(current.attr(k))) {
                    changed.put(k, v);
                }
            });
            if (!changed.isEmpty() || !mo.children().equals(current.children())) {
                changed.put("dn", mo.dn());
                changed.put("status", "modified");
                events.add(new ApicMo(className, changed, mo.children()));
            }
        }
        for (String dn : known.keySet()) {
            if (!freshDns.contains(dn)) {
                events.add(new ApicMo(className, Map.of("dn", dn, "status", "deleted"), List.of()));
            }
        }
        return events;
    }

    /** Whether this object is known (a modified event for an unknown object is re-read from the APIC). */
    public boolean knows(String className, String dn) {
        return objects.getOrDefault(className, Map.of()).containsKey(dn);
    }

    /** Replaces the node-related classes after a soft reset and rewrites what changed. */
    public Set<String> replaceClasses(Map<String, List<ApicMo>> byClass, double ts) {
        for (Map.Entry<String, List<ApicMo>> entry : byClass.entrySet()) {
            Map<String, ApicMo> byDn = new LinkedHashMap<>();
            entry.getValue().forEach(mo -> byDn.put(mo.dn(), mo));
            objects.put(entry.getKey(), byDn);
        }
        return rebuildTables(ts);
    }

    /** Whether the table has rows (the build needs nodes). */
    public boolean hasRows(String table) {
        MirrorTable rows = tables.get(table);
        return rows != null && !rows.isEmpty();
    }

    /** A row of a table as last written (a copy, without its {@code ts}), or null. */
    public Document row(String table, Object key) {
        MirrorTable rows = tables.get(table);
        return rows == null ? null : rows.get(key);
    }

    /** Records a change the caller wrote to a row itself, so the next rebuild compares against it. */
    public void updateRow(String table, Object key, String field, Object value) {
        Document row = row(table, key);
        if (row != null) {
            row.put(field, value);
            tables.get(table).put(key, MirrorTable.content(row));
        }
    }

    private Set<String> rebuildTables(double ts) {
        Map<String, List<Document>> built = new TopologyBuilder(fabric, classes(), ts).build();
        Set<String> changed = new java.util.LinkedHashSet<>();
        for (String table : TopologyBuilder.COLLECTIONS) {
            if (writeDiff(table, built.get(table), ts)) {
                changed.add(table);
                flushAnnouncer.accept(fabric, table);
            }
        }
        return changed;
    }

    private boolean writeDiff(String table, List<Document> rows, double ts) {
        String key = keyOf(table);
        MirrorTable old = tables.computeIfAbsent(table, k -> new MirrorTable());
        MirrorTable next = new MirrorTable();
        Map<Object, Document> current = new HashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document row : rows) {
            Object id = row.get(key);
            byte[] content = MirrorTable.content(row);
            next.put(id, content);
            current.put(id, row);
            if (!old.holds(id, content)) {
                writes.add(new ReplaceOneModel<>(KeyFilter.exact("fabric", fabric, key, id), new Document(row),
                        new ReplaceOptions().upsert(true)));
            }
        }
        for (Object id : old.keys()) {
            if (!next.contains(id)) {
                writes.add(new DeleteOneModel<>(KeyFilter.exact("fabric", fabric, key, id)));
            }
        }
        tables.put(table, next);
        if (writes.isEmpty()) {
            return false;
        }
        env.database().getCollection(table).bulkWrite(writes);
        history().record(fabric, table, current, ts);
        return true;
    }

    /** Versions of the tables with active_from/active_until (issue 20's inventory history). */
    private io.ept.inventory.InventoryHistory history() {
        if (history == null) {
            io.ept.inventory.InventoryHistory.ensureIndexes(env.database());
            history = new io.ept.inventory.InventoryHistory(env.database());
        }
        return history;
    }

    private Map<String, List<ApicMo>> classes() {
        Map<String, List<ApicMo>> byClass = new HashMap<>();
        objects.forEach((cls, byDn) -> byClass.put(cls, new ArrayList<>(byDn.values())));
        return byClass;
    }

    private void writeCopies(String className, List<ApicMo> mos, double ts, Runnable keepAlive) {
        MongoCollection<Document> copies = env.database().getCollection(copyCollection(className));
        copies.createIndex(Indexes.ascending("fabric", "dn"), new IndexOptions().unique(true));
        copies.deleteMany(eq("fabric", fabric));
        List<Document> docs = new ArrayList<>(mos.size());
        for (ApicMo mo : mos) {
            docs.add(copy(mo, ts));
            if (docs.size() == 10_000) {
                copies.insertMany(docs);
                docs.clear();
                keepAlive.run();
            }
        }
        if (!docs.isEmpty()) {
            copies.insertMany(docs);
        }
        keepAlive.run();
    }

    private void writeCopy(String className, String dn, ApicMo mo, double ts) {
        MongoCollection<Document> copies = env.database().getCollection(copyCollection(className));
        if (mo == null) {
            copies.deleteOne(KeyFilter.exact("fabric", fabric, "dn", dn));
        } else {
            copies.replaceOne(KeyFilter.exact("fabric", fabric, "dn", dn), copy(mo, ts), new ReplaceOptions().upsert(true));
        }
    }

    private Document copy(ApicMo mo, double ts) {
        Document doc = new Document("fabric", fabric);
        mo.attributes().forEach(doc::append);
        doc.append("dn", mo.dn()).append("parent", Dns.parent(mo.dn())).append("ts", ts);
        return doc;
    }

    static String copyCollection(String className) {
        return "mo." + className.toLowerCase(Locale.ROOT);
    }

    static String keyOf(String table) {
        return "ept.node".equals(table) ? "node" : "name";
    }

    private static void ensureIndexes(String table, MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("fabric", keyOf(table)), new IndexOptions().unique(true));
        switch (table) {
            case "ept.tunnel", "ept.vpc", "ept.pc" -> collection.createIndex(Indexes.ascending("fabric", "node", "intf"));
            case "ept.vnid" -> collection.createIndex(Indexes.ascending("fabric", "vnid"));
            case "ept.epg" -> collection.createIndex(Indexes.ascending("fabric", "vrf", "pctag"));
            case "ept.subnet" -> collection.createIndex(Indexes.ascending("fabric", "bd"));
            default -> { }
        }
    }
}
