package io.ept.findings;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.ept.endpoint.FabricSettingsCache;
import io.ept.fabric.FabricRepository;
import io.ept.platform.Infrastructure;
import io.ept.security.AccessDeniedException;
import io.ept.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Acknowledgements, snoozes and maintenance windows of each fabric (collections ept.ack, ept.snooze,
 * ept.maintenance), who may acknowledge (ept.finding_rights), the log of every confirmed finding with its
 * workflow state (ept.finding), and the audit log of who did what (collection "audit", kept when a fabric is
 * deleted). The watcher asks {@link #check}: rules are cached per fabric for {@value #RULES_TTL_MILLIS} ms, so a
 * change made through another node takes effect there within that time.
 */
@ApplicationScoped
public class FindingControls {
    private static final Logger LOG = Logger.getLogger(FindingControls.class.getName());
    public static final String ACKS = "ept.ack";
    public static final String SNOOZES = "ept.snooze";
    public static final String WINDOWS = "ept.maintenance";
    public static final String RIGHTS = "ept.finding_rights";
    public static final String LOG_COLLECTION = "ept.finding";
    public static final String AUDIT = "audit";
    static final long RULES_TTL_MILLIS = 2000;
    public static final int MAX_COMMENT = 1024;

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricSettingsCache settings;

    private record Cached(long loadedAt, SuppressionRules rules) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @PostConstruct
    void indexes() {
        try {
            collection(ACKS).createIndex(Indexes.ascending("fabric", "kind", "vnid", "addr", "node"));
            collection(SNOOZES).createIndex(Indexes.ascending("fabric", "until"));
            collection(WINDOWS).createIndex(Indexes.ascending("fabric"));
            collection(RIGHTS).createIndex(Indexes.ascending("fabric"), new IndexOptions().unique(true));
            collection(LOG_COLLECTION).createIndex(Indexes.ascending("fabric", "ts"));
            collection(LOG_COLLECTION).createIndex(Indexes.ascending(JOB_FIELD), new IndexOptions().unique(true).sparse(true));
            collection(AUDIT).createIndex(Indexes.ascending("fabric", "ts"));
        } catch (RuntimeException e) {
            LOG.warning("findings workflow indexes not created: " + e.getMessage());
        }
    }

    // ---- the watcher's side

    /** The workflow state of a finding now. */
    public Suppression check(Finding finding) {
        return rules(finding.fabric()).check(finding, System.currentTimeMillis());
    }

    /** The fabric's current rules (cached briefly). */
    public SuppressionRules rules(String fabric) {
        long now = System.currentTimeMillis();
        Cached c = cache.get(fabric);
        if (c == null || now - c.loadedAt() > RULES_TTL_MILLIS) {
            c = new Cached(now, load(fabric, now));
            cache.put(fabric, c);
        }
        return c.rules();
    }

    /**
     * Field of a finding made by a job of a watcher batch: {@code <batch id>/<index>}, unique (sparse), so a batch
     * delivered again after a crash records each of its findings once.
     */
    static final String JOB_FIELD = "job";

    /** A finding of a watcher batch's job, with its workflow state. */
    public record JobFinding(Finding finding, Suppression suppression, String job) {
    }

    /** Appends the finding with its state to the finding log. */
    public void record(Finding f, Suppression s) {
        collection(LOG_COLLECTION).insertOne(document(f, s, null));
    }

    /**
     * The jobs among {@code jobs} whose finding is in the log already (a watcher batch delivered again: those were
     * published and notified the first time). One query however many jobs.
     */
    public Set<String> recordedJobs(java.util.Collection<String> jobs) {
        Set<String> recorded = new java.util.HashSet<>();
        if (!jobs.isEmpty()) {
            for (Document d : collection(LOG_COLLECTION).find(Filters.in(JOB_FIELD, jobs))
                    .projection(new Document(JOB_FIELD, 1).append("_id", 0))) {
                recorded.add(d.getString(JOB_FIELD));
            }
        }
        return recorded;
    }

    /**
     * Appends the findings of watcher jobs to the finding log in one write; a job whose finding is there already
     * keeps its first one.
     */
    public void recordAll(List<JobFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>(findings.size());
        findings.forEach(f -> docs.add(document(f.finding(), f.suppression(), f.job())));
        try {
            collection(LOG_COLLECTION).insertMany(docs, new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                if (com.mongodb.ErrorCategory.fromErrorCode(error.getCode()) != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private static Document document(Finding f, Suppression s, String job) {
        Document doc = new Document("fabric", f.fabric()).append("ts", f.ts()).append("kind", f.kind().wireName())
                .append("vnid", f.vnid()).append("addr", f.addr()).append("type", f.type()).append("node", f.node())
                .append("epg", f.epg()).append("bd", f.bd()).append("vnid_name", f.vnidName())
                .append("summary", f.summary()).append("state", s.state().wireName());
        if (s.suppressed()) {
            doc.append("rule_id", s.ruleId()).append("rule_by", s.by()).append("rule_at", s.atMillis())
                    .append("rule_note", s.note());
        }
        if (job != null) {
            doc.append(JOB_FIELD, job);
        }
        return doc;
    }

    private SuppressionRules load(String fabric, long now) {
        List<Acknowledgement> acks = new ArrayList<>();
        for (Document d : collection(ACKS).find(Filters.eq("fabric", fabric))) {
            acks.add(acknowledgement(d));
        }
        List<Snooze> snoozes = new ArrayList<>();
        for (Document d : collection(SNOOZES).find(Filters.and(Filters.eq("fabric", fabric), Filters.gt("until", now)))) {
            snoozes.add(snooze(d));
        }
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (Document d : collection(WINDOWS).find(Filters.eq("fabric", fabric))) {
            windows.add(window(d));
        }
        return new SuppressionRules(acks, snoozes, windows, zone(fabric));
    }

    /** The fabric's time zone (its settings' tz from APIC), UTC when unknown or the fabric is gone. */
    public ZoneId zone(String fabric) {
        try {
            return FabricTimeZone.of(settings.settings(fabric).tz());
        } catch (RuntimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    // ---- who may act

    /** Admins, and the users the fabric's admins named as acknowledgers, may acknowledge and snooze. */
    public void requireAcknowledger(String fabric, Caller caller) {
        if (caller.isAdmin() || acknowledgers(fabric).contains(caller.username())) {
            return;
        }
        throw new AccessDeniedException("user '" + caller.username() + "' may not acknowledge or snooze findings of fabric "
                + fabric + ": an admin can grant it (PUT /api/uni/fb-" + fabric + "/finding-rights)");
    }

    public List<String> acknowledgers(String fabric) {
        Document d = collection(RIGHTS).find(Filters.eq("fabric", fabric)).first();
        return d == null ? List.of() : d.getList("acknowledgers", String.class, List.of());
    }

    public List<String> setAcknowledgers(String fabric, Caller actor, List<String> usernames) {
        fabrics.requireFabric(fabric);
        List<String> names = usernames.stream().map(String::trim).filter(u -> !u.isEmpty()).distinct().sorted().toList();
        collection(RIGHTS).replaceOne(Filters.eq("fabric", fabric),
                new Document("fabric", fabric).append("acknowledgers", names), new ReplaceOptions().upsert(true));
        audit(fabric, actor, "set-acknowledgers", "finding-rights", String.join(",", names));
        return names;
    }

    // ---- acknowledgements

    public Document acknowledge(String fabric, Caller actor, FindingKind kind, int vnid, String addr, int node, String comment) {
        fabrics.requireFabric(fabric);
        requireAcknowledger(fabric, actor);
        requireText("addr", addr, 64, false);
        requireText("comment", comment, MAX_COMMENT, true);
        Bson key = Filters.and(Filters.eq("fabric", fabric), Filters.eq("kind", kind.wireName()), Filters.eq("vnid", vnid),
                Filters.eq("addr", addr), Filters.eq("node", node));
        if (collection(ACKS).find(key).first() != null) {
            throw new IllegalArgumentException("this " + kind.wireName() + " finding of " + addr + " is already acknowledged");
        }
        Document doc = new Document("_id", new ObjectId()).append("fabric", fabric).append("kind", kind.wireName())
                .append("vnid", vnid).append("addr", addr).append("node", node).append("by", actor.username())
                .append("at", System.currentTimeMillis()).append("comment", comment == null ? "" : comment);
        collection(ACKS).insertOne(doc);
        changed(fabric);
        audit(fabric, actor, "acknowledge", kind.wireName() + " " + vnid + "/" + addr + (node == 0 ? "" : " node " + node),
                comment);
        return doc;
    }

    public List<Document> acknowledgements(String fabric) {
        fabrics.requireFabric(fabric);
        return collection(ACKS).find(Filters.eq("fabric", fabric)).sort(Sorts.descending("at")).into(new ArrayList<>());
    }

    public void withdrawAcknowledgement(String fabric, Caller actor, String id) {
        requireAcknowledger(fabric, actor);
        Document gone = collection(ACKS).findOneAndDelete(Filters.and(Filters.eq("fabric", fabric), Filters.eq("_id", objectId(id))));
        if (gone == null) {
            throw new NotFoundException("no acknowledgement " + id + " in fabric " + fabric);
        }
        changed(fabric);
        audit(fabric, actor, "withdraw-acknowledgement", gone.getString("kind") + " " + gone.get("vnid") + "/"
                + gone.getString("addr"), "acknowledged by " + gone.getString("by"));
    }

    // ---- snoozes

    public Document snooze(String fabric, Caller actor, SnoozeScope scope, int vnid, String target, long fromMillis,
                           long untilMillis, String comment) {
        fabrics.requireFabric(fabric);
        requireAcknowledger(fabric, actor);
        requireText("target", target, 512, false);
        requireText("comment", comment, MAX_COMMENT, true);
        long now = System.currentTimeMillis();
        if (untilMillis <= now) {
            throw new IllegalArgumentException("a snooze must end in the future");
        }
        Snooze checked = new Snooze("", scope, vnid, target, fromMillis, untilMillis, actor.username(), now,
                comment == null ? "" : comment);
        Document doc = new Document("_id", new ObjectId()).append("fabric", fabric).append("scope", scope.wireName())
                .append("vnid", vnid).append("target", checked.target()).append("from", fromMillis)
                .append("until", untilMillis).append("by", actor.username()).append("at", now)
                .append("comment", checked.comment());
        collection(SNOOZES).insertOne(doc);
        changed(fabric);
        audit(fabric, actor, "snooze", scope.wireName() + " " + (vnid == 0 ? "" : vnid + "/") + target
                + " until " + java.time.Instant.ofEpochMilli(untilMillis), comment);
        return doc;
    }

    /** Snoozes of the fabric; with {@code activeOnly} those not yet over. */
    public List<Document> snoozes(String fabric, boolean activeOnly) {
        fabrics.requireFabric(fabric);
        Bson filter = Filters.eq("fabric", fabric);
        if (activeOnly) {
            filter = Filters.and(filter, Filters.gt("until", System.currentTimeMillis()));
        }
        return collection(SNOOZES).find(filter).sort(Sorts.descending("at")).into(new ArrayList<>());
    }

    public void cancelSnooze(String fabric, Caller actor, String id) {
        requireAcknowledger(fabric, actor);
        Document gone = collection(SNOOZES).findOneAndDelete(Filters.and(Filters.eq("fabric", fabric), Filters.eq("_id", objectId(id))));
        if (gone == null) {
            throw new NotFoundException("no snooze " + id + " in fabric " + fabric);
        }
        changed(fabric);
        audit(fabric, actor, "cancel-snooze", gone.getString("scope") + " " + gone.getString("target"),
                "snoozed by " + gone.getString("by"));
    }

    // ---- maintenance windows

    public Document addWindow(String fabric, Caller actor, MaintenanceWindow w) {
        fabrics.requireFabric(fabric);
        requireText("description", w.description(), MAX_COMMENT, true);
        Document doc = new Document("_id", new ObjectId()).append("fabric", fabric)
                .append("description", w.description() == null ? "" : w.description())
                .append("by", actor.username()).append("at", System.currentTimeMillis());
        if (w.isWeekly()) {
            doc.append("days", w.days().stream().sorted().map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).toList())
                    .append("daily_start", w.dailyStart().toString()).append("length_minutes", w.length().toMinutes());
        } else {
            doc.append("start", w.startMillis()).append("end", w.endMillis());
        }
        collection(WINDOWS).insertOne(doc);
        changed(fabric);
        audit(fabric, actor, "add-maintenance-window", doc.getObjectId("_id").toHexString(), describe(doc));
        return doc;
    }

    public List<Document> windows(String fabric) {
        fabrics.requireFabric(fabric);
        return collection(WINDOWS).find(Filters.eq("fabric", fabric)).sort(Sorts.descending("at")).into(new ArrayList<>());
    }

    public void removeWindow(String fabric, Caller actor, String id) {
        Document gone = collection(WINDOWS).findOneAndDelete(Filters.and(Filters.eq("fabric", fabric), Filters.eq("_id", objectId(id))));
        if (gone == null) {
            throw new NotFoundException("no maintenance window " + id + " in fabric " + fabric);
        }
        changed(fabric);
        audit(fabric, actor, "remove-maintenance-window", id, describe(gone));
    }

    /** The window active now, with the end of its current occurrence, or null. */
    public ActiveWindow activeWindow(String fabric) {
        long now = System.currentTimeMillis();
        SuppressionRules rules = rules(fabric);
        MaintenanceWindow w = rules.activeWindow(now);
        return w == null ? null : new ActiveWindow(w, w.currentOccurrenceEnd(now, rules.zone()).toEpochMilli());
    }

    /** A window in force and when its current occurrence ends (epoch ms). */
    public record ActiveWindow(MaintenanceWindow window, long endsAtMillis) {
    }

    // ---- finding log and audit

    public void audit(String fabric, Caller actor, String action, String target, String detail) {
        collection(AUDIT).insertOne(new Document("ts", System.currentTimeMillis()).append("fabric", fabric)
                .append("user", actor.username()).append("action", action).append("target", target)
                .append("detail", detail == null ? "" : detail));
    }

    public MongoCollection<Document> collection(String name) {
        return infrastructure.database().getCollection(name);
    }

    private void changed(String fabric) {
        cache.remove(fabric);
    }

    static Acknowledgement acknowledgement(Document d) {
        return new Acknowledgement(d.getObjectId("_id").toHexString(), FindingKind.of(d.getString("kind")),
                d.get("vnid", Number.class).intValue(), d.getString("addr"), d.get("node", Number.class).intValue(),
                d.getString("by"), d.get("at", Number.class).longValue(), d.getString("comment"));
    }

    static Snooze snooze(Document d) {
        return new Snooze(d.getObjectId("_id").toHexString(), SnoozeScope.of(d.getString("scope")),
                d.get("vnid", Number.class).intValue(), d.getString("target"), d.get("from", Number.class).longValue(),
                d.get("until", Number.class).longValue(), d.getString("by"), d.get("at", Number.class).longValue(),
                d.getString("comment"));
    }

    static MaintenanceWindow window(Document d) {
        String id = d.getObjectId("_id").toHexString();
        List<String> days = d.getList("days", String.class, List.of());
        if (!days.isEmpty()) {
            Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            days.forEach(day -> set.add(DayOfWeek.valueOf(day.toUpperCase(java.util.Locale.ROOT))));
            return MaintenanceWindow.weekly(id, d.getString("description"), set, LocalTime.parse(d.getString("daily_start")),
                    Duration.ofMinutes(d.get("length_minutes", Number.class).longValue()), d.getString("by"),
                    d.get("at", Number.class).longValue());
        }
        return MaintenanceWindow.oneOff(id, d.getString("description"), d.get("start", Number.class).longValue(),
                d.get("end", Number.class).longValue(), d.getString("by"), d.get("at", Number.class).longValue());
    }

    private static String describe(Document w) {
        if (w.containsKey("days")) {
            return "weekly " + w.getList("days", String.class) + " " + w.getString("daily_start") + " for "
                    + w.get("length_minutes") + " min: " + w.getString("description");
        }
        return java.time.Instant.ofEpochMilli(w.get("start", Number.class).longValue()) + " to "
                + java.time.Instant.ofEpochMilli(w.get("end", Number.class).longValue()) + ": " + w.getString("description");
    }

    private static ObjectId objectId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            throw new NotFoundException("'" + id + "' is not an id of this list");
        }
        return new ObjectId(id);
    }

    private static void requireText(String field, String value, int max, boolean optional) {
        if (value == null || value.isEmpty()) {
            if (!optional) {
                throw new io.ept.domain.InvalidValueException(field, "'" + field + "' is required");
            }
            return;
        }
        if (value.length() > max) {
            throw new io.ept.domain.InvalidValueException(field, "'" + field + "' is longer than " + max + " characters");
        }
    }

    /** A rule named by id does not exist (HTTP 404). */
    public static final class NotFoundException extends IllegalArgumentException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
