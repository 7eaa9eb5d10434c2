package io.ept.analysis.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest {

    @Test
    void defaultsAreTheDeclaredOnes() {
        Settings defaults = Settings.defaults();
        for (Setting setting : Setting.values()) {
            assertEquals(setting.defaultValue(), defaults.get(setting), setting.key());
            assertTrue(setting.type().javaType().isInstance(setting.defaultValue()), setting.key() + " default type");
        }
        assertEquals(2048, defaults.rapidThreshold());
        assertEquals(Setting.RAPID_THRESHOLD.defaultValue(), defaults.rapidThreshold());
        assertEquals(Setting.TRANSITORY_STALE_NO_LOCAL.defaultValue(), defaults.transitoryStaleNoLocal());
    }

    @Test
    void typedAccessorsReadTheirOwnDeclaration() {
        // give every setting a value different from its default, then each accessor must return its own one
        Settings.Builder b = Settings.builder();
        Map<Setting, Object> changed = new HashMap<>();
        for (Setting setting : Setting.values()) {
            Object value = switch (setting.type()) {
                case TEXT -> "v-" + setting.key();
                case INTEGER -> 1000 + setting.ordinal();
                case DECIMAL -> 0.5 + setting.ordinal();
                case BOOLEAN -> !(Boolean) setting.defaultValue();
            };
            b.set(setting, value);
            changed.put(setting, value);
        }
        Settings s = b.build();
        assertEquals(changed.get(Setting.EMAIL_ADDRESS), s.emailAddress());
        assertEquals(changed.get(Setting.SMTP_RELAY_PASSWORD), s.smtpRelayPassword());
        assertEquals(changed.get(Setting.MAX_ENDPOINT_EVENTS), s.maxEndpointEvents());
        assertEquals(changed.get(Setting.MAX_PER_NODE_ENDPOINT_EVENTS), s.maxPerNodeEndpointEvents());
        assertEquals(changed.get(Setting.MAX_ENDPOINT_EVENTS), s.endpointCap());
        assertEquals(changed.get(Setting.MAX_PER_NODE_ENDPOINT_EVENTS), s.perNodeCap());
        assertEquals(changed.get(Setting.NOTIFY_CLEAR_SYSLOG), s.notifyClearSyslog());
        assertEquals(changed.get(Setting.NOTIFY_RAPID_EMAIL), s.notifyRapidEmail());
        assertEquals(changed.get(Setting.RAPID_HOLDTIME), s.rapidHoldtime());
        assertEquals(changed.get(Setting.VPC_PAIR_TYPE), s.vpcPairType());
        assertEquals(changed.get(Setting.TRANSITORY_DELETE), s.transitoryDelete());
        assertEquals(changed.get(Setting.SUPPRESS_WATCH_STALE), s.suppressWatchStale());
        assertEquals(changed.get(Setting.RAPID_CALCULATE_INTERVAL), s.rapidCalculateInterval());
        for (Setting setting : Setting.values()) {
            assertEquals(changed.get(setting), s.get(setting), setting.key());
            assertEquals(changed.get(setting), s.toBuilder().build().get(setting), setting.key() + " copied");
        }
    }

    @Test
    void eachSettingHasItsOwnName() {
        Set<String> keys = new HashSet<>();
        for (Setting setting : Setting.values()) {
            assertTrue(keys.add(setting.key()), setting.key());
            assertEquals(setting, Setting.byKey(setting.key()).orElseThrow());
        }
        assertTrue(Setting.byKey("bogus").isEmpty());
        assertFalse(Setting.stored().contains(Setting.TRANSITORY_STALE), "timers are not stored");
        assertTrue(Setting.stored().contains(Setting.VPC_PAIR_TYPE), "hidden settings are stored");
    }

    @Test
    void theBuilderRefusesAValueOfAnotherType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.builder().set(Setting.RAPID_THRESHOLD, "2048"));
        assertEquals("setting rapid_threshold takes INTEGER values, not String", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.builder().set(Setting.ANALYZE_MOVE, null));
    }

    @Test
    void loadingTakesStoredValuesOfTheDeclaredTypeOnly() {
        Map<String, Object> stored = new HashMap<>();
        stored.put("rapid_threshold", 512L);          // stored as int64
        stored.put("max_endpoint_events", 100.0);      // any number narrows to the int
        stored.put("analyze_move", false);
        stored.put("email_address", "ops@example.com");
        stored.put("syslog_port", "514");              // wrong type: the default stays
        stored.put("analyze_stale", "no");             // wrong type: the default stays
        stored.put("smtp_relay_password", "encrypted"); // secret: the caller gives the decrypted one
        stored.put("transitory_stale", 1.0);           // internal: never read from the document
        stored.put("fabric", "f1");                    // not a setting
        stored.put("tz", "UTC");
        Settings s = Settings.builder().load(stored).build();
        assertEquals(512, s.rapidThreshold());
        assertEquals(100, s.maxEndpointEvents());
        assertFalse(s.analyzeMove());
        assertEquals("ops@example.com", s.emailAddress());
        assertEquals(514, s.syslogPort());
        assertTrue(s.analyzeStale());
        assertEquals("", s.smtpRelayPassword());
        assertEquals(45, s.transitoryStale());
        assertEquals("UTC", s.tz());
        assertEquals(Settings.defaults().rapidHoldtime(), s.rapidHoldtime(), "missing: declared default");
    }

    @Test
    void formFieldsHaveALabelAndOnlyStoredSettingsAreOnTheForm() {
        for (Setting setting : Setting.values()) {
            if (setting.section().isPresent()) {
                assertFalse(setting.label().isBlank(), setting.key());
                assertTrue(setting.access() == Setting.Access.EDITABLE || setting.access() == Setting.Access.SECRET,
                        setting.key() + " on the form must be writable");
            } else {
                assertEquals("", setting.label(), setting.key());
            }
        }
    }
}
