package io.ept.application;

import io.ept.endpoint.EventLog;
import io.ept.messaging.QueueStatsRecorder;
import io.ept.platform.Infrastructure;
import io.ept.query.BulkQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads of EPT's own records (the ept.* collections), of the queue statistics and of the local copies of APIC
 * objects (mo.*): bulk queries and single records by their full key, each an exact unique-index lookup. Rows of
 * the collections kept as an event log (issue 16) come back with their event lists.
 */
@ApplicationScoped
public class RecordQueries {

    /** Record class (ept.&lt;name&gt;) to the attributes that identify one record (its dn). */
    public static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("node", List.of("fabric", "node")),
            Map.entry("tunnel", List.of("fabric", "name")),
            Map.entry("vnid", List.of("fabric", "name")),
            Map.entry("epg", List.of("fabric", "name")),
            Map.entry("subnet", List.of("fabric", "name")),
            Map.entry("vpc", List.of("fabric", "name")),
            Map.entry("pc", List.of("fabric", "name")),
            Map.entry("settings", List.of("fabric", "settings")),
            Map.entry("endpoint", List.of("fabric", "vnid", "addr")),
            Map.entry("move", List.of("fabric", "vnid", "addr")),
            Map.entry("rapid", List.of("fabric", "vnid", "addr")),
            Map.entry("history", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("offsubnet", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("stale", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("remediate", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("queue", List.of("proc", "queue")));

    /** The keys of the local copies of APIC objects. */
    public static final List<String> MO_KEYS = List.of("fabric", "dn");

    private static final Pattern MO_CLASS = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{1,63}");

    @Inject
    Infrastructure infrastructure;

    /**
     * A bulk read of ept.{@code name} (a key of {@link #KEYS}); {@code filter} and {@code sort} are the query's
     * expressions as given, checked against what an event-log row holds. Event lists are attached per chunk of
     * rows (one _id $in each) when the query returns events.
     */
    public BulkRead bulk(String name, BulkQuery query, String filter, String sort) {
        String collection = "ept." + name;
        List<String> keys = KEYS.get(name);
        if (keys == null) {
            throw new IllegalArgumentException("unknown class '" + collection + "'");
        }
        BulkQuery rows = EventLog.query(collection, query, filter, sort);
        boolean events = EventLog.logged(collection) && EventLog.wantsEvents(rows);
        boolean dropCount = events && !query.include().isEmpty() && !query.include().contains("count");
        return BulkRead.of(infrastructure.database().getCollection(collection), rows, keys, docs -> {
            if (events) {
                EventLog.attach(infrastructure.database(), collection, docs, 0);
                if (dropCount) {
                    docs.forEach(d -> d.remove("count"));
                }
            }
            return docs;
        });
    }

    /** A bulk read of the local copies of one APIC class. */
    public BulkRead mo(String className, BulkQuery query) {
        return BulkRead.of(infrastructure.database().getCollection(moCollection(className)), query, MO_KEYS);
    }

    /** One local copy of an APIC object. */
    public Optional<Document> mo(String className, String fabric, String dn) {
        return Optional.ofNullable(infrastructure.database().getCollection(moCollection(className))
                .find(new Document("fabric", fabric).append("dn", dn)).first());
    }

    /** mo.&lt;class in lower case&gt;; a class name that is not one refuses the request (400). */
    public static String moCollection(String className) {
        if (!MO_CLASS.matcher(className).matches()) {
            throw new IllegalArgumentException("invalid class name '" + className + "'");
        }
        return "mo." + className.toLowerCase();
    }

    /** A per-node record (history, offsubnet, stale or remediate). */
    public Optional<Document> perNode(String name, String fabric, int node, int vnid, String addr) {
        return one(name, new Document("fabric", fabric).append("node", node).append("vnid", vnid).append("addr", addr));
    }

    /** A per-endpoint record (endpoint, move or rapid). */
    public Optional<Document> perEndpoint(String name, String fabric, int vnid, String addr) {
        return one(name, new Document("fabric", fabric).append("vnid", vnid).append("addr", addr));
    }

    /** One node of the fabric. */
    public Optional<Document> node(String fabric, int node) {
        return one("node", new Document("fabric", fabric).append("node", node));
    }

    /** One row of a mirror table (tunnel, vnid, epg, subnet, vpc, pc) by its name. */
    public Optional<Document> named(String name, String fabric, String rowName) {
        return one(name, new Document("fabric", fabric).append("name", rowName));
    }

    /**
     * How a record's key reads in a not-found message: the key without the fabric, as JSON, e.g.
     * {@code {"node": 101, "vnid": 1, "addr": "10.0.0.1"}}.
     */
    public static String describeKey(Map<String, Object> key) {
        Document shown = new Document(key);
        shown.remove("fabric");
        return shown.toJson();
    }

    private Optional<Document> one(String name, Document key) {
        Document doc = infrastructure.database().getCollection("ept." + name).find(key).first();
        return Optional.ofNullable(EventLog.attach(infrastructure.database(), "ept." + name, doc));
    }

    /** The statistics of one queue as recorded by one EPT node. */
    public Optional<Document> queue(String proc, String queue) {
        return Optional.ofNullable(infrastructure.database().getCollection(QueueStatsRecorder.COLLECTION)
                .find(new Document("proc", proc).append("queue", queue)).first());
    }

    /** Every queue's totals (no history), by process and queue name. */
    public List<Document> queueTotals() {
        return infrastructure.database().getCollection(QueueStatsRecorder.COLLECTION).find()
                .projection(new Document("proc", 1).append("queue", 1).append("start_timestamp", 1)
                        .append("total_tx_msg", 1).append("total_rx_msg", 1).append("qlen", 1))
                .sort(new Document("proc", 1).append("queue", 1)).into(new ArrayList<>());
    }

    /** One interval series (e.g. stats_1min) of a queue, stored newest first; empty when there is none. */
    public List<Document> queueSeries(String proc, String queue, String interval) {
        Document doc = infrastructure.database().getCollection(QueueStatsRecorder.COLLECTION)
                .find(new Document("proc", proc).append("queue", queue)).projection(new Document(interval, 1)).first();
        return new ArrayList<>(doc == null ? List.of() : doc.getList(interval, Document.class, List.of()));
    }
}
