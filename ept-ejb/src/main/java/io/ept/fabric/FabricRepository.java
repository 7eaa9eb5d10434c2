package io.ept.fabric;

import io.ept.platform.KeyFilter;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.ObjectSchema;
import io.ept.security.SecretCipher;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import static com.mongodb.client.model.Filters.eq;

/**
 * Fabrics and their settings in MongoDB (collections {@code fabric} and {@code ept.settings}). Secret attributes
 * are encrypted before they are stored and are never part of {@link #apiView}.
 */
public class FabricRepository {

    public static final String FABRICS = "fabric";
    public static final String SETTINGS = "ept.settings";

    /**
     * Told after a fabric was created or deleted, or its settings changed, whoever made the change (API, UI, the
     * subscriber): what every node keeps in memory of the fabric must follow at once.
     */
    public interface ChangeListener {
        void fabricCreated(String fabric);

        void fabricDeleted(String fabric);

        void settingsChanged(String fabric);
    }

    private static final ChangeListener NO_LISTENER = new ChangeListener() {
        @Override
        public void fabricCreated(String fabric) {
        }

        @Override
        public void fabricDeleted(String fabric) {
        }

        @Override
        public void settingsChanged(String fabric) {
        }
    };

    private final MongoDatabase db;
    private final SecretCipher cipher;
    /** Told of every fabric event after it is stored (the live event feed). */
    private volatile BiConsumer<String, FabricEvent> eventListener = (fabric, event) -> { };
    private volatile ChangeListener changeListener = NO_LISTENER;

    public FabricRepository(MongoDatabase db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
        fabrics().createIndex(Indexes.ascending("fabric"), new IndexOptions().unique(true));
        settings().createIndex(Indexes.ascending("fabric", "settings"), new IndexOptions().unique(true));
    }

    public List<Document> listFabrics() {
        return fabrics().find().sort(Indexes.ascending("fabric")).into(new ArrayList<>());
    }

    public Optional<Document> fabric(String name) {
        return Optional.ofNullable(fabrics().find(eq("fabric", name)).first());
    }

    public Document requireFabric(String name) {
        return fabric(name).orElseThrow(() -> new FabricNotFoundException(name));
    }

