package io.ept.web.api;

import io.ept.application.FindingLog;
import io.ept.fabric.FabricRepository;
import io.ept.findings.FindingControls;
import io.ept.findings.FindingKind;
import io.ept.findings.MaintenanceWindow;
import io.ept.findings.SnoozeScope;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The findings workflow of a fabric: acknowledgements, snoozes, maintenance windows, the finding log with each
 * finding's state, who may acknowledge, and the audit log. Reads need the user role; acknowledging and snoozing
 * need admin or the fabric's acknowledger right; windows and rights need admin.
 */
@RolesAllowed(Roles.USER)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "findings workflow", description = "acknowledge and snooze findings, maintenance windows, finding log, audit")
public class FindingsWorkflowResource {

    static final int MAX_PAGE = 1000;

    @Inject
    FindingControls controls;

    @Inject
    FabricRepository fabrics;

    @Inject
    CurrentCaller current;

    @Inject
    FindingLog log;

    @Schema(name = "Acknowledgement")
    public record AckRequest(@Schema(required = true, enumeration = {"move", "stale", "offsubnet", "rapid", "clear"}) String kind,
                             @Schema(required = true) Integer vnid, @Schema(required = true) String addr,
                             @Schema(description = "node of a stale, offsubnet or clear finding; 0 or absent for move and rapid") Integer node,
                             String comment) {
    }

    @Schema(name = "Snooze")
    public record SnoozeRequest(@Schema(required = true, enumeration = {"endpoint", "epg", "bd", "subnet"}) String scope,
                                @Schema(required = true, description = "endpoint address, EPG dn, BD dn or subnet prefix/len") String target,
                                @Schema(description = "endpoint scope only: its vnid, 0 or absent for any") Integer vnid,
                                @Schema(description = "how long from now, in minutes (or give until)") Integer duration_minutes,
                                @Schema(description = "end: ISO-8601 instant or epoch seconds (or give duration_minutes)") String until,
                                String comment) {
    }

    @Schema(name = "MaintenanceWindow")
    public record WindowRequest(String description,
                                @Schema(description = "one-off: ISO-8601 instant or epoch seconds") String start,
                                @Schema(description = "one-off: ISO-8601 instant or epoch seconds") String end,
                                @Schema(description = "weekly: days such as [\"sat\",\"sun\"]") List<String> days,
                                @Schema(description = "weekly: HH:MM in the fabric's time zone") String daily_start,
                                @Schema(description = "weekly: length of each occurrence (1 to 10080)") Integer length_minutes) {
    }

    @Schema(name = "FindingRights")
    public record RightsRequest(@Schema(required = true, description = "users (besides admins) who may acknowledge and snooze")
                                List<String> acknowledgers) {
    }

    // ---- acknowledgements

    @GET
    @Path("uni/fb-{fabric}/ack")
    @Operation(summary = "Acknowledged findings of the fabric, newest first, with who and when")
    public JsonObject acks(@PathParam("fabric") String fabric) {
        return list("ept.ack", controls.acknowledgements(fabric).stream().map(FindingsWorkflowResource::ackView).toList());
    }

    @POST
    @io.ept.web.security.AcknowledgerRoute
    @Path("uni/fb-{fabric}/ack")
    @Operation(summary = "Acknowledge a finding with a comment: later occurrences are recorded but not notified, "
            + "published nor auto-cleared until the acknowledgement is withdrawn (admin or acknowledger)")
    @RequestBody(content = @Content(schema = @Schema(implementation = AckRequest.class)))
    public JsonObject acknowledge(@PathParam("fabric") String fabric, JsonObject body) {
        JsonObject in = Bodies.require(body, Set.of("kind", "vnid", "addr", "node", "comment"));
        FindingKind kind = FindingKind.of(Bodies.string(in, "kind"));
        int node = optionalInt(in, "node", 0);
        if ((kind == FindingKind.MOVE || kind == FindingKind.RAPID) && node != 0) {
            throw new io.ept.domain.InvalidValueException("node", "a " + kind.wireName() + " finding is endpoint-wide: leave node out");
        }
        Document doc = controls.acknowledge(fabric, current.require(), kind, requiredInt(in, "vnid"),
                Bodies.string(in, "addr"), node, optionalString(in, "comment"));
        return list("ept.ack", List.of(ackView(doc)));
    }

