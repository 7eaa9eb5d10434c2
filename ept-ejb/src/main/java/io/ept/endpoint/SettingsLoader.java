package io.ept.endpoint;

import io.ept.analysis.model.Settings;
import org.bson.Document;

import java.util.function.Consumer;

/**
 * Maps an ept.settings document (snake_case fields of ept-reference 2.2) to the analysis {@link Settings}; fields
 * missing from the document keep their defaults. The hard-coded timers of 2.5 come from {@link Timers}.
 */
public final class SettingsLoader {

    /** Transitory delays (seconds), overridable by MicroProfile Config so integration tests can shorten them. */
    public record Timers(double offsubnet, double stale, double staleNoLocal, double rapid, double delete) {
        public static final Timers ORIGINAL = new Timers(10, 45, 315, 35, 60);
    }

    private SettingsLoader() {
    }

    /** @param relayPassword decrypted smtp_relay_password ("" if none) */
    public static Settings fromDocument(Document d, String relayPassword, Timers timers) {
        Settings.Builder b = Settings.builder();
        string(d, "email_address", b::emailAddress);
        string(d, "smtp_type", b::smtpType);
        integer(d, "smtp_server_port", b::smtpServerPort);
        string(d, "smtp_relay_server", b::smtpRelayServer);
        bool(d, "smtp_relay_authenticate", b::smtpRelayAuthenticate);
        string(d, "smtp_relay_username", b::smtpRelayUsername);
        b.smtpRelayPassword(relayPassword == null ? "" : relayPassword);
        string(d, "syslog_server", b::syslogServer);
        integer(d, "syslog_port", b::syslogPort);
        bool(d, "notify_move_email", b::notifyMoveEmail);
        bool(d, "notify_move_syslog", b::notifyMoveSyslog);
        bool(d, "notify_stale_email", b::notifyStaleEmail);
        bool(d, "notify_stale_syslog", b::notifyStaleSyslog);
        bool(d, "notify_offsubnet_email", b::notifyOffsubnetEmail);
        bool(d, "notify_offsubnet_syslog", b::notifyOffsubnetSyslog);
        bool(d, "notify_clear_email", b::notifyClearEmail);
        bool(d, "notify_clear_syslog", b::notifyClearSyslog);
        bool(d, "notify_rapid_email", b::notifyRapidEmail);
        bool(d, "notify_rapid_syslog", b::notifyRapidSyslog);
        bool(d, "auto_clear_stale", b::autoClearStale);
        bool(d, "auto_clear_offsubnet", b::autoClearOffsubnet);
        bool(d, "analyze_move", b::analyzeMove);
        bool(d, "analyze_stale", b::analyzeStale);
        bool(d, "analyze_offsubnet", b::analyzeOffsubnet);
        bool(d, "analyze_rapid", b::analyzeRapid);
        bool(d, "refresh_rapid", b::refreshRapid);
        integer(d, "max_per_node_endpoint_events", b::maxPerNodeEndpointEvents);
        integer(d, "max_endpoint_events", b::maxEndpointEvents);
        bool(d, "queue_init_events", b::queueInitEvents);
        bool(d, "queue_init_epm_events", b::queueInitEpmEvents);
        bool(d, "stale_no_local", b::staleNoLocal);
        bool(d, "stale_multiple_local", b::staleMultipleLocal);
        integer(d, "rapid_threshold", b::rapidThreshold);
        integer(d, "rapid_holdtime", b::rapidHoldtime);
        string(d, "tz", b::tz);
        integer(d, "overlay_vnid", b::overlayVnid);
        string(d, "vpc_pair_type", b::vpcPairType);
        return b.transitoryOffsubnet(timers.offsubnet()).transitoryStale(timers.stale())
                .transitoryStaleNoLocal(timers.staleNoLocal()).transitoryRapid(timers.rapid())
                .transitoryDelete(timers.delete()).build();
    }

    private static void string(Document d, String key, Consumer<String> setter) {
        if (d.get(key) instanceof String s) {
            setter.accept(s);
        }
    }

    private static void integer(Document d, String key, java.util.function.IntConsumer setter) {
        if (d.get(key) instanceof Number n) {
            setter.accept(n.intValue());
        }
    }

    private static void bool(Document d, String key, Consumer<Boolean> setter) {
        if (d.get(key) instanceof Boolean v) {
            setter.accept(v);
        }
    }

}
