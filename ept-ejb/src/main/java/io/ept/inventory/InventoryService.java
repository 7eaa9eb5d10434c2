package io.ept.inventory;

import com.mongodb.client.model.Filters;
import io.ept.endpoint.EventLog;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.fabric.FabricRepository;
import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the inventory history: a table at a time, an object's versions, and the configuration changes that touched
 * an endpoint (its nodes, EPGs, BDs and their subnets) while EPT knew it.
 */
@ApplicationScoped
public class InventoryService {

    public static final Map<String, String> TABLES = Map.of("node", "ept.node", "tunnel", "ept.tunnel", "vpc", "ept.vpc",
            "pc", "ept.pc", "vnid", "ept.vnid", "epg", "ept.epg", "subnet", "ept.subnet");
    public static final int MAX_ROWS = 5000;

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    /** A configuration change: at {@code ts} the object appeared, changed (to {@code row}) or was removed. */
    public record Change(double ts, String table, Object key, String change, Document row) {
    }

    public static String table(String name) {
        String table = TABLES.get(name);
        if (table == null) {
            throw new io.ept.domain.InvalidValueException("table", "table must be one of " + new java.util.TreeSet<>(TABLES.keySet()));
        }
        return table;
    }

    private InventoryHistory history() {
        return new InventoryHistory(infrastructure.database());
    }

    public List<Document> at(String fabric, String tableName, Double ts) {
        fabrics.requireFabric(fabric);
        return history().at(fabric, table(tableName), ts, MAX_ROWS);
    }

    public List<Document> versions(String fabric, String tableName, String key) {
        fabrics.requireFabric(fabric);
        String table = table(tableName);
        Object typedKey = key;
        if ("ept.node".equals(table)) {
            try {
                typedKey = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw new io.ept.domain.InvalidValueException("key", "a node key is its id, e.g. 101");
            }
        }
        return history().versions(fabric, table, typedKey);
    }

    /** Changes of the endpoint's nodes, EPGs, BDs and their subnets since its first recorded event, newest first. */
    public List<Change> changesTouching(String fabric, int vnid, String addr) {
        fabrics.requireFabric(fabric);
        var db = infrastructure.database();
        Document endpoint = db.getCollection(MongoEndpointStore.ENDPOINT).find(Filters.and(Filters.eq("fabric", fabric),
                Filters.eq("vnid", vnid), Filters.eq("addr", addr))).first();
        if (endpoint == null) {
            return List.of();
        }
        EventLog.attach(db, MongoEndpointStore.ENDPOINT, endpoint);
        Set<Integer> nodes = new LinkedHashSet<>(endpoint.getList("nodes", Integer.class, List.of()));
        Set<String> epgs = new LinkedHashSet<>();
        double from = Double.MAX_VALUE;
        for (Document e : endpoint.getList("events", Document.class, List.of())) {
            if (e.get("node") instanceof Number n && n.intValue() != 0) {
                nodes.add(n.intValue());
            }
            if (e.getString("epg_name") != null && !e.getString("epg_name").isEmpty()) {
                epgs.add(e.getString("epg_name"));
            }
            if (e.get("ts") instanceof Number ts) {
                from = Math.min(from, ts.doubleValue());
            }
        }
        if (from == Double.MAX_VALUE) {
            return List.of();
        }
        Set<Integer> bdVnids = new HashSet<>();
        if ("mac".equals(endpoint.getString("type"))) {
            bdVnids.add(vnid);
        }
        for (Document epg : db.getCollection("ept.epg").find(Filters.and(Filters.eq("fabric", fabric), Filters.in("name", epgs)))) {
            if (epg.get("bd") instanceof Number bd && bd.intValue() != 0) {
                bdVnids.add(bd.intValue());
            }
        }
        double until = System.currentTimeMillis() / 1000.0;
        InventoryHistory h = history();
        List<Change> changes = new ArrayList<>();
        // matched on the versions' content, so that BDs and subnets removed since are found too
        changes.addAll(changes(h.changes(fabric, "ept.node", List.copyOf(nodes), from, until), from, until));
        changes.addAll(changes(h.changes(fabric, "ept.epg", List.copyOf(epgs), from, until), from, until));
        if (!bdVnids.isEmpty()) {
            changes.addAll(changes(h.changes(fabric, "ept.vnid", Filters.in("row.vnid", bdVnids), from, until), from, until));
            changes.addAll(changes(h.changes(fabric, "ept.subnet", Filters.in("row.bd", bdVnids), from, until), from, until));
        }
        changes.sort(Comparator.comparingDouble(Change::ts).reversed());
        return changes;
    }

    /** Versions that began or ended in [from, until] as appeared / changed / removed events. */
    static List<Change> changes(List<Document> versions, double from, double until) {
        Set<String> starts = new HashSet<>();
        Set<String> ends = new HashSet<>();
        for (Document v : versions) {
            starts.add(v.get("key") + "@" + v.get("active_from"));
            if (v.get("active_until") != null) {
                ends.add(v.get("key") + "@" + v.get("active_until"));
            }
        }
        List<Change> out = new ArrayList<>();
        for (Document v : versions) {
            String table = v.getString("table").substring(4);
            double start = v.get("active_from", Number.class).doubleValue();
            if (start >= from && start <= until) {
                boolean replaced = ends.contains(v.get("key") + "@" + v.get("active_from"));
                out.add(new Change(start, table, v.get("key"), replaced ? "changed" : "appeared", v.get("row", Document.class)));
            }
            Number end = v.get("active_until", Number.class);
            if (end != null && end.doubleValue() >= from && end.doubleValue() <= until
                    && !starts.contains(v.get("key") + "@" + v.get("active_until"))) {
                out.add(new Change(end.doubleValue(), table, v.get("key"), "removed", v.get("row", Document.class)));
            }
        }
        return out;
    }
}
