package io.ept.monitor;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer of {@code ept.rejected}: what the APIC sent that EPT could not use (malformed or oversize
 * websocket frames, epm objects whose dn does not parse), kept for diagnosis but bounded, since the APIC decides how
 * much of it there is. Each record is truncated (a frame to {@link #MAX_TEXT} characters, at most
 * {@link #MAX_ATTRIBUTES} attributes of at most {@link #MAX_VALUE} characters each) and a fabric keeps at most
 * {@code maxPerFabric} records: the oldest are deleted as new ones arrive (never more than the bound after a write).
 */
public final class RejectedRecords {

    public static final String COLLECTION = "ept.rejected";
    public static final int DEFAULT_MAX_PER_FABRIC = 1000;
    static final int MAX_TEXT = 4096;
    static final int MAX_VALUE = 512;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_REASON = 1024;
    /** Most records deleted in one trim below the bound (a flood trims once per this many records). */
    static final int TRIM_EVERY = 32;

    private final String fabric;
    private final MongoDatabase database;
    private final int maxPerFabric;
    private long stored = -1;
    private final AtomicLong total = new AtomicLong();

    public RejectedRecords(String fabric, MongoDatabase database, int maxPerFabric) {
        this.fabric = fabric;
        this.database = database; // the collection is looked up when first written (tests build without storage)
        this.maxPerFabric = Math.max(1, maxPerFabric);
    }

    /** Records rejected since this writer was made. */
    public long total() {
        return total.get();
    }

    /** A websocket frame that could not be used. */
    public void frame(String frame, String reason, double ts) {
        Document doc = new Document("fabric", fabric).append("_id", new ObjectId());
        putText(doc, "frame", frame);
        write(doc.append("reason", truncate(reason, MAX_REASON)).append("ts", ts));
    }

    /** An APIC object (class and attributes) that could not be used. */
    public void object(String className, Map<String, String> attributes, String reason, double ts) {
        Document attrs = new Document();
        int kept = 0;
        for (Map.Entry<String, String> e : new LinkedHashMap<>(attributes).entrySet()) {
            if (kept++ >= MAX_ATTRIBUTES) {
                attrs.append("_truncated", true);
                break;
            }
            // keys become Mongo field names: no dots or leading $ (they would be refused or nest)
            String key = truncate(e.getKey(), 64).replace('.', '_').replace('$', '_');
            attrs.append(key, truncate(e.getValue(), MAX_VALUE));
        }
        write(new Document("fabric", fabric).append("_id", new ObjectId()).append("classname", truncate(className, 128))
                .append("attributes", attrs).append("reason", truncate(reason, MAX_REASON)).append("ts", ts));
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }

    private synchronized void write(Document doc) {
        total.incrementAndGet();
        MongoCollection<Document> collection = collection();
        // records stored for the fabric: counted once, then tracked, so the bound costs no count per insert
        if (stored < 0) {
            stored = collection.countDocuments(new Document("fabric", fabric));
        }
        if (stored >= maxPerFabric) {
            // room first, so a reader never sees more than the bound; a little below it, so a flood trims once per
            // TRIM_EVERY records, not on each
            int keep = maxPerFabric - Math.max(1, Math.min(TRIM_EVERY, maxPerFabric / 10));
            trim(keep);
            stored = keep;
        }
        collection.insertOne(doc);
        stored++;
    }

    /** Deletes the fabric's oldest records beyond the bound. */
    synchronized void trim() {
        trim(maxPerFabric);
        stored = -1;
    }

    private void trim(int keep) {
        MongoCollection<Document> collection = collection();
        Document filter = new Document("fabric", fabric);
        if (keep <= 0) {
            collection.deleteMany(filter);
            return;
        }
        Document oldestKept = collection.find(filter).sort(new Document("_id", -1)).skip(keep - 1).limit(1).first();
        if (oldestKept != null) {
            collection.deleteMany(new Document("fabric", fabric).append("_id", new Document("$lt", oldestKept.get("_id"))));
        }
    }

    private static void putText(Document doc, String field, String text) {
        String value = text == null ? "" : text;
        doc.append(field, truncate(value, MAX_TEXT));
        if (value.length() > MAX_TEXT) {
            doc.append("truncated", true).append("length", value.length());
        }
    }

    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
