package io.ept.analysis.model;

/**
 * Analysis settings: the eptSettings fields of ept-reference 2.2 with their defaults, plus the hard-coded
 * timers of 2.5 made overridable so tests can shorten delays. Immutable; build with {@link #builder()}.
 */
public final class Settings {

    private static final Settings DEFAULTS = builder().build();

    private final String emailAddress;
    private final String smtpType;
    private final int smtpServerPort;
    private final String smtpRelayServer;
    private final boolean smtpRelayAuthenticate;
    private final String smtpRelayUsername;
    private final String smtpRelayPassword;
    private final String syslogServer;
    private final int syslogPort;
    private final boolean notifyMoveEmail;
    private final boolean notifyMoveSyslog;
    private final boolean notifyStaleEmail;
    private final boolean notifyStaleSyslog;
    private final boolean notifyOffsubnetEmail;
    private final boolean notifyOffsubnetSyslog;
    private final boolean notifyClearEmail;
    private final boolean notifyClearSyslog;
    private final boolean notifyRapidEmail;
    private final boolean notifyRapidSyslog;
    private final boolean autoClearStale;
    private final boolean autoClearOffsubnet;
    private final boolean analyzeMove;
    private final boolean analyzeStale;
    private final boolean analyzeOffsubnet;
    private final boolean analyzeRapid;
    private final boolean refreshRapid;
    private final int maxPerNodeEndpointEvents;
    private final int maxEndpointEvents;
    private final boolean queueInitEvents;
    private final boolean queueInitEpmEvents;
    private final boolean staleNoLocal;
    private final boolean staleMultipleLocal;
    private final int rapidThreshold;
    private final int rapidHoldtime;
    private final String tz;
    private final int overlayVnid;
    private final String vpcPairType;
    private final double transitoryDelete;
    private final double transitoryOffsubnet;
    private final double transitoryStale;
    private final double transitoryStaleNoLocal;
    private final double transitoryRapid;
    private final double suppressWatchOffsubnet;
    private final double suppressWatchStale;
    private final double rapidCalculateInterval;

    private Settings(Builder b) {
        this.emailAddress = b.emailAddress;
        this.smtpType = b.smtpType;
        this.smtpServerPort = b.smtpServerPort;
        this.smtpRelayServer = b.smtpRelayServer;
        this.smtpRelayAuthenticate = b.smtpRelayAuthenticate;
        this.smtpRelayUsername = b.smtpRelayUsername;
        this.smtpRelayPassword = b.smtpRelayPassword;
        this.syslogServer = b.syslogServer;
        this.syslogPort = b.syslogPort;
        this.notifyMoveEmail = b.notifyMoveEmail;
        this.notifyMoveSyslog = b.notifyMoveSyslog;
        this.notifyStaleEmail = b.notifyStaleEmail;
        this.notifyStaleSyslog = b.notifyStaleSyslog;
        this.notifyOffsubnetEmail = b.notifyOffsubnetEmail;
        this.notifyOffsubnetSyslog = b.notifyOffsubnetSyslog;
        this.notifyClearEmail = b.notifyClearEmail;
        this.notifyClearSyslog = b.notifyClearSyslog;
        this.notifyRapidEmail = b.notifyRapidEmail;
        this.notifyRapidSyslog = b.notifyRapidSyslog;
        this.autoClearStale = b.autoClearStale;
        this.autoClearOffsubnet = b.autoClearOffsubnet;
        this.analyzeMove = b.analyzeMove;
        this.analyzeStale = b.analyzeStale;
        this.analyzeOffsubnet = b.analyzeOffsubnet;
        this.analyzeRapid = b.analyzeRapid;
        this.refreshRapid = b.refreshRapid;
        this.maxPerNodeEndpointEvents = b.maxPerNodeEndpointEvents;
        this.maxEndpointEvents = b.maxEndpointEvents;
        this.queueInitEvents = b.queueInitEvents;
        this.queueInitEpmEvents = b.queueInitEpmEvents;
        this.staleNoLocal = b.staleNoLocal;
        this.staleMultipleLocal = b.staleMultipleLocal;
        this.rapidThreshold = b.rapidThreshold;
        this.rapidHoldtime = b.rapidHoldtime;
        this.tz = b.tz;
        this.overlayVnid = b.overlayVnid;
        this.vpcPairType = b.vpcPairType;
        this.transitoryDelete = b.transitoryDelete;
        this.transitoryOffsubnet = b.transitoryOffsubnet;
        this.transitoryStale = b.transitoryStale;
        this.transitoryStaleNoLocal = b.transitoryStaleNoLocal;
        this.transitoryRapid = b.transitoryRapid;
        this.suppressWatchOffsubnet = b.suppressWatchOffsubnet;
        this.suppressWatchStale = b.suppressWatchStale;
        this.rapidCalculateInterval = b.rapidCalculateInterval;
    }

