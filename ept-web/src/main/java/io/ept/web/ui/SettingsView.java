package io.ept.web.ui;

import io.ept.analysis.model.SettingsSection;
import io.ept.fabric.FabricRepository;
import io.ept.fabric.FabricSchemas;
import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.AttributeType;
import io.ept.fabric.schema.ObjectSchema;
import io.ept.monitor.FabricVerifier;
import io.ept.notify.NotificationDispatcher;
import io.ept.web.security.CurrentCaller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fabric settings (ept-reference 6): Connectivity, Notifications, Remediate and Advanced, over the fabric object
 * and its eptSettings. Save validates with the same schemas as the REST API, stores only what changed, then
 * reloads the settings into a running monitor, verifies the APIC and SSH access, discovers the controllers and,
 * when connectivity changed, offers a restart. Also: test email/syslog, delete all endpoint records, delete fabric.
 */
@Named
@ViewScoped
public class SettingsView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One form field: which object it belongs to, its attribute, and how the page labels it. */
    public record Field(String object, String name, String label, String help, String type, Long min, Long max,
                        List<String> options, boolean appliesOnRestart) implements Serializable {
        public String getKey() { return object + "." + name; }
        public String getLabel() { return label; }
        public String getHelp() { return help; }
        public String getType() { return type; }
        public Long getMin() { return min; }
        public Long getMax() { return max; }
        public List<String> getOptions() { return options; }
    }

    public record Section(String title, String intro, List<Field> fields) implements Serializable {
        public String getTitle() { return title; }
        public String getIntro() { return intro; }
        public List<Field> getFields() { return fields; }
    }

    @Inject
    UiServices services;

    @Inject
    FabricContext context;

    @Inject
    CurrentCaller caller;

    private String fabric;
    private List<Section> sections;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Object> original = new HashMap<>();
    private String verifyResult;
    private boolean verifyOk;
    private boolean offerRestart;

    @PostConstruct
    void init() {
        fabric = context.getName();
        sections = sections();
        load();
    }

    /** The form's tabs, each with the fields its attributes declare, settings before fabric ones. */
    static List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        for (SettingsSection section : SettingsSection.values()) {
            List<Field> fields = new ArrayList<>();
            for (String object : List.of("settings", "fabric")) {
                for (Attribute a : schema(object).attributes()) {
                    if (a.form() != null && a.form().section() == section) {
                        fields.add(field(object, a));
                    }
                }
            }
            sections.add(new Section(section.title(), section.intro(), List.copyOf(fields)));
        }
        return List.copyOf(sections);
    }

    private static ObjectSchema schema(String object) {
        return "fabric".equals(object) ? FabricSchemas.FABRIC : FabricSchemas.SETTINGS;
    }

    private static Field field(String object, Attribute a) {
        String type = a.secret() ? "secret" : !a.allowed().isEmpty() ? "choice" : switch (a.type()) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            default -> "string";
        };
        String help = a.form().help();
        if (help.isEmpty() && a.type() == AttributeType.INTEGER && a.min() != null) {
            help = a.min() + " to " + a.max();
        }
        return new Field(object, a.name(), a.form().label(), help, type, a.min(), a.max(), a.allowed(), a.appliesOnRestart());
    }

    private void load() {
        Document fabricDoc = services.fabrics().requireFabric(fabric);
        Document settingsDoc = services.fabrics().settings(fabric);
        values.clear();
        original.clear();
        for (Section section : sections) {
            for (Field field : section.fields()) {
                Document source = "fabric".equals(field.object()) ? fabricDoc : settingsDoc;
                Object value = "secret".equals(field.type()) ? ""
                        : source.getOrDefault(field.name(), schema(field.object()).attribute(field.name()).defaultValue());
                if (value instanceof Number n && "integer".equals(field.type())) {
                    value = n.longValue();
                }
                values.put(field.getKey(), value);
                original.put(field.getKey(), value);
            }
        }
        values.put("secret.apic_password.set", isSet(fabricDoc, "apic_password"));
        values.put("secret.ssh_password.set", isSet(fabricDoc, "ssh_password"));
        values.put("secret.smtp_relay_password.set", isSet(settingsDoc, "smtp_relay_password"));
    }

    private static boolean isSet(Document doc, String name) {
        return doc.getString(name) != null && !doc.getString(name).isEmpty();
    }

    public void save() {
        if (!Access.admin(caller, "save settings")) {
            return;
        }
        Map<String, Object> fabricChanges = new LinkedHashMap<>();
        Map<String, Object> settingsChanges = new LinkedHashMap<>();
        for (Section section : sections) {
            for (Field field : section.fields()) {
                Object value = normalise(field, values.get(field.getKey()));
                if ("secret".equals(field.type()) && (value == null || value.toString().isEmpty())) {
                    continue; // empty password field: keep the stored secret
                }
                if (!Objects.equals(value, normalise(field, original.get(field.getKey())))) {
                    ("fabric".equals(field.object()) ? fabricChanges : settingsChanges).put(field.name(), value);
                }
            }
        }
        if (fabricChanges.isEmpty() && settingsChanges.isEmpty()) {
            Messages.info("Nothing to save", "No setting was changed.");
            return;
        }
        try {
            // validate both before storing either, so a bad value never leaves half a save behind
            Map<String, Object> fabricValid = FabricSchemas.FABRIC.validateInput(fabricChanges, Set.of());
            Map<String, Object> settingsValid = FabricSchemas.SETTINGS.validateInput(settingsChanges, Set.of());
            FabricRepository repository = services.fabrics();
            repository.updateFabric(fabric, fabricValid);
            repository.updateSettings(fabric, settingsValid);
        } catch (RuntimeException e) {
            Messages.failure("Save", e);
            return;
        }
        List<String> done = new ArrayList<>();
        done.add((fabricChanges.size() + settingsChanges.size()) + " setting(s) saved");
        boolean running = services.manager().isRunning(fabric);
        if (running && !settingsChanges.isEmpty()) {
            services.manager().reloadSettings(fabric);
            done.add("analysis settings reloaded");
        }
        Messages.info("Settings saved", String.join("; ", done) + ".");
        verify();
        offerRestart = running && sections.stream().flatMap(section -> section.fields().stream())
                .anyMatch(field -> field.appliesOnRestart() && fabricChanges.containsKey(field.name()));
        load();
    }

    /** Checks the APIC login and rights and the SSH path to a leaf, then discovers the APIC failover list. */
    public void verify() {
        if (!Access.admin(caller, "verify")) {
            return;
        }
        try {
            FabricVerifier.Verification v = services.verifier().verify(fabric);
            verifyOk = v.success();
            verifyResult = v.success() ? "APIC and SSH access verified."
                    : "Verification found problems: " + (v.apicError().isEmpty() ? "" : "APIC: " + v.apicError() + " ")
                    + (v.sshError().isEmpty() ? "" : "SSH: " + v.sshError());
            if (v.apicError().isEmpty()) {
                List<String> controllers = services.verifier().discoverControllers(fabric);
                verifyResult += " Controllers: " + (controllers.isEmpty() ? "none found" : String.join(", ", controllers)) + ".";
            }
        } catch (RuntimeException e) {
            verifyOk = false;
            verifyResult = "Verification failed: " + e.getMessage();
        }
    }

    public void restart() {
        if (!Access.admin(caller, "restart the fabric monitor")) {
            return;
        }
        offerRestart = false;
        try {
            services.manager().start(fabric, "restarted after a settings change by " + caller.username());
            Messages.info("Restarting", "The monitor of " + fabric + " restarts with the new settings.");
        } catch (RuntimeException e) {
            Messages.failure("Restart", e);
        }
    }

    public void testEmail() {
        if (!Access.admin(caller, "send a test email")) {
            return;
        }
        if (services.fabrics().settings(fabric).getString("email_address").isBlank()) {
            Messages.error("Test email", "No email address is saved for " + fabric + ": set one and save first.");
            return;
        }
        report("Test email", services.notifications().sendTestEmail(fabric));
    }

    public void testSyslog() {
        if (!Access.admin(caller, "send a test syslog message")) {
            return;
        }
        if (services.fabrics().settings(fabric).getString("syslog_server").isBlank()) {
            Messages.error("Test syslog", "No syslog server is saved for " + fabric + ": set one and save first.");
            return;
        }
        report("Test syslog", services.notifications().sendTestSyslog(fabric));
    }

    private void report(String what, NotificationDispatcher.TestResult result) {
        if (result.success()) {
            Messages.info(what, "Sent.");
        } else {
            Messages.error(what + " failed", result.error());
        }
    }

    // ---- trust: pinned APIC certificate and SSH host key fingerprints ------------------------------------------

    /** One pinned or changed fingerprint, for the settings page. */
    public record TrustRow(String what, String host, String pinned, String pending) {
        public String getWhat() { return what; }
        public String getHost() { return host; }
        public String getPinned() { return pinned; }
        public String getPending() { return pending; }
    }

    /** Every pinned fingerprint with its pending replacement (empty when unchanged). */
    public List<TrustRow> getTrustRows() {
        Document doc = services.fabrics().requireFabric(fabric);
        List<TrustRow> rows = new java.util.ArrayList<>();
        for (io.ept.fabric.TrustPins.Kind kind : io.ept.fabric.TrustPins.Kind.values()) {
            List<Document> pending = io.ept.fabric.TrustPins.list(doc, kind.pendingField);
            for (Document pin : io.ept.fabric.TrustPins.list(doc, kind.pinsField)) {
                String changed = pending.stream().filter(p -> p.getString("host").equals(pin.getString("host")))
                        .map(p -> p.getString("fingerprint")).findFirst().orElse("");
                rows.add(new TrustRow(kind.label, pin.getString("host"), pin.getString("fingerprint"), changed));
            }
        }
        return rows;
    }

    public boolean isTrustChanged() {
        return getTrustRows().stream().anyMatch(r -> !r.pending().isEmpty());
    }

    /** Accepts the changed fingerprints as the new pins and starts the monitor. */
    public void acceptTrust() {
        if (!Access.admin(caller, "accept changed fingerprints")) {
            return;
        }
        try {
            int accepted = new io.ept.fabric.TrustPins(services.fabrics()).accept(fabric);
            services.manager().start(fabric, "started after " + caller.username() + " accepted " + accepted
                    + " changed fingerprint(s)");
            Messages.info("Fingerprints accepted", accepted + " changed fingerprint(s) accepted; the monitor of " + fabric + " starts.");
        } catch (RuntimeException e) {
            Messages.failure("Accept fingerprints", e);
        }
    }

    /** Forgets every pin: the next connections pin what they see. */
    public void resetTrust() {
        if (!Access.admin(caller, "forget pinned fingerprints")) {
            return;
        }
        try {
            new io.ept.fabric.TrustPins(services.fabrics()).reset(fabric);
            Messages.info("Pins forgotten", "The next connections to the APIC pin the certificate and host key they present.");
        } catch (RuntimeException e) {
            Messages.failure("Forget pins", e);
        }
    }

    public void deleteEndpoints() {
        if (!Access.admin(caller, "delete all endpoint records")) {
            return;
        }
        try {
            long count = services.endpointActions().deleteAll(fabric, null);
            Messages.info("Endpoints deleted", String.format("%,d endpoint(s) and their history were deleted.", count));
        } catch (RuntimeException e) {
            Messages.failure("Delete endpoints", e);
        }
    }

    public void deleteFabric() throws IOException {
        if (!Access.admin(caller, "delete fabric")) {
            return;
        }
        try {
            services.fabricService().delete(fabric, "fabric deleted from the web UI by " + caller.username());
        } catch (RuntimeException e) {
            Messages.failure("Delete fabric", e);
            return;
        }
        FacesContext context = FacesContext.getCurrentInstance();
        context.getExternalContext().getFlash().setKeepMessages(true);
        Messages.info("Fabric deleted", "Fabric " + fabric + " and all its records were deleted.");
        context.getExternalContext().redirect(context.getExternalContext().getRequestContextPath() + "/index.xhtml");
    }

    /** Form values arrive as the components produce them (Long, BigDecimal, String...); compare them as the schema's types. */
    static Object normalise(Field field, Object value) {
        if (value == null) {
            return "boolean".equals(field.type()) ? Boolean.FALSE : null;
        }
        return switch (field.type()) {
            case "integer" -> value instanceof Number n ? (Object) n.longValue() : parseLong(value.toString());
            case "boolean" -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
            default -> value.toString().trim();
        };
    }

    private static Object parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return text; // the schema names the field in its error
        }
    }

    public String getFabric() {
        return fabric;
    }

    public List<Section> getSections() {
        return sections;
    }

    public Map<String, Object> getValues() {
        return values;
    }

    public String getVerifyResult() {
        return verifyResult;
    }

    public boolean isVerifyOk() {
        return verifyOk;
    }

    public boolean isOfferRestart() {
        return offerRestart;
    }

    public boolean isRunning() {
        return services.manager().isRunning(fabric);
    }
}
