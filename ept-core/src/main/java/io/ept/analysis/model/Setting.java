package io.ept.analysis.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.ept.analysis.model.SettingsSection.ADVANCED;
import static io.ept.analysis.model.SettingsSection.NOTIFICATIONS;
import static io.ept.analysis.model.SettingsSection.REMEDIATE;

/**
 * Every analysis setting of a fabric, each declared once: its stored name (the constant's name in lower case), type,
 * default, validation, and where and how the settings form shows it. The eptSettings of ept-reference 2.2 are stored
 * in ept.settings; the timers of 2.5 are {@link Access#INTERNAL} (neither stored nor in the API; configuration may
 * shorten them). {@link Settings}' defaults, loading from ept.settings, the API's validation and schema and the
 * settings form all read these declarations. Declared in the order the form shows them.
 */
public enum Setting {
    EMAIL_ADDRESS(text("").pattern("^([a-zA-Z0-9\\-_\\.@\\+]+)?$")
            .form(NOTIFICATIONS, "Email address", "single recipient; empty disables email")),
    SMTP_TYPE(text("direct").allowed("direct", "relay")
            .form(NOTIFICATIONS, "SMTP", "direct: MX of the recipient's domain; relay: through a relay server")),
    SMTP_SERVER_PORT(integer(587).range(1, 65535).form(NOTIFICATIONS, "SMTP port")),
    SMTP_RELAY_SERVER(text("").pattern(Pattern.compile("^[a-z0-9_\\.:\\-]{0,512}$", Pattern.CASE_INSENSITIVE))
            .form(NOTIFICATIONS, "Relay server")),
    SMTP_RELAY_AUTHENTICATE(bool(false).form(NOTIFICATIONS, "Relay login")),
    SMTP_RELAY_USERNAME(text("").pattern("^[^ ;]*$").form(NOTIFICATIONS, "Relay username")),
    /** Encrypted at rest: loading takes the decrypted value from the caller, never from the stored document. */
    SMTP_RELAY_PASSWORD(text("").access(Access.SECRET).form(NOTIFICATIONS, "Relay password")),
    SYSLOG_SERVER(text("").pattern("^([a-zA-Z0-9\\-_\\.\\+]+)?$").form(NOTIFICATIONS, "Syslog server", "empty disables syslog")),
    SYSLOG_PORT(integer(514).range(1, 65534).form(NOTIFICATIONS, "Syslog port")),
    NOTIFY_MOVE_EMAIL(bool(false).form(NOTIFICATIONS, "Moves by email")),
    NOTIFY_MOVE_SYSLOG(bool(false).form(NOTIFICATIONS, "Moves by syslog")),
    NOTIFY_STALE_EMAIL(bool(false).form(NOTIFICATIONS, "Stale by email")),
    NOTIFY_STALE_SYSLOG(bool(false).form(NOTIFICATIONS, "Stale by syslog")),
    NOTIFY_OFFSUBNET_EMAIL(bool(false).form(NOTIFICATIONS, "Off-subnet by email")),
    NOTIFY_OFFSUBNET_SYSLOG(bool(false).form(NOTIFICATIONS, "Off-subnet by syslog")),
    NOTIFY_RAPID_EMAIL(bool(false).form(NOTIFICATIONS, "Rapid by email")),
    NOTIFY_RAPID_SYSLOG(bool(false).form(NOTIFICATIONS, "Rapid by syslog")),
    NOTIFY_CLEAR_EMAIL(bool(false).form(NOTIFICATIONS, "Clears by email")),
    NOTIFY_CLEAR_SYSLOG(bool(false).form(NOTIFICATIONS, "Clears by syslog")),
    AUTO_CLEAR_STALE(bool(false).form(REMEDIATE, "Auto-clear stale endpoints")),
    AUTO_CLEAR_OFFSUBNET(bool(false).form(REMEDIATE, "Auto-clear off-subnet endpoints")),
    ANALYZE_MOVE(bool(true).form(ADVANCED, "Analyze moves")),
    /** IP endpoints only. */
    ANALYZE_STALE(bool(true).form(ADVANCED, "Analyze stale")),
    /** IP endpoints only. */
    ANALYZE_OFFSUBNET(bool(true).form(ADVANCED, "Analyze off-subnet")),
    ANALYZE_RAPID(bool(true).form(ADVANCED, "Analyze rapid")),
    REFRESH_RAPID(bool(true).form(ADVANCED, "Refresh after rapid", "re-read an endpoint from the APIC once it stops being rapid")),
    RAPID_THRESHOLD(integer(2048).range(512, 65536).form(ADVANCED, "Rapid threshold", "events per minute")),
    RAPID_HOLDTIME(integer(600).range(0, 86400).form(ADVANCED, "Rapid hold time", "seconds events are ignored once rapid")),
    STALE_NO_LOCAL(bool(true).form(ADVANCED, "Stale when local nowhere")),
    STALE_MULTIPLE_LOCAL(bool(true).form(ADVANCED, "Stale when local elsewhere")),
    QUEUE_INIT_EVENTS(bool(true).form(ADVANCED, "Queue events during build")),
    QUEUE_INIT_EPM_EVENTS(bool(true).form(ADVANCED, "Queue endpoint events during build")),
    MAX_ENDPOINT_EVENTS(integer(64).range(8, 8192).form(ADVANCED, "Max endpoint events")),
    /** The original documents 8-1024 but never enforced it (quirk Q2); EPT enforces the documented range. */
    MAX_PER_NODE_ENDPOINT_EVENTS(integer(64).range(8, 1024).form(ADVANCED, "Max per-node events")),
    TZ(text("").access(Access.READ_ONLY).help("fabric timezone, from datetimeFormat")),
    /** Discovered from uni/tn-infra/ctx-overlay-1. */
    OVERLAY_VNID(integer(0).access(Access.HIDDEN)),
    /** fabricProtPol.pairT. */
    VPC_PAIR_TYPE(text("explicit").access(Access.HIDDEN)),
    /** A local delete re-learned within this many seconds is overwritten. */
    TRANSITORY_DELETE(decimal(60)),
    /** Watcher delay (seconds) before confirming offsubnet. */
    TRANSITORY_OFFSUBNET(decimal(10)),
    /** Watcher delay (seconds) before confirming stale. */
    TRANSITORY_STALE(decimal(45)),
    /** Stale delay (seconds) when expected_remote is 0. */
    TRANSITORY_STALE_NO_LOCAL(decimal(315)),
    /** Extra delay (seconds) after the hold time before the rapid refresh check. */
    TRANSITORY_RAPID(decimal(35)),
    /** Per-node suppression (seconds) of repeated offsubnet watches. */
    SUPPRESS_WATCH_OFFSUBNET(decimal(8)),
    /** Per-node suppression (seconds) of duplicate stale watches. */
    SUPPRESS_WATCH_STALE(decimal(25)),
    /** Minimum window (seconds) between rapid rate calculations. */
    RAPID_CALCULATE_INTERVAL(decimal(15));