    public static Settings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.emailAddress = emailAddress;
        b.smtpType = smtpType;
        b.smtpServerPort = smtpServerPort;
        b.smtpRelayServer = smtpRelayServer;
        b.smtpRelayAuthenticate = smtpRelayAuthenticate;
        b.smtpRelayUsername = smtpRelayUsername;
        b.smtpRelayPassword = smtpRelayPassword;
        b.syslogServer = syslogServer;
        b.syslogPort = syslogPort;
        b.notifyMoveEmail = notifyMoveEmail;
        b.notifyMoveSyslog = notifyMoveSyslog;
        b.notifyStaleEmail = notifyStaleEmail;
        b.notifyStaleSyslog = notifyStaleSyslog;
        b.notifyOffsubnetEmail = notifyOffsubnetEmail;
        b.notifyOffsubnetSyslog = notifyOffsubnetSyslog;
        b.notifyClearEmail = notifyClearEmail;
        b.notifyClearSyslog = notifyClearSyslog;
        b.notifyRapidEmail = notifyRapidEmail;
        b.notifyRapidSyslog = notifyRapidSyslog;
        b.autoClearStale = autoClearStale;
        b.autoClearOffsubnet = autoClearOffsubnet;
        b.analyzeMove = analyzeMove;
        b.analyzeStale = analyzeStale;
        b.analyzeOffsubnet = analyzeOffsubnet;
        b.analyzeRapid = analyzeRapid;
        b.refreshRapid = refreshRapid;
        b.maxPerNodeEndpointEvents = maxPerNodeEndpointEvents;
        b.maxEndpointEvents = maxEndpointEvents;
        b.queueInitEvents = queueInitEvents;
        b.queueInitEpmEvents = queueInitEpmEvents;
        b.staleNoLocal = staleNoLocal;
        b.staleMultipleLocal = staleMultipleLocal;
        b.rapidThreshold = rapidThreshold;
        b.rapidHoldtime = rapidHoldtime;
        b.tz = tz;
        b.overlayVnid = overlayVnid;
        b.vpcPairType = vpcPairType;
        b.transitoryDelete = transitoryDelete;
        b.transitoryOffsubnet = transitoryOffsubnet;
        b.transitoryStale = transitoryStale;
        b.transitoryStaleNoLocal = transitoryStaleNoLocal;
        b.transitoryRapid = transitoryRapid;
        b.suppressWatchOffsubnet = suppressWatchOffsubnet;
        b.suppressWatchStale = suppressWatchStale;
        b.rapidCalculateInterval = rapidCalculateInterval;
        return b;
    }

    /** email_address: single notification recipient. */
    public String emailAddress() {
        return emailAddress;
    }

    /** smtp_type: direct (MX lookup) or relay. */
    public String smtpType() {
        return smtpType;
    }

    /** smtp_server_port. */
    public int smtpServerPort() {
        return smtpServerPort;
    }

    /** smtp_relay_server. */
    public String smtpRelayServer() {
        return smtpRelayServer;
    }

    /** smtp_relay_authenticate. */
    public boolean smtpRelayAuthenticate() {
        return smtpRelayAuthenticate;
    }

    /** smtp_relay_username. */
    public String smtpRelayUsername() {
        return smtpRelayUsername;
    }

    /** smtp_relay_password (write-only in the API). */
    public String smtpRelayPassword() {
        return smtpRelayPassword;
    }

    /** syslog_server. */
    public String syslogServer() {
        return syslogServer;
    }

    /** syslog_port. */
    public int syslogPort() {
        return syslogPort;
    }

    /** notify_move_email. */
    public boolean notifyMoveEmail() {
        return notifyMoveEmail;
    }

    /** notify_move_syslog. */
    public boolean notifyMoveSyslog() {
        return notifyMoveSyslog;
    }

    /** notify_stale_email. */
    public boolean notifyStaleEmail() {
        return notifyStaleEmail;
    }

    /** notify_stale_syslog. */
    public boolean notifyStaleSyslog() {
        return notifyStaleSyslog;
    }

    /** notify_offsubnet_email. */
    public boolean notifyOffsubnetEmail() {
        return notifyOffsubnetEmail;
    }

    /** notify_offsubnet_syslog. */
    public boolean notifyOffsubnetSyslog() {
        return notifyOffsubnetSyslog;
    }

    /** notify_clear_email. */
    public boolean notifyClearEmail() {
        return notifyClearEmail;
    }

    /** notify_clear_syslog. */
    public boolean notifyClearSyslog() {
        return notifyClearSyslog;
    }

    /** notify_rapid_email. */
    public boolean notifyRapidEmail() {
        return notifyRapidEmail;
    }

    /** notify_rapid_syslog. */
    public boolean notifyRapidSyslog() {
        return notifyRapidSyslog;
    }

    /** auto_clear_stale. */
    public boolean autoClearStale() {
        return autoClearStale;
    }

    /** auto_clear_offsubnet. */
    public boolean autoClearOffsubnet() {
        return autoClearOffsubnet;
    }

    /** analyze_move. */
    public boolean analyzeMove() {
        return analyzeMove;
    }

    /** analyze_stale (IP only). */
    public boolean analyzeStale() {
        return analyzeStale;
    }

    /** analyze_offsubnet (IP only). */
    public boolean analyzeOffsubnet() {
        return analyzeOffsubnet;
    }

    /** analyze_rapid. */
    public boolean analyzeRapid() {
        return analyzeRapid;
    }

    /** refresh_rapid: API refresh once an endpoint stops being rapid. */
    public boolean refreshRapid() {
        return refreshRapid;
    }

    /** max_per_node_endpoint_events: cap of per-node lists. */
    public int maxPerNodeEndpointEvents() {
        return maxPerNodeEndpointEvents;
    }

    /** max_endpoint_events: cap of fabric-wide lists. */
    public int maxEndpointEvents() {
        return maxEndpointEvents;
    }

    /** queue_init_events. */
    public boolean queueInitEvents() {
        return queueInitEvents;
    }

    /** queue_init_epm_events. */
    public boolean queueInitEpmEvents() {
        return queueInitEpmEvents;
    }

    /** stale_no_local. */
    public boolean staleNoLocal() {
        return staleNoLocal;
    }

    /** stale_multiple_local. */
    public boolean staleMultipleLocal() {
        return staleMultipleLocal;
    }

    /** rapid_threshold: events per minute. */
    public int rapidThreshold() {
        return rapidThreshold;
    }

    /** rapid_holdtime: seconds events are ignored once rapid. */
    public int rapidHoldtime() {
        return rapidHoldtime;
    }

    /** tz (read-only). */
    public String tz() {
        return tz;
    }

    /** overlay_vnid (hidden). */
    public int overlayVnid() {
        return overlayVnid;
    }

    /** vpc_pair_type (hidden). */
    public String vpcPairType() {
        return vpcPairType;
    }

    /** TRANSITORY_DELETE: a local delete re-learned within this is overwritten. */
    public double transitoryDelete() {
        return transitoryDelete;
    }

    /** TRANSITORY_OFFSUBNET: watcher delay before confirming offsubnet. */
    public double transitoryOffsubnet() {
        return transitoryOffsubnet;
    }

    /** TRANSITORY_STALE: watcher delay before confirming stale. */
    public double transitoryStale() {
        return transitoryStale;
    }

    /** TRANSITORY_STALE_NO_LOCAL: stale delay when expected_remote is 0. */
    public double transitoryStaleNoLocal() {
        return transitoryStaleNoLocal;
    }

    /** TRANSITORY_RAPID: extra delay after holdtime before the rapid refresh check. */
    public double transitoryRapid() {
        return transitoryRapid;
    }

    /** SUPPRESS_WATCH_OFFSUBNET: per-node suppression of repeated offsubnet watches. */
    public double suppressWatchOffsubnet() {
        return suppressWatchOffsubnet;
    }

    /** SUPPRESS_WATCH_STALE: per-node suppression of duplicate stale watches. */
    public double suppressWatchStale() {
        return suppressWatchStale;
    }

    /** RAPID_CALCULATE_INTERVAL: min window between rapid rate calculations. */
    public double rapidCalculateInterval() {
        return rapidCalculateInterval;
    }

    /** Builder; every field starts at its documented default. */
    public static final class Builder {
        private String emailAddress = "";
        private String smtpType = "direct";
        private int smtpServerPort = 587;
        private String smtpRelayServer = "";
        private boolean smtpRelayAuthenticate = false;
        private String smtpRelayUsername = "";
        private String smtpRelayPassword = "";
        private String syslogServer = "";
        private int syslogPort = 514;
        private boolean notifyMoveEmail = false;
        private boolean notifyMoveSyslog = false;
        private boolean notifyStaleEmail = false;
        private boolean notifyStaleSyslog = false;
        private boolean notifyOffsubnetEmail = false;
        private boolean notifyOffsubnetSyslog = false;
        private boolean notifyClearEmail = false;
        private boolean notifyClearSyslog = false;
        private boolean notifyRapidEmail = false;
        private boolean notifyRapidSyslog = false;
        private boolean autoClearStale = false;
        private boolean autoClearOffsubnet = false;
        private boolean analyzeMove = true;
        private boolean analyzeStale = true;
        private boolean analyzeOffsubnet = true;
        private boolean analyzeRapid = true;
        private boolean refreshRapid = true;
        private int maxPerNodeEndpointEvents = 64;
        private int maxEndpointEvents = 64;
        private boolean queueInitEvents = true;
        private boolean queueInitEpmEvents = true;
        private boolean staleNoLocal = true;
        private boolean staleMultipleLocal = true;
        private int rapidThreshold = 2048;
        private int rapidHoldtime = 600;
        private String tz = "";
        private int overlayVnid = 0;
        private String vpcPairType = "explicit";
        private double transitoryDelete = 60;
        private double transitoryOffsubnet = 10;
        private double transitoryStale = 45;
        private double transitoryStaleNoLocal = 315;
        private double transitoryRapid = 35;
        private double suppressWatchOffsubnet = 8;
        private double suppressWatchStale = 25;
        private double rapidCalculateInterval = 15;

        private Builder() {
        }

        public Builder emailAddress(String value) {
            this.emailAddress = value;
            return this;
        }

        public Builder smtpType(String value) {
            this.smtpType = value;
            return this;
        }

        public Builder smtpServerPort(int value) {
            this.smtpServerPort = value;
            return this;
        }

        public Builder smtpRelayServer(String value) {
            this.smtpRelayServer = value;
            return this;
        }

        public Builder smtpRelayAuthenticate(boolean value) {
            this.smtpRelayAuthenticate = value;
            return this;
        }

        public Builder smtpRelayUsername(String value) {
            this.smtpRelayUsername = value;
            return this;
        }

        public Builder smtpRelayPassword(String value) {
            this.smtpRelayPassword = value;
            return this;
        }

        public Builder syslogServer(String value) {
            this.syslogServer = value;
            return this;
        }

        public Builder syslogPort(int value) {
            this.syslogPort = value;
            return this;
        }

        public Builder notifyMoveEmail(boolean value) {
            this.notifyMoveEmail = value;
            return this;
        }

        public Builder notifyMoveSyslog(boolean value) {
            this.notifyMoveSyslog = value;
            return this;
        }

        public Builder notifyStaleEmail(boolean value) {
            this.notifyStaleEmail = value;
            return this;
        }

        public Builder notifyStaleSyslog(boolean value) {
            this.notifyStaleSyslog = value;
            return this;
        }

        public Builder notifyOffsubnetEmail(boolean value) {
            this.notifyOffsubnetEmail = value;
            return this;
        }

        public Builder notifyOffsubnetSyslog(boolean value) {
            this.notifyOffsubnetSyslog = value;
            return this;
        }

        public Builder notifyClearEmail(boolean value) {
            this.notifyClearEmail = value;
            return this;
        }

        public Builder notifyClearSyslog(boolean value) {
            this.notifyClearSyslog = value;
            return this;
        }

        public Builder notifyRapidEmail(boolean value) {
            this.notifyRapidEmail = value;
            return this;
        }

        public Builder notifyRapidSyslog(boolean value) {
            this.notifyRapidSyslog = value;
            return this;
        }

        public Builder autoClearStale(boolean value) {
            this.autoClearStale = value;
            return this;
        }

        public Builder autoClearOffsubnet(boolean value) {
            this.autoClearOffsubnet = value;
            return this;
        }

        public Builder analyzeMove(boolean value) {
            this.analyzeMove = value;
            return this;
        }

        public Builder analyzeStale(boolean value) {
            this.analyzeStale = value;
            return this;
        }

        public Builder analyzeOffsubnet(boolean value) {
            this.analyzeOffsubnet = value;
            return this;
        }

        public Builder analyzeRapid(boolean value) {
            this.analyzeRapid = value;
            return this;
        }

        public Builder refreshRapid(boolean value) {
            this.refreshRapid = value;
            return this;
        }

        public Builder maxPerNodeEndpointEvents(int value) {
            this.maxPerNodeEndpointEvents = value;
            return this;
        }

        public Builder maxEndpointEvents(int value) {
            this.maxEndpointEvents = value;
            return this;
        }

        public Builder queueInitEvents(boolean value) {
            this.queueInitEvents = value;
            return this;
        }

        public Builder queueInitEpmEvents(boolean value) {
            this.queueInitEpmEvents = value;
            return this;
        }

        public Builder staleNoLocal(boolean value) {
            this.staleNoLocal = value;
            return this;
        }

        public Builder staleMultipleLocal(boolean value) {
            this.staleMultipleLocal = value;
            return this;
        }

        public Builder rapidThreshold(int value) {
            this.rapidThreshold = value;
            return this;
        }

        public Builder rapidHoldtime(int value) {
            this.rapidHoldtime = value;
            return this;
        }

        public Builder tz(String value) {
            this.tz = value;
            return this;
        }

        public Builder overlayVnid(int value) {
            this.overlayVnid = value;
            return this;
        }

        public Builder vpcPairType(String value) {
            this.vpcPairType = value;
            return this;
        }

        public Builder transitoryDelete(double value) {
            this.transitoryDelete = value;
            return this;
        }

        public Builder transitoryOffsubnet(double value) {
            this.transitoryOffsubnet = value;
            return this;
        }

        public Builder transitoryStale(double value) {
            this.transitoryStale = value;
            return this;
        }

        public Builder transitoryStaleNoLocal(double value) {
            this.transitoryStaleNoLocal = value;
            return this;
        }

        public Builder transitoryRapid(double value) {
            this.transitoryRapid = value;
            return this;
        }

        public Builder suppressWatchOffsubnet(double value) {
            this.suppressWatchOffsubnet = value;
            return this;
        }

        public Builder suppressWatchStale(double value) {
            this.suppressWatchStale = value;
            return this;
        }

        public Builder rapidCalculateInterval(double value) {
            this.rapidCalculateInterval = value;
            return this;
        }

        public Settings build() {
            return new Settings(this);
        }
    }

    /** Cap of ept.endpoint.events, ept.move and ept.rapid (see Q3 note in {@link #perNodeCap()}). */
    public int endpointCap() {
        return maxEndpointEvents;
    }

    /**
     * Cap of per-node lists: ept.history, ept.stale, ept.offsubnet, ept.remediate. Deliberate change (Q3): the
     * original capped ept.move and ept.rapid by max_per_node_endpoint_events too; we follow the documentation
     * and cap those fabric-wide lists by max_endpoint_events instead.
     */
    public int perNodeCap() {
        return maxPerNodeEndpointEvents;
    }
}
