package io.ept.web.ui;

import io.ept.application.TableRows;
import io.ept.application.TableScope;
import io.ept.findings.FindingControls;
import io.ept.findings.FindingKind;
import io.ept.findings.MaintenanceWindow;
import io.ept.findings.SnoozeScope;
import io.ept.web.security.CurrentCaller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.ept.application.TableRows.FilterKind.CONTAINS;
import static io.ept.application.TableRows.FilterKind.EQUALS_INT;
import static io.ept.application.TableRows.FilterKind.EQUALS_TEXT;
import static io.ept.application.TableRows.FilterKind.NONE;

/**
 * The fabric's findings workflow page: maintenance windows, acknowledgements, snoozes, the finding log with each
 * finding's state (filterable), and the audit log. Writes go through {@link FindingControls}, which checks rights.
 */
@Named
@ViewScoped
public class WorkflowView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    UiServices services;

    @Inject
    FabricContext context;

    @Inject
    CurrentCaller caller;

    private String fabric;
    private LazyTableModel log;
    private List<Document> acks = List.of();
    private List<Document> snoozes = List.of();
    private List<Document> windows = List.of();
    private List<Document> audit = List.of();
    private FindingControls.ActiveWindow active;
    private boolean mayAcknowledge;

    // snooze form
    private String snoozeScope = "endpoint";
    private String snoozeTarget;
    private Integer snoozeVnid;
    private Integer snoozeMinutes = 60;
    private String snoozeComment;

    // window form
    private String windowKind = "once";
    private String windowDescription;
    private String windowStart;
    private String windowEnd;
    private List<String> windowDays = new ArrayList<>();
    private String windowDailyStart = "22:00";
    private Integer windowLength = 120;

    @PostConstruct
    void init() {
        fabric = context.getName();
        Map<String, TableRows.Field> fields = new HashMap<>();
        fields.put("ts", new TableRows.Field("ts", NONE));
        fields.put("kind", new TableRows.Field("kind", EQUALS_TEXT));
        fields.put("state", new TableRows.Field("state", EQUALS_TEXT));
        fields.put("addr", new TableRows.Field("addr", CONTAINS));
        fields.put("node", new TableRows.Field("node", EQUALS_INT));
        fields.put("rule_by", new TableRows.Field("rule_by", CONTAINS));
        fields.put("epg", new TableRows.Field("epg", CONTAINS));
        log = new LazyTableModel(services.tables().rows(FindingControls.LOG_COLLECTION, () -> TableScope.fabric(fabric),
                null, false, fields, "ts"));
        refresh();
    }

    public void refresh() {
        FindingControls controls = services.findingControls();
        try {
            acks = controls.acknowledgements(fabric);
            snoozes = controls.snoozes(fabric, false);
            windows = controls.windows(fabric);
            active = controls.activeWindow(fabric);
            audit = services.findingLog().recentAudit(fabric, 200);
            mayAcknowledge = caller.isAdmin() || (caller.isLoggedIn() && controls.acknowledgers(fabric).contains(caller.username()));
        } catch (RuntimeException e) {
            Messages.failure("Reading the workflow", e);
        }
        log.invalidate();
    }

    public void withdraw(Document ack) {
        act("Withdraw", () -> services.findingControls().withdrawAcknowledgement(fabric, caller.require(),
                ack.getObjectId("_id").toHexString()), "Acknowledgement withdrawn: later findings are notified again.");
    }

    public void cancelSnooze(Document snooze) {
        act("End snooze", () -> services.findingControls().cancelSnooze(fabric, caller.require(),
                snooze.getObjectId("_id").toHexString()), "Snooze ended.");
    }

    public void removeWindow(Document window) {
        if (!Access.admin(caller, "remove a maintenance window")) {
            return;
        }
        act("Remove window", () -> services.findingControls().removeWindow(fabric, caller.require(),
                window.getObjectId("_id").toHexString()), "Maintenance window removed.");
    }

    public void addSnooze() {
        act("Snooze", () -> {
            if (snoozeMinutes == null || snoozeMinutes < 1 || snoozeMinutes > 366 * 24 * 60) {
                throw new IllegalArgumentException("the duration must be 1 minute to 366 days");
            }
            SnoozeScope scope = SnoozeScope.of(snoozeScope);
            long now = System.currentTimeMillis();
            services.findingControls().snooze(fabric, caller.require(), scope,
                    scope == SnoozeScope.ENDPOINT && snoozeVnid != null ? snoozeVnid : 0,
                    snoozeTarget == null ? "" : snoozeTarget.trim(), now, now + snoozeMinutes * 60_000L, snoozeComment);
            snoozeTarget = null;
            snoozeComment = null;
        }, "Snoozed for " + snoozeMinutes + " minutes.");
    }

    public void addWindow() {
        if (!Access.admin(caller, "add a maintenance window")) {
            return;
        }
        act("Add window", () -> {
            MaintenanceWindow w;
            if ("weekly".equals(windowKind)) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                windowDays.forEach(d -> days.add(DayOfWeek.valueOf(d)));
                LocalTime start;
                try {
                    start = LocalTime.parse(windowDailyStart == null ? "" : windowDailyStart.trim());
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("daily start must be HH:MM");
                }
                if (windowLength == null || windowLength < 1 || windowLength > 7 * 24 * 60) {
                    throw new IllegalArgumentException("the length must be 1 to 10080 minutes");
                }
                w = MaintenanceWindow.weekly("", windowDescription, days, start, Duration.ofMinutes(windowLength), "", 0);
            } else {
                var zone = services.findingControls().zone(fabric);
                long start = localInput("start", windowStart).atZone(zone).toInstant().toEpochMilli();
                long end = localInput("end", windowEnd).atZone(zone).toInstant().toEpochMilli();
                if (end <= System.currentTimeMillis()) {
                    throw new IllegalArgumentException("the window is already over");
                }
                w = MaintenanceWindow.oneOff("", windowDescription, start, end, "", 0);
            }
            services.findingControls().addWindow(fabric, caller.require(), w);
            windowDescription = null;
        }, "Maintenance window added.");
    }

    private static LocalDateTime localInput(String name, String text) {
        try {
            return LocalDateTime.parse(text == null ? "" : text.trim(), LOCAL_INPUT);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " must be 'yyyy-MM-dd HH:mm' in the fabric's time zone");
        }
    }

    private void act(String action, Runnable change, String done) {
        try {
            change.run();
            Messages.info(action, done);
        } catch (RuntimeException e) {
            Messages.failure(action, e);
        }
        refresh();
    }

    /** "acknowledged by alice on ..." for a log row held by a rule; "" for open findings. */
    public String rule(Document row) {
        if (!row.containsKey("rule_by")) {
            return "";
        }
        Number at = row.get("rule_at", Number.class);
        return row.getString("rule_by") + (at == null ? "" : ", " + Formats.time(at.longValue() / 1000.0));
    }

    public String millis(Object value) {
        return value instanceof Number n ? Formats.time(n.longValue() / 1000.0) : "";
    }

    public String windowText(Document w) {
        if (w.containsKey("days")) {
            return "every " + String.join(", ", w.getList("days", String.class)) + " at " + w.getString("daily_start")
                    + " for " + Formats.duration(w.get("length_minutes", Number.class).longValue() * 60);
        }
        return millis(w.get("start")) + " to " + millis(w.get("end"));
    }

    public boolean isSnoozeActive(Document s) {
        long now = System.currentTimeMillis();
        return s.get("until", Number.class).longValue() > now && s.get("from", Number.class).longValue() <= now;
    }

    public String getActiveText() {
        if (active == null) {
            return "";
        }
        return (active.window().description().isEmpty() ? "maintenance" : active.window().description()) + ", until "
                + Formats.time(active.endsAtMillis() / 1000.0);
    }

    public List<String> getKinds() {
        return java.util.Arrays.stream(FindingKind.values()).map(FindingKind::wireName).toList();
    }

    public List<String> getDaysOfWeek() {
        return java.util.Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList();
    }

    public String dayLabel(String day) {
        return day.substring(0, 1) + day.substring(1, 3).toLowerCase(Locale.ROOT);
    }

    public String getZone() {
        return services.findingControls().zone(fabric).getId();
    }

    public String getFabric() { return fabric; }
    public LazyTableModel getLog() { return log; }
    public List<Document> getAcks() { return acks; }
    public List<Document> getSnoozes() { return snoozes; }
    public List<Document> getWindows() { return windows; }
    public List<Document> getAudit() { return audit; }
    public boolean isMaintenanceActive() { return active != null; }
    public boolean isMayAcknowledge() { return mayAcknowledge; }
    public String getSnoozeScope() { return snoozeScope; }
    public void setSnoozeScope(String v) { snoozeScope = v; }
    public String getSnoozeTarget() { return snoozeTarget; }
    public void setSnoozeTarget(String v) { snoozeTarget = v; }
    public Integer getSnoozeVnid() { return snoozeVnid; }
    public void setSnoozeVnid(Integer v) { snoozeVnid = v; }
    public Integer getSnoozeMinutes() { return snoozeMinutes; }
    public void setSnoozeMinutes(Integer v) { snoozeMinutes = v; }
    public String getSnoozeComment() { return snoozeComment; }
    public void setSnoozeComment(String v) { snoozeComment = v; }
    public String getWindowKind() { return windowKind; }
    public void setWindowKind(String v) { windowKind = v; }
    public String getWindowDescription() { return windowDescription; }
    public void setWindowDescription(String v) { windowDescription = v; }
    public String getWindowStart() { return windowStart; }
    public void setWindowStart(String v) { windowStart = v; }
    public String getWindowEnd() { return windowEnd; }
    public void setWindowEnd(String v) { windowEnd = v; }
    public List<String> getWindowDays() { return windowDays; }
    public void setWindowDays(List<String> v) { windowDays = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public String getWindowDailyStart() { return windowDailyStart; }
    public void setWindowDailyStart(String v) { windowDailyStart = v; }
    public Integer getWindowLength() { return windowLength; }
    public void setWindowLength(Integer v) { windowLength = v; }
}
