package io.ept.fabric.schema;

import io.ept.analysis.model.Setting;
import io.ept.analysis.model.SettingsSection;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One attribute of a REST/storage object: its type, default and validation, as documented for EPT 2.x.
 *
 * @param readOnly written only by EPT itself; requests that set it are rejected
 * @param secret   encrypted at rest and never returned by the API (write-only)
 * @param hidden   internal bookkeeping, not shown by the API
 * @param form     where the settings form shows it, or null when it does not
 * @param appliesOnRestart a change takes effect only when the fabric's monitor restarts
 */
public record Attribute(String name, AttributeType type, Object defaultValue, Long min, Long max, Pattern pattern,
                        List<String> allowed, boolean readOnly, boolean secret, boolean hidden, String description,
                        Form form, boolean appliesOnRestart) {

    /** A field of the settings form: its tab, label and help line. */
    public record Form(SettingsSection section, String label, String help) {
    }

    public Attribute {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** The attribute of a declared analysis setting: its name, type, default, rules and form field, as declared. */
    public static Attribute of(Setting setting) {
        AttributeType type = switch (setting.type()) {
            case TEXT -> AttributeType.STRING;
            case INTEGER -> AttributeType.INTEGER;
            case DECIMAL -> AttributeType.FLOAT;
            case BOOLEAN -> AttributeType.BOOLEAN;
        };
        // integers are stored and validated as longs, as every other integer attribute
        Object defaultValue = setting.defaultValue() instanceof Integer i ? (Object) i.longValue() : setting.defaultValue();
        Form form = setting.section().map(section -> new Form(section, setting.label(), setting.help())).orElse(null);
        return new Attribute(setting.key(), type, defaultValue, setting.min(), setting.max(), setting.pattern(),
                setting.allowed(), setting.access() == Setting.Access.READ_ONLY, setting.access() == Setting.Access.SECRET,
                setting.access() == Setting.Access.HIDDEN, setting.help(), form, false);
    }

    public static Builder string(String name) {
        return new Builder(name, AttributeType.STRING).defaultValue("");
    }

    public static Builder integer(String name, long defaultValue) {
        return new Builder(name, AttributeType.INTEGER).defaultValue(defaultValue);
    }

    public static Builder floating(String name) {
        return new Builder(name, AttributeType.FLOAT).defaultValue(0.0);
    }

    public static Builder bool(String name, boolean defaultValue) {
        return new Builder(name, AttributeType.BOOLEAN).defaultValue(defaultValue);
    }

    public static Builder list(String name) {
        return new Builder(name, AttributeType.LIST).defaultValue(List.of());
    }

    public static final class Builder {
        private final String name;
        private final AttributeType type;
        private Object defaultValue;
        private Long min;
        private Long max;
        private Pattern pattern;
        private List<String> allowed;
        private boolean readOnly;
        private boolean secret;
        private boolean hidden;
        private String description = "";
        private Form form;
        private boolean appliesOnRestart;

        private Builder(String name, AttributeType type) {
            this.name = name;
            this.type = type;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Builder range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Builder pattern(String regex) {
            this.pattern = Pattern.compile(regex);
            return this;
        }

        public Builder patternIgnoringCase(String regex) {
            this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            return this;
        }

        public Builder allowed(String... values) {
            this.allowed = List.of(values);
            return this;
        }

        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder hidden() {
            this.hidden = true;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** Shows the attribute in the settings form. */
        public Builder form(SettingsSection section, String label, String help) {
            this.form = new Form(section, label, help);
            return this;
        }

        public Builder appliesOnRestart() {
            this.appliesOnRestart = true;
            return this;
        }

        public Attribute build() {
            return new Attribute(name, type, defaultValue, min, max, pattern, allowed, readOnly, secret, hidden,
                    description, form, appliesOnRestart);
        }
    }
}
