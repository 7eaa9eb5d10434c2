package io.ept.fabric;

import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.ObjectSchema;

import java.util.List;

import static io.ept.fabric.schema.Attribute.bool;
import static io.ept.fabric.schema.Attribute.floating;
import static io.ept.fabric.schema.Attribute.integer;
import static io.ept.fabric.schema.Attribute.list;
import static io.ept.fabric.schema.Attribute.string;

/** The fabric object (ept-reference 2.1) and its eptSettings (2.2): every field, default and validation. */
public final class FabricSchemas {

    public static final String FABRIC_NAME_PATTERN = "^[a-zA-Z0-9\\-\\.:_]{1,64}$";
    private static final String NO_SPACES = "^[^ ]{1,128}$";

    public static final ObjectSchema FABRIC = new ObjectSchema("fabric", List.<Attribute>of(
            string("fabric").pattern(FABRIC_NAME_PATTERN).readOnly().description("fabric name").build(),
            string("apic_hostname").description("APIC host or IP, optionally with scheme and :port (https assumed)").build(),
            string("apic_username").defaultValue("admin").pattern(NO_SPACES)
                    .description("APIC user with admin read rights in security domain all").build(),
            string("apic_password").secret().description("APIC password (write-only)").build(),
            string("apic_cert").description("path to the private key for certificate authentication").build(),
            string("ssh_username").defaultValue("admin").pattern(NO_SPACES)
                    .description("SSH user for clearing endpoints").build(),
            string("ssh_password").secret().description("SSH password (write-only)").build(),
            integer("subscription_refresh_time", 60).range(30, 36000)
                    .description("websocket subscription refresh period (values > 60 need APIC and switches >= 4.0)").build(),
            integer("session_timeout", 5400).range(900, 86400)
                    .description("APIC session lifetime before a graceful re-login and resubscribe").build(),
            integer("heartbeat_interval", 300).range(0, 86400).description("APIC liveness query period, 0 disables").build(),
            integer("heartbeat_max_retries", 3).range(1, 1024)
                    .description("consecutive heartbeat failures before the subscription is declared dead").build(),
            integer("heartbeat_timeout", 10).range(1, 120).description("timeout of one heartbeat query").build(),
            integer("max_events", 1024).range(5, 8192).description("fabric monitor event history length").build(),
            bool("auto_start", false).readOnly().description("set by start, cleared by stop").build(),
            list("controllers").readOnly().description("discovered APIC addresses (failover list)").build(),
            list("events").readOnly().description("fabric monitor events, newest first").build(),
            integer("event_count", 0).readOnly().description("total fabric monitor events").build(),
            floating("restart_ts").readOnly().description("time of the last start or stop").build(),
            list("apic_cert_pins").readOnly()
                    .description("pinned SHA-256 of each APIC's TLS certificate, {host, fingerprint, ts} (trust on first use)").build(),
            list("apic_cert_pending").readOnly()
                    .description("changed APIC certificates waiting for an admin: the fabric stays stopped until accepted").build(),
            list("ssh_host_key_pins").readOnly()
                    .description("pinned SHA-256 of each APIC's SSH host key, {host, fingerprint, ts} (trust on first use)").build(),
            list("ssh_host_key_pending").readOnly()
                    .description("changed SSH host keys waiting for an admin: clears are refused until accepted").build()));

    public static final ObjectSchema SETTINGS = new ObjectSchema("ept.settings", List.<Attribute>of(
            string("fabric").pattern(FABRIC_NAME_PATTERN).readOnly().build(),
            string("settings").defaultValue("default").readOnly().build(),
            string("email_address").pattern("^([a-zA-Z0-9\\-_\\.@\\+]+)?$").description("notification recipient").build(),
            string("smtp_type").defaultValue("direct").allowed("direct", "relay").build(),
            integer("smtp_server_port", 587).range(1, 65535).build(),
            string("smtp_relay_server").patternIgnoringCase("^[a-z0-9_\\.:\\-]{0,512}$").build(),
            bool("smtp_relay_authenticate", false).build(),
            string("smtp_relay_username").pattern("^[^ ;]*$").build(),
            string("smtp_relay_password").secret().build(),
            string("syslog_server").pattern("^([a-zA-Z0-9\\-_\\.\\+]+)?$").build(),
            integer("syslog_port", 514).range(1, 65534).build(),
            bool("notify_move_email", false).build(),
            bool("notify_move_syslog", false).build(),
            bool("notify_stale_email", false).build(),
            bool("notify_stale_syslog", false).build(),
            bool("notify_offsubnet_email", false).build(),
            bool("notify_offsubnet_syslog", false).build(),
            bool("notify_clear_email", false).build(),
            bool("notify_clear_syslog", false).build(),
            bool("notify_rapid_email", false).build(),
            bool("notify_rapid_syslog", false).build(),
            bool("auto_clear_stale", false).build(),
            bool("auto_clear_offsubnet", false).build(),
            bool("analyze_move", true).build(),
            bool("analyze_stale", true).build(),
            bool("analyze_offsubnet", true).build(),
            bool("analyze_rapid", true).build(),
            bool("refresh_rapid", true).build(),
            // The original documents 8-1024 but never enforced it (quirk Q2); EPT enforces the documented range.
            integer("max_per_node_endpoint_events", 64).range(8, 1024).build(),
            integer("max_endpoint_events", 64).range(8, 8192).build(),
            bool("queue_init_events", true).build(),
            bool("queue_init_epm_events", true).build(),
            bool("stale_no_local", true).build(),
            bool("stale_multiple_local", true).build(),
            integer("rapid_threshold", 2048).range(512, 65536).build(),
            integer("rapid_holdtime", 600).range(0, 86400).build(),
            string("tz").readOnly().description("fabric timezone, from datetimeFormat").build(),
            integer("overlay_vnid", 0).hidden().build(),
            string("vpc_pair_type").defaultValue("explicit").hidden().build()));

    private FabricSchemas() {
    }
}
