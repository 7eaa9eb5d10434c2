package io.ept.fabric;

import io.ept.analysis.model.Setting;
import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.ObjectSchema;

import java.util.List;
import java.util.stream.Stream;

import static io.ept.fabric.schema.Attribute.bool;
import static io.ept.fabric.schema.Attribute.floating;
import static io.ept.fabric.schema.Attribute.integer;
import static io.ept.fabric.schema.Attribute.list;
import static io.ept.fabric.schema.Attribute.string;
import static io.ept.analysis.model.SettingsSection.ADVANCED;
import static io.ept.analysis.model.SettingsSection.CONNECTIVITY;

/**
 * The fabric object (ept-reference 2.1) and its eptSettings (2.2): every field, default and validation, and where the
 * settings form shows it. The eptSettings' fields are declared once, in {@link Setting}.
 */
public final class FabricSchemas {

    public static final String FABRIC_NAME_PATTERN = "^[a-zA-Z0-9\\-\\.:_]{1,64}$";
    private static final String NO_SPACES = "^[^ ]{1,128}$";

    public static final ObjectSchema FABRIC = new ObjectSchema("fabric", List.<Attribute>of(
            string("fabric").pattern(FABRIC_NAME_PATTERN).readOnly().description("fabric name").build(),
            string("apic_hostname").description("APIC host or IP, optionally with scheme and :port (https assumed)")
                    .form(CONNECTIVITY, "APIC hostname", "host or IP, optionally https://host:port").appliesOnRestart().build(),
            string("apic_username").defaultValue("admin").pattern(NO_SPACES)
                    .description("APIC user with admin read rights in security domain all")
                    .form(CONNECTIVITY, "APIC username", "needs admin read rights in security domain all").appliesOnRestart().build(),
            string("apic_password").secret().description("APIC password (write-only)")
                    .form(CONNECTIVITY, "APIC password", "").appliesOnRestart().build(),
            string("apic_cert").description("path to the private key for certificate authentication")
                    .form(CONNECTIVITY, "APIC certificate key", "path to a private key for certificate login (instead of a password)")
                    .appliesOnRestart().build(),
            string("ssh_username").defaultValue("admin").pattern(NO_SPACES)
                    .description("SSH user for clearing endpoints")
                    .form(CONNECTIVITY, "SSH username", "used to clear endpoints on leafs through the APIC").appliesOnRestart().build(),
            string("ssh_password").secret().description("SSH password (write-only)")
                    .form(CONNECTIVITY, "SSH password", "").appliesOnRestart().build(),
            // in the order the settings form shows them
            integer("max_events", 1024).range(5, 8192).description("fabric monitor event history length")
                    .form(ADVANCED, "Max fabric events", "").build(),
            integer("heartbeat_interval", 300).range(0, 86400).description("APIC liveness query period, 0 disables")
                    .form(ADVANCED, "Heartbeat interval", "seconds, 0 disables").appliesOnRestart().build(),
            integer("heartbeat_max_retries", 3).range(1, 1024)
                    .description("consecutive heartbeat failures before the subscription is declared dead")
                    .form(ADVANCED, "Heartbeat retries", "").appliesOnRestart().build(),
            integer("heartbeat_timeout", 10).range(1, 120).description("timeout of one heartbeat query")
                    .form(ADVANCED, "Heartbeat timeout", "seconds").appliesOnRestart().build(),
            integer("session_timeout", 5400).range(900, 86400)
                    .description("APIC session lifetime before a graceful re-login and resubscribe")
                    .form(ADVANCED, "APIC session timeout", "seconds").appliesOnRestart().build(),
            integer("subscription_refresh_time", 60).range(30, 36000)
                    .description("websocket subscription refresh period (values > 60 need APIC and switches >= 4.0)")
                    .form(ADVANCED, "Subscription refresh", "seconds (above 60 needs APIC and switches 4.0+)").appliesOnRestart().build(),
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

    /** The settings object: its key, then every stored analysis setting as {@link Setting} declares it. */
    public static final ObjectSchema SETTINGS = new ObjectSchema("ept.settings", Stream.concat(Stream.of(
                    string("fabric").pattern(FABRIC_NAME_PATTERN).readOnly().build(),
                    string("settings").defaultValue("default").readOnly().build()),
            Setting.stored().stream().map(Attribute::of)).toList());

    private FabricSchemas() {
    }
}
