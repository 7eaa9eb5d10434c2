package io.ept.fabric;

import io.ept.analysis.model.Setting;
import io.ept.analysis.model.Settings;
import io.ept.endpoint.SettingsLoader;
import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.AttributeType;
import io.ept.fabric.schema.ValidationException;
import io.ept.platform.config.AnalysisTimerConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The API's settings schema, the stored defaults and loading all follow the one declaration of each setting. */
class SettingsSchemaTest {

    @Test
    void theSchemaHasEveryStoredSettingAsDeclared() {
        for (Setting setting : Setting.values()) {
            Attribute a = FabricSchemas.SETTINGS.attribute(setting.key());
            if (setting.access() == Setting.Access.INTERNAL) {
                assertNull(a, setting.key() + " is internal");
                continue;
            }
            assertNotNull(a, setting.key());
            Object expectedDefault = setting.defaultValue() instanceof Integer i ? (Object) i.longValue() : setting.defaultValue();
            assertEquals(expectedDefault, a.defaultValue(), setting.key());
            assertEquals(setting.min(), a.min(), setting.key());
            assertEquals(setting.max(), a.max(), setting.key());
            assertEquals(setting.allowed(), a.allowed(), setting.key());
            assertEquals(setting.pattern(), a.pattern(), setting.key());
            assertEquals(setting.access() == Setting.Access.SECRET, a.secret(), setting.key());
            assertEquals(setting.access() == Setting.Access.HIDDEN, a.hidden(), setting.key());
            assertEquals(setting.access() == Setting.Access.READ_ONLY, a.readOnly(), setting.key());
            assertEquals(setting.label(), a.form() == null ? "" : a.form().label(), setting.key());
        }
        // besides the settings, only the object's key
        assertEquals(Setting.stored().size() + 2, FabricSchemas.SETTINGS.attributes().size());
        assertEquals(AttributeType.INTEGER, FabricSchemas.SETTINGS.attribute("rapid_threshold").type());
        assertEquals(2048L, FabricSchemas.SETTINGS.defaults().get("rapid_threshold"));
    }

    @Test
    void validationErrorsComeFromTheDeclaration() {
        assertEquals("attribute 'rapid_threshold' must be between 512 and 65536, got 100", error(Map.of("rapid_threshold", 100)));
        assertEquals("attribute 'max_per_node_endpoint_events' must be between 8 and 1024, got 2000",
                error(Map.of("max_per_node_endpoint_events", 2000)));
        assertEquals("attribute 'rapid_threshold' must be an integer", error(Map.of("rapid_threshold", "2048")));
        assertEquals("attribute 'analyze_move' must be true or false", error(Map.of("analyze_move", "yes")));
        assertEquals("attribute 'smtp_type' must be one of [direct, relay]", error(Map.of("smtp_type", "pigeon")));
        assertEquals("attribute 'syslog_server' value 'a b' does not match ^([a-zA-Z0-9\\-_\\.\\+]+)?$",
                error(Map.of("syslog_server", "a b")));
        assertEquals("unknown attribute 'bogus' for ept.settings", error(Map.of("bogus", 1)));
        assertEquals("unknown attribute 'transitory_stale' for ept.settings", error(Map.of("transitory_stale", 1)));
        assertEquals("unknown attribute 'overlay_vnid' for ept.settings", error(Map.of("overlay_vnid", 1)));
        assertEquals("attribute 'tz' of ept.settings is read-only", error(Map.of("tz", "UTC")));
        assertEquals(Map.of("rapid_threshold", 65536L, "smtp_relay_server", "RELAY.example.com"),
                FabricSchemas.SETTINGS.validateInput(Map.of("rapid_threshold", 65536, "smtp_relay_server", "RELAY.example.com"), Set.of()));
    }

    private static String error(Map<String, ?> input) {
        return assertThrows(ValidationException.class, () -> FabricSchemas.SETTINGS.validateInput(input, Set.of())).getMessage();
    }

    @Test
    void aNewFabricsStoredDefaultsLoadAsTheAnalysisDefaults() {
        Document stored = new Document(FabricSchemas.SETTINGS.defaults());
        Settings loaded = SettingsLoader.fromDocument(stored, null, new AnalysisTimerConfig());
        for (Setting setting : Setting.values()) {
            assertEquals(Settings.defaults().get(setting), loaded.get(setting), setting.key());
        }
    }

    @Test
    void loadingTakesStoredValuesThePasswordGivenAndConfiguredTimers() {
        Document stored = new Document(FabricSchemas.SETTINGS.defaults())
                .append("rapid_threshold", 512L).append("notify_move_syslog", true)
                .append("smtp_relay_password", "ciphertext").append("syslog_port", "bad");
        AnalysisTimerConfig timers = new AnalysisTimerConfig();
        timers.transitoryStale = Optional.of(3.0);
        Settings s = SettingsLoader.fromDocument(stored, "secret", timers);
        assertEquals(512, s.rapidThreshold());
        assertEquals(true, s.notifyMoveSyslog());
        assertEquals("secret", s.smtpRelayPassword());
        assertEquals(514, s.syslogPort(), "a value of the wrong type keeps the default");
        assertEquals(3.0, s.transitoryStale());
        assertEquals(Setting.TRANSITORY_OFFSUBNET.defaultValue(), s.transitoryOffsubnet(), "unset timers keep the declared default");
    }
}
