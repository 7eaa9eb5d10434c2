package io.ept.messaging;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;
import io.ept.platform.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of an {@link WorkTypes#EPM_BATCH} message: parsed epm events of one fabric whose endpoint keys share a
 * worker message group, in the order they must be analysed, and the id of the initial build they belong to.
 *
 * <p>Why batches: Artemis delivers a message group to one consumer at a time and does not look past a queued message
 * whose group is busy, so consecutive messages of one endpoint (a build delivers all records of a key together, a
 * move produces several events of a key) kept the other consumers idle; and every message costs a transaction and a
 * few store round trips. A batch per group of keys costs one transaction, one bulk write per collection, and the
 * groups (a hash of the key modulo {@code ept.worker.groups}) keep every key's events in order.
 *
 * <p>Each batch has an id, fixed when the message is built: a redelivery of the message carries the same id, which
 * lets the worker recognise the events it has already stored ({@code EndpointBatch}). Id {@link #NO_ID} (messages of
 * an earlier version) means unknown.
 *
 * <p>Wire format (compact JSON): {@code {"fabric":f,"build":b?,"id":n?,"events":[[class,ts,status,[flags],ifId,
 * pcTag,node,vrf,bd,encap,addr,ip,vnid,force(,synthetic)],...]}}: the trailing 1 marks a delete EPT made up itself
 * (refresh, node down, build), left out for events from the APIC.
 */
public record EpmBatch(String fabric, String build, long id, List<EpmEvent> events) {

    /** The id of a batch that has none (sent by an earlier version): its redelivery cannot be recognised. */
    public static final long NO_ID = 0;

    public EpmBatch {
        Objects.requireNonNull(fabric, "fabric");
        events = List.copyOf(events);
    }

    /** A batch with a new random id. */
    public EpmBatch(String fabric, String build, List<EpmEvent> events) {
        this(fabric, build, newId(), events);
    }

    /** A random non-zero id: 64 random bits make a collision between two batches of one row negligible. */
    public static long newId() {
        long id;
        do {
            id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (id == NO_ID);
        return id;
    }

    /** The message group of an endpoint key: every message about the key (events, deletes) must use it. */
    public static String messageGroup(EndpointKey key, int groups) {
        int bucket = Math.floorMod(31 * key.vnid() + key.addr().hashCode(), Math.max(1, groups));
        return key.fabric() + "|" + bucket;
    }

    /**
     * Worker messages for {@code works} (all of one fabric), one per (message group, build) in first-seen order, each
     * with at most {@code maxEvents} events in the original order.
     */
    public static List<WorkItem> workItems(List<EpmWork> works, int priority, int groups, int maxEvents) {
        Map<List<String>, List<EpmWork>> byGroup = new LinkedHashMap<>();
        for (EpmWork w : works) {
            String group = messageGroup(w.event().key(w.fabric()), groups);
            byGroup.computeIfAbsent(java.util.Arrays.asList(group, w.build()), k -> new ArrayList<>()).add(w);
        }
        List<WorkItem> items = new ArrayList<>();
        for (Map.Entry<List<String>, List<EpmWork>> e : byGroup.entrySet()) {
            List<EpmWork> list = e.getValue();
            for (int from = 0; from < list.size(); from += maxEvents) {
                List<EpmWork> part = list.subList(from, Math.min(list.size(), from + maxEvents));
                EpmBatch batch = new EpmBatch(part.get(0).fabric(), part.get(0).build(),
                        part.stream().map(EpmWork::event).toList());
                Map<String, Integer> counts = new LinkedHashMap<>();
                part.forEach(w -> counts.merge(w.event().epmClass().className(), 1, Integer::sum));
                items.add(new WorkItem(WorkTypes.EPM_BATCH, e.getKey().get(0), priority, batch.toJson(),
                        WorkTypes.eventCounts(batch.fabric(), counts)));
            }
        }
        return items;
    }

    public String toJson() {
        JsonArrayBuilder list = JsonSupport.JSON.createArrayBuilder();
        for (EpmEvent e : events) {
            JsonArrayBuilder flags = JsonSupport.JSON.createArrayBuilder();
            e.flags().forEach(flags::add);
            JsonArrayBuilder event = JsonSupport.JSON.createArrayBuilder().add(e.epmClass().className()).add(e.ts())
                    .add(e.status().wireName()).add(flags).add(e.ifId()).add(e.pcTag()).add(e.node()).add(e.vrf())
                    .add(e.bd()).add(e.encap()).add(e.addr()).add(e.ip()).add(e.vnid()).add(e.force() ? 1 : 0);
            if (e.synthetic()) {
                event.add(1);
            }
            list.add(event);
        }
        var body = JsonSupport.JSON.createObjectBuilder().add("fabric", fabric);
        if (build != null) {
            body.add("build", build);
        }
        if (id != NO_ID) {
            body.add("id", id);
        }
        return body.add("events", list).build().toString();
    }

    public static EpmBatch fromJson(String body) {
        try (var reader = JsonSupport.JSON.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            JsonArray list = json.getJsonArray("events");
            List<EpmEvent> events = new ArrayList<>(list.size());
            for (JsonValue value : list) {
                JsonArray a = (JsonArray) value;
                List<String> flags = new ArrayList<>();
                for (JsonValue flag : a.getJsonArray(3)) {
                    flags.add(((JsonString) flag).getString());
                }
                events.add(new EpmEvent(EpmClass.fromClassName(a.getString(0)), a.getJsonNumber(1).doubleValue(),
                        EventStatus.fromWireName(a.getString(2)), flags, a.getString(4), a.getInt(5), a.getInt(6),
                        a.getInt(7), a.getInt(8), a.getString(9), a.getString(10), a.getString(11), a.getInt(12),
                        a.getInt(13) != 0, a.size() > 14 && a.getInt(14) != 0));
            }
            JsonValue id = json.get("id");
            return new EpmBatch(json.getString("fabric"), json.getString("build", null),
                    id == null ? NO_ID : ((jakarta.json.JsonNumber) id).longValueExact(), events);
        } catch (JsonException | NullPointerException | ClassCastException | IndexOutOfBoundsException
                 | IllegalArgumentException | ArithmeticException e) {
            throw new UnprocessableWorkException("malformed epm batch: " + e.getMessage() + " in "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body), e);
        }
    }
}
