package io.ept.publish;

import io.ept.findings.Finding;
import io.ept.platform.JsonSupport;
import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * One published event in the versioned schema {@value #SCHEMA}: a finding (move, stale, offsubnet, rapid,
 * clear) or a fabric monitor event. The same JSON body goes to webhooks and to the message bus; {@link #kind()}
 * and {@link #fabric()} are also the bus message's properties for routing.
 *
 * <pre>
 * {"schema":"ept.event.v1","id":"…uuid…","fabric":"fab1","type":"finding","kind":"stale",
 *  "time":"2026-12-06T22:10:03.250Z","ts":1796595003.25,
 *  "finding":{"vnid":2818048,"addr":"10.1.1.29","endpoint_type":"ipv4","node":102,"epg":"uni/tn-tn1/ap-app1/epg-web",
 *             "bd":"uni/tn-tn1/BD-bd1","vnid_name":"uni/tn-tn1/ctx-vrf1","summary":"stale event [...]"}}
 * {"schema":"ept.event.v1",…,"type":"monitor","kind":"monitor","monitor":{"status":"running","description":"…"}}
 * </pre>
 */
public record EventMessage(String id, String fabric, String type, String kind, double ts, String body) {

    public static final String SCHEMA = "ept.event.v1";
    public static final String TYPE_FINDING = "finding";
    public static final String TYPE_MONITOR = "monitor";

    public static EventMessage finding(Finding f) {
        return finding(f, UUID.randomUUID().toString());
    }

    /**
     * The finding made by the watcher batch job {@code job} ({@code <batch id>/<index>}): its id is derived from the
     * job, so a batch published again after a crash (before its findings were logged) repeats the same ids, and
     * receivers can drop the copies.
     */
    public static EventMessage findingOfJob(Finding f, String job) {
        return finding(f, UUID.nameUUIDFromBytes(("ept.finding/" + job).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
    }

    private static EventMessage finding(Finding f, String id) {
        JsonObject finding = JsonSupport.JSON.createObjectBuilder().add("vnid", f.vnid()).add("addr", f.addr())
                .add("endpoint_type", f.type()).add("node", f.node()).add("epg", f.epg()).add("bd", f.bd())
                .add("vnid_name", f.vnidName()).add("summary", f.summary()).build();
        String body = envelope(id, f.fabric(), TYPE_FINDING, f.kind().wireName(), f.ts()).add("finding", finding).build()
                .toString();
        return new EventMessage(id, f.fabric(), TYPE_FINDING, f.kind().wireName(), f.ts(), body);
    }

    public static EventMessage monitor(String fabric, double ts, String status, String description) {
        String id = UUID.randomUUID().toString();
        JsonObject monitor = JsonSupport.JSON.createObjectBuilder().add("status", status == null ? "" : status)
                .add("description", description == null ? "" : description).build();
        String body = envelope(id, fabric, TYPE_MONITOR, TYPE_MONITOR, ts).add("monitor", monitor).build().toString();
        return new EventMessage(id, fabric, TYPE_MONITOR, TYPE_MONITOR, ts, body);
    }

    private static jakarta.json.JsonObjectBuilder envelope(String id, String fabric, String type, String kind, double ts) {
        return JsonSupport.JSON.createObjectBuilder().add("schema", SCHEMA).add("id", id).add("fabric", fabric)
                .add("type", type).add("kind", kind).add("time", Instant.ofEpochMilli((long) (ts * 1000)).toString())
                .add("ts", ts);
    }
}