    @DELETE
    @io.ept.web.security.AcknowledgerRoute
    @Path("uni/fb-{fabric}/ack/{id}")
    @Operation(summary = "Withdraw an acknowledgement (admin or acknowledger)")
    public JsonObject withdraw(@PathParam("fabric") String fabric, @PathParam("id") String id) {
        controls.withdrawAcknowledgement(fabric, current.require(), id);
        return Jsons.success();
    }

    // ---- snoozes

    @GET
    @Path("uni/fb-{fabric}/snooze")
    @Operation(summary = "Snoozes of the fabric, newest first; ?active=true: only those not over yet")
    public JsonObject snoozes(@PathParam("fabric") String fabric,
                              @Parameter(description = "true: only snoozes not over yet") @QueryParam("active") String active) {
        boolean activeOnly = bool("active", active);
        long now = System.currentTimeMillis();
        return list("ept.snooze", controls.snoozes(fabric, activeOnly).stream().map(d -> snoozeView(d, now)).toList());
    }

    @POST
    @io.ept.web.security.AcknowledgerRoute
    @Path("uni/fb-{fabric}/snooze")
    @Operation(summary = "Snooze an endpoint, an EPG, a BD or a subnet for a duration (admin or acknowledger)")
    @RequestBody(content = @Content(schema = @Schema(implementation = SnoozeRequest.class)))
    public JsonObject snooze(@PathParam("fabric") String fabric, JsonObject body) {
        JsonObject in = Bodies.require(body, Set.of("scope", "target", "vnid", "duration_minutes", "until", "comment"));
        SnoozeScope scope = SnoozeScope.of(Bodies.string(in, "scope"));
        int vnid = optionalInt(in, "vnid", 0);
        if (scope != SnoozeScope.ENDPOINT && vnid != 0) {
            throw new io.ept.domain.InvalidValueException("vnid", "vnid applies to the endpoint scope only");
        }
        long now = System.currentTimeMillis();
        long until;
        if (in.containsKey("duration_minutes") == in.containsKey("until")) {
            throw new IllegalArgumentException("give either duration_minutes or until");
        } else if (in.containsKey("duration_minutes")) {
            int minutes = requiredInt(in, "duration_minutes");
            if (minutes < 1 || minutes > 366 * 24 * 60) {
                throw new io.ept.domain.InvalidValueException("duration_minutes", "duration_minutes must be 1 to 527040 (366 days)");
            }
            until = now + minutes * 60_000L;
        } else {
            until = instant(in, "until");
        }
        Document doc = controls.snooze(fabric, current.require(), scope, vnid, Bodies.string(in, "target"), now, until,
                optionalString(in, "comment"));
        return list("ept.snooze", List.of(snoozeView(doc, now)));
    }

    @DELETE
    @io.ept.web.security.AcknowledgerRoute
    @Path("uni/fb-{fabric}/snooze/{id}")
    @Operation(summary = "End a snooze now (admin or acknowledger)")
    public JsonObject cancelSnooze(@PathParam("fabric") String fabric, @PathParam("id") String id) {
        controls.cancelSnooze(fabric, current.require(), id);
        return Jsons.success();
    }

    // ---- maintenance windows

