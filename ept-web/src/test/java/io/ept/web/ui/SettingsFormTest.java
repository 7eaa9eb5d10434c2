package io.ept.web.ui;

import io.ept.analysis.model.Setting;
import io.ept.fabric.FabricSchemas;
import io.ept.fabric.schema.Attribute;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings form is built from the declarations: every declared form field once, in its tab, with its label. */
class SettingsFormTest {

    private static final List<SettingsView.Section> SECTIONS = SettingsView.sections();

    private static Map<String, SettingsView.Field> fields() {
        return SECTIONS.stream().flatMap(s -> s.fields().stream())
                .collect(Collectors.toMap(SettingsView.Field::getKey, f -> f));
    }

    @Test
    void theTabsAreTheDeclaredSections() {
        assertEquals(List.of("Connectivity", "Notifications", "Remediate", "Advanced"),
                SECTIONS.stream().map(SettingsView.Section::title).toList());
    }

    @Test
    void everyDeclaredFormSettingIsAFieldOnce() {
        Set<String> keys = new HashSet<>();
        SECTIONS.forEach(s -> s.fields().forEach(f -> assertTrue(keys.add(f.getKey()), f.getKey())));
        Map<String, SettingsView.Field> fields = fields();
        for (Setting setting : Setting.values()) {
            SettingsView.Field field = fields.get("settings." + setting.key());
            assertEquals(setting.section().isPresent(), field != null, setting.key());
            if (field != null) {
                assertEquals(setting.label(), field.getLabel());
                String tab = setting.section().orElseThrow().title();
                assertTrue(SECTIONS.stream().filter(s -> s.title().equals(tab)).findFirst().orElseThrow().fields().contains(field));
            }
        }
        for (Attribute a : FabricSchemas.FABRIC.attributes()) {
            assertEquals(a.form() != null, fields.containsKey("fabric." + a.name()), a.name());
        }
    }

    @Test
    void fieldsTakeTypeRangeChoicesAndHelpFromTheDeclaration() {
        Map<String, SettingsView.Field> fields = fields();
        SettingsView.Field threshold = fields.get("settings.rapid_threshold");
        assertEquals("integer", threshold.getType());
        assertEquals(Setting.RAPID_THRESHOLD.min(), threshold.getMin());
        assertEquals(Setting.RAPID_THRESHOLD.max(), threshold.getMax());
        assertEquals("events per minute", threshold.getHelp());
        assertEquals("8 to 8192", fields.get("settings.max_endpoint_events").getHelp(), "no help: the range");
        assertEquals("choice", fields.get("settings.smtp_type").getType());
        assertEquals(List.of("direct", "relay"), fields.get("settings.smtp_type").getOptions());
        assertEquals("secret", fields.get("settings.smtp_relay_password").getType());
        assertEquals("secret", fields.get("fabric.apic_password").getType());
        assertEquals("boolean", fields.get("settings.auto_clear_stale").getType());
        assertEquals("string", fields.get("fabric.apic_hostname").getType());
    }

    @Test
    void onlyConnectivityAndSessionFieldsAskForARestart() {
        Set<String> restart = fields().values().stream().filter(SettingsView.Field::appliesOnRestart)
                .map(SettingsView.Field::getKey).collect(Collectors.toSet());
        assertEquals(Set.of("fabric.apic_hostname", "fabric.apic_username", "fabric.apic_password", "fabric.apic_cert",
                "fabric.ssh_username", "fabric.ssh_password", "fabric.subscription_refresh_time", "fabric.session_timeout",
                "fabric.heartbeat_interval", "fabric.heartbeat_max_retries", "fabric.heartbeat_timeout"), restart);
    }
}
