package io.ept.fabric.schema;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One attribute of a REST/storage object: its type, default and validation, as documented for EPT 2.x.
 *
 * @param readOnly written only by EPT itself; requests that set it are rejected
 * @param secret   encrypted at rest and never returned by the API (write-only)
 * @param hidden   internal bookkeeping, not shown by the API
 */
public record Attribute(String name, AttributeType type, Object defaultValue, Long min, Long max, Pattern pattern,
                        List<String> allowed, boolean readOnly, boolean secret, boolean hidden, String description) {

    public Attribute {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
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

        public Attribute build() {
            return new Attribute(name, type, defaultValue, min, max, pattern, allowed, readOnly, secret, hidden,
                    description);
        }
    }
}