    /** The value types a setting may take, with the Java type of its value. */
    public enum Type {
        TEXT(String.class), INTEGER(Integer.class), DECIMAL(Double.class), BOOLEAN(Boolean.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        public Class<?> javaType() {
            return javaType;
        }
    }

    /** Who may read and write a setting. */
    public enum Access {
        /** stored, returned by the API and writable through it */
        EDITABLE,
        /** stored and returned, written only by EPT itself (the API rejects it) */
        READ_ONLY,
        /** stored encrypted, writable but never returned (write-only) */
        SECRET,
        /** stored internal bookkeeping, neither returned nor writable */
        HIDDEN,
        /** not stored: a fixed timer of the analysis (ept-reference 2.5) */
        INTERNAL
    }

    private static final Map<String, Setting> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

    private final String key;
    private final Type type;
    private final Object defaultValue;
    private final Long min;
    private final Long max;
    private final Pattern pattern;
    private final List<String> allowed;
    private final Access access;
    private final SettingsSection section;
    private final String label;
    private final String help;

    Setting(Spec spec) {
        this.key = name().toLowerCase(Locale.ROOT);
        this.type = spec.type;
        this.defaultValue = spec.defaultValue;
        this.min = spec.min;
        this.max = spec.max;
        this.pattern = spec.pattern;
        this.allowed = spec.allowed;
        this.access = spec.access;
        this.section = spec.section;
        this.label = spec.label;
        this.help = spec.help;
    }