    @GET
    @Path("uni/fb-{fabric}/maintenance")
    @Operation(summary = "Maintenance windows of the fabric (one-off and weekly), each with whether it is active now")
    public JsonObject windows(@PathParam("fabric") String fabric) {
        var active = controls.activeWindow(fabric);
        String activeId = active == null ? "" : active.window().id();
        return list("ept.maintenance", controls.windows(fabric).stream()
                .map(d -> windowView(d, activeId.equals(d.getObjectId("_id").toHexString()))).toList());
    }

    @GET
    @Path("uni/fb-{fabric}/maintenance/active")
    @Operation(summary = "The window in force now: {active, id, description, ends_at (epoch s), time_zone}")
    public JsonObject activeWindow(@PathParam("fabric") String fabric) {
        fabrics.requireFabric(fabric);
        var active = controls.activeWindow(fabric);
        var json = Json.createObjectBuilder().add("active", active != null)
                .add("time_zone", controls.zone(fabric).getId());
        if (active != null) {
            json.add("id", active.window().id()).add("description", active.window().description())
                    .add("ends_at", active.endsAtMillis() / 1000.0);
        }
        return json.build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/maintenance")
    @Operation(summary = "Add a maintenance window: {start, end} once, or {days, daily_start, length_minutes} every week in "
            + "the fabric's time zone; findings inside are recorded and marked, not notified, published nor auto-cleared")
    @RequestBody(content = @Content(schema = @Schema(implementation = WindowRequest.class)))
    public JsonObject addWindow(@PathParam("fabric") String fabric, JsonObject body) {
        JsonObject in = Bodies.require(body, Set.of("description", "start", "end", "days", "daily_start", "length_minutes"));
        String description = optionalString(in, "description");
        boolean weekly = in.containsKey("days") || in.containsKey("daily_start") || in.containsKey("length_minutes");
        boolean once = in.containsKey("start") || in.containsKey("end");
        if (weekly == once) {
            throw new IllegalArgumentException("give either start and end (one-off) or days, daily_start and length_minutes (weekly)");
        }
        MaintenanceWindow window;
        if (once) {
            long start = instant(in, "start");
            long end = instant(in, "end");
            if (end <= System.currentTimeMillis()) {
                throw new io.ept.domain.InvalidValueException("end", "the window is already over");
            }
            window = MaintenanceWindow.oneOff("", description, start, end, "", 0);
        } else {
            int minutes = requiredInt(in, "length_minutes");
            if (minutes < 1 || minutes > 7 * 24 * 60) {
                throw new io.ept.domain.InvalidValueException("length_minutes", "length_minutes must be 1 to 10080 (a week)");
            }
            window = MaintenanceWindow.weekly("", description, days(in), time(Bodies.string(in, "daily_start")),
                    Duration.ofMinutes(minutes), "", 0);
        }
        Document doc = controls.addWindow(fabric, current.require(), window);
        return list("ept.maintenance", List.of(windowView(doc, false)));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("uni/fb-{fabric}/maintenance/{id}")
    @Operation(summary = "Remove a maintenance window")
    public JsonObject removeWindow(@PathParam("fabric") String fabric, @PathParam("id") String id) {
        fabrics.requireFabric(fabric);
        controls.removeWindow(fabric, current.require(), id);
        return Jsons.success();
    }

    // ---- finding log, rights, audit

    @GET
    @Path("uni/fb-{fabric}/finding")
    @Operation(summary = "Finding log, newest first: every confirmed finding with its state (open, acknowledged, snoozed, "
            + "maintenance) and the rule's author and time; filter by state, kind, addr; page and page-size (max 1000)")
    public JsonObject findingLog(@PathParam("fabric") String fabric,
                                 @Parameter(description = "open, acknowledged, snoozed or maintenance") @QueryParam("state") String state,
                                 @Parameter(description = "move, stale, offsubnet, rapid or clear") @QueryParam("kind") String kind,
                                 @Parameter(description = "exact address") @QueryParam("addr") String addr,
                                 @Parameter(description = "0-based page") @QueryParam("page") String page,
                                 @Parameter(description = "rows per page, default 100, max 1000") @QueryParam("page-size") String pageSize) {
        fabrics.requireFabric(fabric);
        int size = pageSize(pageSize);
        int index = page(page);
        return envelope("ept.finding", log.findings(fabric, state, kind, addr, index, size));
    }

    @GET
    @Path("uni/fb-{fabric}/audit")
    @Operation(summary = "Audit log of the fabric's findings workflow: who acknowledged, snoozed, withdrew, added or removed "
            + "what and when, newest first; page and page-size (max 1000)")
    public JsonObject audit(@PathParam("fabric") String fabric,
                            @Parameter(description = "0-based page") @QueryParam("page") String page,
                            @Parameter(description = "rows per page, default 100, max 1000") @QueryParam("page-size") String pageSize) {
        fabrics.requireFabric(fabric);
        int size = pageSize(pageSize);
        int index = page(page);
        return envelope("audit", log.audit(fabric, index, size));
    }

    @GET
    @Path("uni/fb-{fabric}/finding-rights")
    @Operation(summary = "Users (besides admins) who may acknowledge and snooze this fabric's findings")
    public JsonObject rights(@PathParam("fabric") String fabric) {
        fabrics.requireFabric(fabric);
        return Json.createObjectBuilder().add("acknowledgers", Jsons.toJson(controls.acknowledgers(fabric))).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("uni/fb-{fabric}/finding-rights")
    @Operation(summary = "Set who (besides admins) may acknowledge and snooze this fabric's findings")
    @RequestBody(content = @Content(schema = @Schema(implementation = RightsRequest.class)))
    public JsonObject setRights(@PathParam("fabric") String fabric, JsonObject body) {
        JsonObject in = Bodies.require(body, Set.of("acknowledgers"));
        JsonValue value = in.get("acknowledgers");
        if (!(value instanceof JsonArray array)) {
            throw new io.ept.domain.InvalidValueException("acknowledgers", "acknowledgers must be a list of usernames");
        }
        List<String> names = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s) || s.getString().length() > 128) {
                throw new io.ept.domain.InvalidValueException("acknowledgers", "acknowledgers must be usernames (strings)");
            }
            names.add(s.getString());
        }
        return Json.createObjectBuilder().add("acknowledgers",
                Jsons.toJson(controls.setAcknowledgers(fabric, current.require(), names))).build();
    }

