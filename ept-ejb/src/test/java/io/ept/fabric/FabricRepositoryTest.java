package io.ept.fabric;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.ept.fabric.schema.ValidationException;
import io.ept.security.SecretCipher;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a MongoDB-wire-protocol server over a socket (mongo-java-server), as EPT runs embedded. */
class FabricRepositoryTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private FabricRepository repository;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        db = client.getDatabase("ept");
        repository = new FabricRepository(db, new SecretCipher(new byte[32]));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private Map<String, Object> create(Map<String, ?> body) {
        return FabricSchemas.FABRIC.validateInput(body, Set.of("fabric"));
    }

    @Test
    void updatingSettingsOfAMissingFabricCreatesNothing() {
        assertThrows(FabricNotFoundException.class, () -> repository.updateSettings("no-such-fabric", java.util.Map.of()));
        assertEquals(0, db.getCollection("ept.settings").countDocuments(new org.bson.Document("fabric", "no-such-fabric")),
                "no settings document for a fabric that does not exist (found by ApiFuzzIT)");
    }

    @Test
    void createFillsDefaultsAndCreatesDefaultSettings() {
        Document fabric = repository.createFabric(create(Map.of("fabric", "fab1", "apic_hostname", "10.0.0.1")));
        assertEquals("admin", fabric.getString("apic_username"));
        assertEquals(60L, fabric.get("subscription_refresh_time", Number.class).longValue());
        assertEquals(5400L, fabric.get("session_timeout", Number.class).longValue());
        assertEquals(Boolean.FALSE, fabric.getBoolean("auto_start"));
        Document settings = repository.settings("fab1");
        assertEquals(2048L, settings.get("rapid_threshold", Number.class).longValue());
        assertEquals(Boolean.TRUE, settings.getBoolean("analyze_move"));
        assertEquals("direct", settings.getString("smtp_type"));
    }

    @Test
    void duplicateFabricIsRejected() {
        repository.createFabric(create(Map.of("fabric", "fab1")));
        assertThrows(FabricExistsException.class, () -> repository.createFabric(create(Map.of("fabric", "fab1"))));
    }

    @Test
    void secretsAreEncryptedAtRestAndNeverInTheApiView() {
        repository.createFabric(create(Map.of("fabric", "fab1", "apic_password", "s3cret!")));
        Document stored = db.getCollection("fabric").find().first();
        assertNotEquals("s3cret!", stored.getString("apic_password"));
        assertTrue(SecretCipher.isEncrypted(stored.getString("apic_password")));
        assertEquals("s3cret!", repository.secret(stored, "apic_password"));
        Map<String, Object> view = FabricRepository.apiView(FabricSchemas.FABRIC, stored);
        assertFalse(view.containsKey("apic_password"));
        assertFalse(view.toString().contains("s3cret"));
    }

    @Test
    void validationNamesTheAttributeAndTheRule() {
        ValidationException range = assertThrows(ValidationException.class,
                () -> FabricSchemas.FABRIC.validateInput(Map.of("session_timeout", 10), Set.of()));
        assertTrue(range.getMessage().contains("session_timeout") && range.getMessage().contains("900"), range.getMessage());
        ValidationException unknown = assertThrows(ValidationException.class,
                () -> FabricSchemas.FABRIC.validateInput(Map.of("bogus", 1), Set.of()));
        assertTrue(unknown.getMessage().contains("bogus"));
        ValidationException readOnly = assertThrows(ValidationException.class,
                () -> FabricSchemas.FABRIC.validateInput(Map.of("auto_start", true), Set.of()));
        assertTrue(readOnly.getMessage().contains("read-only"));
        assertThrows(ValidationException.class, () -> create(Map.of("fabric", "bad name with spaces")));
        assertThrows(ValidationException.class,
                () -> FabricSchemas.SETTINGS.validateInput(Map.of("smtp_type", "pigeon"), Set.of()));
        assertThrows(ValidationException.class,
                () -> FabricSchemas.SETTINGS.validateInput(Map.of("analyze_move", "yes"), Set.of()));
        assertEquals(Map.of("rapid_threshold", 1024L),
                FabricSchemas.SETTINGS.validateInput(Map.of("rapid_threshold", 1024.0), Set.of()));
    }

    @Test
    void eventLogIsNewestFirstAndCappedAtMaxEvents() {
        repository.createFabric(create(Map.of("fabric", "fab1", "max_events", 5)));
        for (int i = 0; i < 8; i++) {
            repository.addEvent("fab1", new FabricEvent(1000 + i, "running", "event " + i));
        }
        List<FabricEvent> events = repository.events("fab1");
        assertEquals(5, events.size());
        assertEquals("event 7", events.get(0).description());
        assertEquals("event 3", events.get(4).description());
        assertEquals(8, repository.requireFabric("fab1").get("event_count", Number.class).intValue());
    }

    @Test
    void deleteCascadesToEveryRecordOfTheFabricOnly() {
        repository.createFabric(create(Map.of("fabric", "fab1")));
        repository.createFabric(create(Map.of("fabric", "fab2")));
        db.getCollection("ept.endpoint").insertMany(List.of(new Document("fabric", "fab1").append("addr", "a"),
                new Document("fabric", "fab2").append("addr", "b")));
        db.getCollection("mo.fvbd").insertOne(new Document("fabric", "fab1").append("dn", "uni/tn-a/BD-b"));
        repository.deleteFabric("fab1");
        assertTrue(repository.fabric("fab1").isEmpty());
        assertEquals(0, db.getCollection("ept.endpoint").countDocuments(new Document("fabric", "fab1")));
        assertEquals(1, db.getCollection("ept.endpoint").countDocuments(new Document("fabric", "fab2")));
        assertEquals(0, db.getCollection("mo.fvbd").countDocuments());
        assertEquals(0, db.getCollection("ept.settings").countDocuments(new Document("fabric", "fab1")));
        assertThrows(FabricNotFoundException.class, () -> repository.deleteFabric("fab1"));
    }
}