    /** The declared setting stored under {@code key}, if any. */
    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_NAME.get(key));
    }

    /** The settings stored in ept.settings (every one but the internal timers), in declaration order. */
    public static List<Setting> stored() {
        return Arrays.stream(values()).filter(s -> s.access != Access.INTERNAL).toList();
    }

    /** The name in ept.settings and in the API, e.g. rapid_threshold. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** The default, of {@link Type#javaType()}. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** Smallest allowed integer, or null when unbounded. */
    public Long min() {
        return min;
    }

    /** Largest allowed integer, or null when unbounded. */
    public Long max() {
        return max;
    }

    /** The pattern a text must match in full, or null. */
    public Pattern pattern() {
        return pattern;
    }

    /** The only texts allowed, or empty when any text matching {@link #pattern()} is. */
    public List<String> allowed() {
        return allowed;
    }

    public Access access() {
        return access;
    }

    /** The form tab showing this setting, empty when the form does not show it. */
    public Optional<SettingsSection> section() {
        return Optional.ofNullable(section);
    }

    /** The form's label, "" when the form does not show it. */
    public String label() {
        return label;
    }

    /** One line for the form and the API documentation, may be "". */
    public String help() {
        return help;
    }

    /**
     * The value of this setting in a stored document, or empty when it is missing or not of the declared type (a
     * stored integer may be any number: it is narrowed to an int).
     */
    public Optional<Object> readStored(Map<String, ?> stored) {
        Object value = stored.get(key);
        return Optional.ofNullable(switch (type) {
            case INTEGER -> value instanceof Number n ? (Object) n.intValue() : null;
            case DECIMAL -> value instanceof Number n ? (Object) n.doubleValue() : null;
            default -> type.javaType().isInstance(value) ? value : null;
        });
    }

    private static Spec text(String defaultValue) {
        return new Spec(Type.TEXT, defaultValue);
    }

    private static Spec integer(int defaultValue) {
        return new Spec(Type.INTEGER, defaultValue);
    }

    private static Spec decimal(double defaultValue) {
        return new Spec(Type.DECIMAL, defaultValue).access(Access.INTERNAL);
    }

    private static Spec bool(boolean defaultValue) {
        return new Spec(Type.BOOLEAN, defaultValue);
    }

    /** The facts of one declaration, gathered before the constant is made. */
    private static final class Spec {
        private final Type type;
        private final Object defaultValue;
        private Long min;
        private Long max;
        private Pattern pattern;
        private List<String> allowed = List.of();
        private Access access = Access.EDITABLE;
        private SettingsSection section;
        private String label = "";
        private String help = "";

        private Spec(Type type, Object defaultValue) {
            this.type = type;
            this.defaultValue = defaultValue;
        }

        Spec range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        Spec pattern(String regex) {
            return pattern(Pattern.compile(regex));
        }

        Spec pattern(Pattern pattern) {
            this.pattern = pattern;
            return this;
        }

        Spec allowed(String... values) {
            this.allowed = List.of(values);
            return this;
        }

        Spec access(Access access) {
            this.access = access;
            return this;
        }

        Spec help(String text) {
            this.help = text;
            return this;
        }

        Spec form(SettingsSection section, String label) {
            return form(section, label, "");
        }

        Spec form(SettingsSection section, String label, String help) {
            this.section = section;
            this.label = label;
            this.help = help;
            return this;
        }
    }
}