    /** Creates the fabric and its default settings from already validated input. */
    public Document createFabric(Map<String, Object> input) {
        String name = (String) input.get("fabric");
        if (name == null || !name.matches(FabricSchemas.FABRIC_NAME_PATTERN)) {
            throw new IllegalArgumentException("fabric name required, matching " + FabricSchemas.FABRIC_NAME_PATTERN);
        }
        Document doc = new Document(FabricSchemas.FABRIC.defaults());
        doc.putAll(encryptSecrets(FabricSchemas.FABRIC, input));
        doc.put("restart_ts", 0.0);
        try {
            fabrics().insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new FabricExistsException(name);
            }
            throw e;
        }
        ensureSettings(name);
        changeListener.fabricCreated(name);
        return requireFabric(name);
    }

    public Document updateFabric(String name, Map<String, Object> changes) {
        requireFabric(name);
        if (!changes.isEmpty()) {
            fabrics().updateOne(eq("fabric", name), setAll(encryptSecrets(FabricSchemas.FABRIC, changes)));
        }
        return requireFabric(name);
    }

    /** Deletes the fabric, its settings and every ept.* / mo.* record that belongs to it. */
    public long deleteFabric(String name) {
        requireFabric(name);
        long removed = 0;
        for (String collection : db.listCollectionNames()) {
            if (collection.startsWith("ept.") || collection.startsWith("mo.")) {
                removed += db.getCollection(collection).deleteMany(eq("fabric", name)).getDeletedCount();
            }
        }
        removed += fabrics().deleteOne(eq("fabric", name)).getDeletedCount();
        changeListener.fabricDeleted(name);
        return removed;
    }

    public Document settings(String fabric) {
        requireFabric(fabric);
        return ensureSettings(fabric);
    }

    public Document updateSettings(String fabric, Map<String, Object> changes) {
        requireFabric(fabric); // no settings document for a fabric that does not exist
        ensureSettings(fabric);
        if (!changes.isEmpty()) {
            settings().updateOne(settingsKey(fabric), setAll(encryptSecrets(FabricSchemas.SETTINGS, changes)));
            changeListener.settingsChanged(fabric);
        }
        return settings(fabric);
    }

    /** EPT's own writes (auto_start, controllers, tz, overlay vnid...): no API validation of read-only fields. */
    public void setFabricFields(String fabric, Map<String, Object> values) {
        fabrics().updateOne(eq("fabric", fabric), setAll(values));
    }

    public void setSettingsFields(String fabric, Map<String, Object> values) {
        settings().updateOne(settingsKey(fabric), setAll(values));
        changeListener.settingsChanged(fabric);
    }

    /** Appends to the fabric event log, newest first, capped at the fabric's max_events. */
    public void addEvent(String fabric, FabricEvent event) {
        Document current = fabrics().find(eq("fabric", fabric)).first();
        if (current == null) {
            return;
        }
        int cap = current.get("max_events", Number.class) == null ? 1024 : current.get("max_events", Number.class).intValue();
        Document entry = new Document("timestamp", event.timestamp()).append("status", event.status())
                .append("description", event.description());
        fabrics().updateOne(eq("fabric", fabric), Updates.combine(
                Updates.pushEach("events", List.of(entry), new PushOptions().position(0).slice(cap)),
                Updates.inc("event_count", 1)));
        eventListener.accept(fabric, event);
    }

    public void setEventListener(BiConsumer<String, FabricEvent> listener) {
        this.eventListener = listener;
    }

    public void setChangeListener(ChangeListener listener) {
        this.changeListener = listener == null ? NO_LISTENER : listener;
    }

    public List<FabricEvent> events(String fabric) {
        List<FabricEvent> events = new ArrayList<>();
        for (Document e : requireFabric(fabric).getList("events", Document.class, List.of())) {
            events.add(new FabricEvent(e.get("timestamp", Number.class).doubleValue(), e.getString("status"),
                    e.getString("description")));
        }
        return events;
    }

    /** Encrypts a secret EPT keeps outside the fabric schemas (webhook secrets) with the same key. */
    public String encryptSecret(String plain) {
        return cipher.encrypt(plain);
    }

    /** The decrypted value of a secret attribute, for EPT's own use (APIC/SSH login, SMTP). */
    public String secret(Document doc, String attribute) {
        return cipher.decrypt(doc.getString(attribute));
    }

    /** What the API shows: no secrets, no hidden fields, no storage id. */
    public static Map<String, Object> apiView(ObjectSchema schema, Document doc) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (Attribute attribute : schema.attributes()) {
            if (attribute.secret() || attribute.hidden()) {
                continue;
            }
            view.put(attribute.name(), doc.getOrDefault(attribute.name(), attribute.defaultValue()));
        }
        return view;
    }

    private Document ensureSettings(String fabric) {
        Document existing = settings().find(settingsKey(fabric)).first();
        if (existing != null) {
            return existing;
        }
        Document doc = new Document(FabricSchemas.SETTINGS.defaults());
        doc.put("fabric", fabric);
        doc.put("settings", "default");
        try {
            settings().insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return settings().find(settingsKey(fabric)).first();
    }

    private Map<String, Object> encryptSecrets(ObjectSchema schema, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (Map.Entry<String, Object> entry : out.entrySet()) {
            Attribute attribute = schema.attribute(entry.getKey());
            if (attribute != null && attribute.secret() && entry.getValue() instanceof String s) {
                entry.setValue(cipher.encrypt(s));
            }
        }
        return out;
    }

    private static Bson setAll(Map<String, Object> values) {
        List<Bson> updates = new ArrayList<>();
        values.forEach((k, v) -> updates.add(Updates.set(k, v)));
        return Updates.combine(updates);
    }

    private static Bson settingsKey(String fabric) {
        return KeyFilter.exact("fabric", fabric, "settings", "default");
    }

    private MongoCollection<Document> fabrics() {
        return db.getCollection(FABRICS);
    }

    private MongoCollection<Document> settings() {
        return db.getCollection(SETTINGS);
    }
}
