package io.ept.analysis.model;

import java.util.Arrays;
import java.util.Map;

/**
 * A fabric's analysis settings: one value per {@link Setting}, each starting at its declared default. Immutable; build
 * with {@link #builder()}. The typed accessors below are views of the declarations, which hold every name, default
 * and rule.
 */
public final class Settings {

    private static final Settings DEFAULTS = builder().build();

    /** Indexed by {@link Setting#ordinal()}; each value of its setting's {@link Setting.Type#javaType()}. */
    private final Object[] values;

    private Settings(Object[] values) {
        this.values = values;
    }

    public static Settings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(values.clone());
    }

    /** The value of any setting, of its declared type. */
    public Object get(Setting setting) {
        return values[setting.ordinal()];
    }

    public String emailAddress() {
        return (String) values[Setting.EMAIL_ADDRESS.ordinal()];
    }

    public String smtpType() {
        return (String) values[Setting.SMTP_TYPE.ordinal()];
    }

    public int smtpServerPort() {
        return (Integer) values[Setting.SMTP_SERVER_PORT.ordinal()];
    }

    public String smtpRelayServer() {
        return (String) values[Setting.SMTP_RELAY_SERVER.ordinal()];
    }

    public boolean smtpRelayAuthenticate() {
        return (Boolean) values[Setting.SMTP_RELAY_AUTHENTICATE.ordinal()];
    }

    public String smtpRelayUsername() {
        return (String) values[Setting.SMTP_RELAY_USERNAME.ordinal()];
    }

    public String smtpRelayPassword() {
        return (String) values[Setting.SMTP_RELAY_PASSWORD.ordinal()];
    }

    public String syslogServer() {
        return (String) values[Setting.SYSLOG_SERVER.ordinal()];
    }

    public int syslogPort() {
        return (Integer) values[Setting.SYSLOG_PORT.ordinal()];
    }

    public boolean notifyMoveEmail() {
        return (Boolean) values[Setting.NOTIFY_MOVE_EMAIL.ordinal()];
    }

    public boolean notifyMoveSyslog() {
        return (Boolean) values[Setting.NOTIFY_MOVE_SYSLOG.ordinal()];
    }

    public boolean notifyStaleEmail() {
        return (Boolean) values[Setting.NOTIFY_STALE_EMAIL.ordinal()];
    }

    public boolean notifyStaleSyslog() {
        return (Boolean) values[Setting.NOTIFY_STALE_SYSLOG.ordinal()];
    }

    public boolean notifyOffsubnetEmail() {
        return (Boolean) values[Setting.NOTIFY_OFFSUBNET_EMAIL.ordinal()];
    }

    public boolean notifyOffsubnetSyslog() {
        return (Boolean) values[Setting.NOTIFY_OFFSUBNET_SYSLOG.ordinal()];
    }

    public boolean notifyClearEmail() {
        return (Boolean) values[Setting.NOTIFY_CLEAR_EMAIL.ordinal()];
    }

    public boolean notifyClearSyslog() {
        return (Boolean) values[Setting.NOTIFY_CLEAR_SYSLOG.ordinal()];
    }

    public boolean notifyRapidEmail() {
        return (Boolean) values[Setting.NOTIFY_RAPID_EMAIL.ordinal()];
    }

    public boolean notifyRapidSyslog() {
        return (Boolean) values[Setting.NOTIFY_RAPID_SYSLOG.ordinal()];
    }

    public boolean autoClearStale() {
        return (Boolean) values[Setting.AUTO_CLEAR_STALE.ordinal()];
    }

    public boolean autoClearOffsubnet() {
        return (Boolean) values[Setting.AUTO_CLEAR_OFFSUBNET.ordinal()];
    }

    public boolean analyzeMove() {
        return (Boolean) values[Setting.ANALYZE_MOVE.ordinal()];
    }

    public boolean analyzeStale() {
        return (Boolean) values[Setting.ANALYZE_STALE.ordinal()];
    }

    public boolean analyzeOffsubnet() {
        return (Boolean) values[Setting.ANALYZE_OFFSUBNET.ordinal()];
    }

    public boolean analyzeRapid() {
        return (Boolean) values[Setting.ANALYZE_RAPID.ordinal()];
    }

    public boolean refreshRapid() {
        return (Boolean) values[Setting.REFRESH_RAPID.ordinal()];
    }

    public int maxPerNodeEndpointEvents() {
        return (Integer) values[Setting.MAX_PER_NODE_ENDPOINT_EVENTS.ordinal()];
    }

    public int maxEndpointEvents() {
        return (Integer) values[Setting.MAX_ENDPOINT_EVENTS.ordinal()];
    }

    public boolean queueInitEvents() {
        return (Boolean) values[Setting.QUEUE_INIT_EVENTS.ordinal()];
    }

    public boolean queueInitEpmEvents() {
        return (Boolean) values[Setting.QUEUE_INIT_EPM_EVENTS.ordinal()];
    }

    public boolean staleNoLocal() {
        return (Boolean) values[Setting.STALE_NO_LOCAL.ordinal()];
    }

    public boolean staleMultipleLocal() {
        return (Boolean) values[Setting.STALE_MULTIPLE_LOCAL.ordinal()];
    }

    public int rapidThreshold() {
        return (Integer) values[Setting.RAPID_THRESHOLD.ordinal()];
    }

    public int rapidHoldtime() {
        return (Integer) values[Setting.RAPID_HOLDTIME.ordinal()];
    }

    public String tz() {
        return (String) values[Setting.TZ.ordinal()];
    }

    public int overlayVnid() {
        return (Integer) values[Setting.OVERLAY_VNID.ordinal()];
    }

    public String vpcPairType() {
        return (String) values[Setting.VPC_PAIR_TYPE.ordinal()];
    }

    public double transitoryDelete() {
        return (Double) values[Setting.TRANSITORY_DELETE.ordinal()];
    }

    public double transitoryOffsubnet() {
        return (Double) values[Setting.TRANSITORY_OFFSUBNET.ordinal()];
    }

    public double transitoryStale() {
        return (Double) values[Setting.TRANSITORY_STALE.ordinal()];
    }

    public double transitoryStaleNoLocal() {
        return (Double) values[Setting.TRANSITORY_STALE_NO_LOCAL.ordinal()];
    }

    public double transitoryRapid() {
        return (Double) values[Setting.TRANSITORY_RAPID.ordinal()];
    }

    public double suppressWatchOffsubnet() {
        return (Double) values[Setting.SUPPRESS_WATCH_OFFSUBNET.ordinal()];
    }

    public double suppressWatchStale() {
        return (Double) values[Setting.SUPPRESS_WATCH_STALE.ordinal()];
    }

    public double rapidCalculateInterval() {
        return (Double) values[Setting.RAPID_CALCULATE_INTERVAL.ordinal()];
    }
    /** Cap of ept.endpoint.events, ept.move and ept.rapid (see Q3 note in {@link #perNodeCap()}). */
    public int endpointCap() {
        return maxEndpointEvents();
    }

    /**
     * Cap of per-node lists: ept.history, ept.stale, ept.offsubnet, ept.remediate. Deliberate change (Q3): the
     * original capped ept.move and ept.rapid by max_per_node_endpoint_events too; we follow the documentation
     * and cap those fabric-wide lists by max_endpoint_events instead.
     */
    public int perNodeCap() {
        return maxPerNodeEndpointEvents();
    }

    /** Builder; every setting starts at its declared default. */
    public static final class Builder {
        private final Object[] values;

        private Builder() {
            this(Arrays.stream(Setting.values()).map(Setting::defaultValue).toArray());
        }

        private Builder(Object[] values) {
            this.values = values;
        }

        /** Sets any setting; the value must be of its declared type. */
        public Builder set(Setting setting, Object value) {
            if (!setting.type().javaType().isInstance(value)) {
                throw new IllegalArgumentException("setting " + setting.key() + " takes " + setting.type() + " values"
                        + ", not " + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            values[setting.ordinal()] = value;
            return this;
        }

        /**
         * Takes every setting found in a stored ept.settings document with its declared type; the others, and the
         * secret and internal ones (the caller decrypts the secret, configuration sets the timers), are left as they are.
         */
        public Builder load(Map<String, ?> stored) {
            for (Setting setting : Setting.values()) {
                if (setting.access() != Setting.Access.SECRET && setting.access() != Setting.Access.INTERNAL) {
                    setting.readStored(stored).ifPresent(value -> set(setting, value));
                }
            }
            return this;
        }

        public Builder emailAddress(String value) {
            return set(Setting.EMAIL_ADDRESS, value);
        }

        public Builder smtpType(String value) {
            return set(Setting.SMTP_TYPE, value);
        }

        public Builder smtpServerPort(int value) {
            return set(Setting.SMTP_SERVER_PORT, value);
        }

        public Builder smtpRelayServer(String value) {
            return set(Setting.SMTP_RELAY_SERVER, value);
        }

        public Builder smtpRelayAuthenticate(boolean value) {
            return set(Setting.SMTP_RELAY_AUTHENTICATE, value);
        }

        public Builder smtpRelayUsername(String value) {
            return set(Setting.SMTP_RELAY_USERNAME, value);
        }

        public Builder smtpRelayPassword(String value) {
            return set(Setting.SMTP_RELAY_PASSWORD, value);
        }

        public Builder syslogServer(String value) {
            return set(Setting.SYSLOG_SERVER, value);
        }

        public Builder syslogPort(int value) {
            return set(Setting.SYSLOG_PORT, value);
        }

        public Builder notifyMoveEmail(boolean value) {
            return set(Setting.NOTIFY_MOVE_EMAIL, value);
        }

        public Builder notifyMoveSyslog(boolean value) {
            return set(Setting.NOTIFY_MOVE_SYSLOG, value);
        }

        public Builder notifyStaleEmail(boolean value) {
            return set(Setting.NOTIFY_STALE_EMAIL, value);
        }

        public Builder notifyStaleSyslog(boolean value) {
            return set(Setting.NOTIFY_STALE_SYSLOG, value);
        }

        public Builder notifyOffsubnetEmail(boolean value) {
            return set(Setting.NOTIFY_OFFSUBNET_EMAIL, value);
        }

        public Builder notifyOffsubnetSyslog(boolean value) {
            return set(Setting.NOTIFY_OFFSUBNET_SYSLOG, value);
        }

        public Builder notifyClearEmail(boolean value) {
            return set(Setting.NOTIFY_CLEAR_EMAIL, value);
        }

        public Builder notifyClearSyslog(boolean value) {
            return set(Setting.NOTIFY_CLEAR_SYSLOG, value);
        }

        public Builder notifyRapidEmail(boolean value) {
            return set(Setting.NOTIFY_RAPID_EMAIL, value);
        }

        public Builder notifyRapidSyslog(boolean value) {
            return set(Setting.NOTIFY_RAPID_SYSLOG, value);
        }

        public Builder autoClearStale(boolean value) {
            return set(Setting.AUTO_CLEAR_STALE, value);
        }

        public Builder autoClearOffsubnet(boolean value) {
            return set(Setting.AUTO_CLEAR_OFFSUBNET, value);
        }

        public Builder analyzeMove(boolean value) {
            return set(Setting.ANALYZE_MOVE, value);
        }

        public Builder analyzeStale(boolean value) {
            return set(Setting.ANALYZE_STALE, value);
        }

        public Builder analyzeOffsubnet(boolean value) {
            return set(Setting.ANALYZE_OFFSUBNET, value);
        }

        public Builder analyzeRapid(boolean value) {
            return set(Setting.ANALYZE_RAPID, value);
        }

        public Builder refreshRapid(boolean value) {
            return set(Setting.REFRESH_RAPID, value);
        }

        public Builder maxPerNodeEndpointEvents(int value) {
            return set(Setting.MAX_PER_NODE_ENDPOINT_EVENTS, value);
        }

        public Builder maxEndpointEvents(int value) {
            return set(Setting.MAX_ENDPOINT_EVENTS, value);
        }

        public Builder queueInitEvents(boolean value) {
            return set(Setting.QUEUE_INIT_EVENTS, value);
        }

        public Builder queueInitEpmEvents(boolean value) {
            return set(Setting.QUEUE_INIT_EPM_EVENTS, value);
        }

        public Builder staleNoLocal(boolean value) {
            return set(Setting.STALE_NO_LOCAL, value);
        }

        public Builder staleMultipleLocal(boolean value) {
            return set(Setting.STALE_MULTIPLE_LOCAL, value);
        }

        public Builder rapidThreshold(int value) {
            return set(Setting.RAPID_THRESHOLD, value);
        }

        public Builder rapidHoldtime(int value) {
            return set(Setting.RAPID_HOLDTIME, value);
        }

        public Builder tz(String value) {
            return set(Setting.TZ, value);
        }

        public Builder overlayVnid(int value) {
            return set(Setting.OVERLAY_VNID, value);
        }

        public Builder vpcPairType(String value) {
            return set(Setting.VPC_PAIR_TYPE, value);
        }

        public Builder transitoryDelete(double value) {
            return set(Setting.TRANSITORY_DELETE, value);
        }

        public Builder transitoryOffsubnet(double value) {
            return set(Setting.TRANSITORY_OFFSUBNET, value);
        }

        public Builder transitoryStale(double value) {
            return set(Setting.TRANSITORY_STALE, value);
        }

        public Builder transitoryStaleNoLocal(double value) {
            return set(Setting.TRANSITORY_STALE_NO_LOCAL, value);
        }

        public Builder transitoryRapid(double value) {
            return set(Setting.TRANSITORY_RAPID, value);
        }

        public Builder suppressWatchOffsubnet(double value) {
            return set(Setting.SUPPRESS_WATCH_OFFSUBNET, value);
        }

        public Builder suppressWatchStale(double value) {
            return set(Setting.SUPPRESS_WATCH_STALE, value);
        }

        public Builder rapidCalculateInterval(double value) {
            return set(Setting.RAPID_CALCULATE_INTERVAL, value);
        }
        public Settings build() {
            return new Settings(values.clone());
        }
    }
}