    // ---- views and parsing

    private static int pageSize(String pageSize) {
        return pageSize == null || pageSize.isEmpty() ? 100 : parseInt("page-size", pageSize, 1, MAX_PAGE);
    }

    private static int page(String page) {
        return page == null || page.isEmpty() ? 0 : parseInt("page", page, 0, 1_000_000);
    }

    private static JsonObject envelope(String className, FindingLog.Page page) {
        return Jsons.envelope(className, page.rows(), page.total());
    }

    private static JsonObject list(String className, List<Map<String, Object>> rows) {
        return Jsons.envelope(className, rows, rows.size());
    }

    static Map<String, Object> ackView(Document d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.getObjectId("_id").toHexString());
        for (String k : List.of("fabric", "kind", "vnid", "addr", "node", "by", "comment")) {
            v.put(k, d.get(k));
        }
        v.put("at", d.get("at", Number.class).longValue() / 1000.0);
        return v;
    }

    static Map<String, Object> snoozeView(Document d, long now) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.getObjectId("_id").toHexString());
        for (String k : List.of("fabric", "scope", "vnid", "target", "by", "comment")) {
            v.put(k, d.get(k));
        }
        v.put("from", d.get("from", Number.class).longValue() / 1000.0);
        v.put("until", d.get("until", Number.class).longValue() / 1000.0);
        v.put("at", d.get("at", Number.class).longValue() / 1000.0);
        v.put("active", d.get("until", Number.class).longValue() > now && d.get("from", Number.class).longValue() <= now);
        return v;
    }

    static Map<String, Object> windowView(Document d, boolean active) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.getObjectId("_id").toHexString());
        v.put("fabric", d.get("fabric"));
        v.put("description", d.get("description"));
        if (d.containsKey("days")) {
            v.put("days", d.get("days"));
            v.put("daily_start", d.get("daily_start"));
            v.put("length_minutes", d.get("length_minutes"));
        } else {
            v.put("start", d.get("start", Number.class).longValue() / 1000.0);
            v.put("end", d.get("end", Number.class).longValue() / 1000.0);
        }
        v.put("by", d.get("by"));
        v.put("at", d.get("at", Number.class).longValue() / 1000.0);
        v.put("active", active);
        return v;
    }

    private static int requiredInt(JsonObject in, String field) {
        JsonValue v = in.get(field);
        if (v == null || v == JsonValue.NULL) {
            throw new io.ept.domain.InvalidValueException(field, "'" + field + "' is required");
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
            throw new io.ept.domain.InvalidValueException(field, "'" + field + "' must be a whole number from 0");
        }
        return n.intValue();
    }

    private static int optionalInt(JsonObject in, String field, int dflt) {
        return in.containsKey(field) && in.get(field) != JsonValue.NULL ? requiredInt(in, field) : dflt;
    }

    private static String optionalString(JsonObject in, String field) {
        return in.containsKey(field) && in.get(field) != JsonValue.NULL ? Bodies.string(in, field) : "";
    }

    /** ISO-8601 instant ("2026-12-06T22:00:00Z") or epoch seconds, as a string or a number; epoch ms returned. */
    private static long instant(JsonObject in, String field) {
        JsonValue v = in.get(field);
        if (v instanceof JsonNumber n) {
            return epochSecondsToMillis(field, n.doubleValue());
        }
        if (v instanceof JsonString s) {
            String text = s.getString().trim();
            try {
                return epochSecondsToMillis(field, Double.parseDouble(text));
            } catch (NumberFormatException notNumber) {
                try {
                    return Instant.parse(text).toEpochMilli();
                } catch (DateTimeException e) {
                    throw new io.ept.domain.InvalidValueException(field, "'" + field
                            + "' must be an ISO-8601 instant such as 2026-12-06T22:00:00Z or epoch seconds");
                }
            }
        }
        throw new io.ept.domain.InvalidValueException(field, "'" + field + "' is required (ISO-8601 instant or epoch seconds)");
    }

    private static long epochSecondsToMillis(String field, double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > 32_503_680_000.0) {
            throw new io.ept.domain.InvalidValueException(field, "'" + field + "' is out of range");
        }
        return (long) (seconds * 1000);
    }

    private static Set<DayOfWeek> days(JsonObject in) {
        JsonValue v = in.get("days");
        if (!(v instanceof JsonArray array) || array.isEmpty()) {
            throw new io.ept.domain.InvalidValueException("days", "days must be a non-empty list such as [\"sat\",\"sun\"]");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonValue day : array) {
            days.add(day(day));
        }
        return days;
    }

    private static DayOfWeek day(JsonValue value) {
        if (value instanceof JsonString s && s.getString().length() >= 3) {
            String name = s.getString().toUpperCase(Locale.ROOT);
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().startsWith(name)) {
                    return d;
                }
            }
        }
        throw new io.ept.domain.InvalidValueException("days", "unknown day " + value + "; use mon, tue, wed, thu, fri, sat, sun");
    }

    private static LocalTime time(String text) {
        if (!text.matches("\\d{2}:\\d{2}")) {
            throw new io.ept.domain.InvalidValueException("daily_start", "daily_start must be HH:MM");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new io.ept.domain.InvalidValueException("daily_start", "daily_start must be HH:MM");
        }
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new io.ept.domain.InvalidValueException(name, "'" + name + "' must be true or false");
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new io.ept.domain.InvalidValueException(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
