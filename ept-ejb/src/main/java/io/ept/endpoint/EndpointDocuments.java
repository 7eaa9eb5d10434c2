package io.ept.endpoint;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointEvent;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.LearnType;
import io.ept.analysis.model.MoveEvent;
import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.model.RapidEvent;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.parse.IpAddresses;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Mapping between the analysis model and the MongoDB documents of ept-reference section 4 (snake_case attribute
 * names). Reading tolerates missing attributes (documents written by older versions or trimmed projections).
 */
public final class EndpointDocuments {

    private EndpointDocuments() {
    }

    // ---- ept.history ------------------------------------------------------------------------------------------

    public static Document historyEvent(HistoryEvent e) {
        return new Document("classname", e.classname()).append("ts", e.ts()).append("status", e.status().wireName())
                .append("remote", e.remote()).append("pctag", e.pctag()).append("flags", e.flags())
                .append("tunnel_flags", e.tunnelFlags()).append("encap", e.encap()).append("intf_id", e.intfId())
                .append("intf_name", e.intfName()).append("rw_mac", e.rwMac()).append("rw_bd", e.rwBd())
                .append("epg_name", e.epgName()).append("vnid_name", e.vnidName());
    }

    public static HistoryEvent historyEvent(Document d) {
        return new HistoryEvent(str(d, "classname"), dbl(d, "ts"), EventStatus.fromWireName(str(d, "status")),
                integer(d, "remote"), integer(d, "pctag"), d.getList("flags", String.class, List.of()),
                str(d, "tunnel_flags"), str(d, "encap"), str(d, "intf_id"), str(d, "intf_name"), str(d, "rw_mac"),
                integer(d, "rw_bd"), str(d, "epg_name"), str(d, "vnid_name"));
    }

    public static NodeHistory history(Document d) {
        Document watchEvent = d.get("watch_stale_event", Document.class);
        return new NodeHistory(str(d, "fabric"), integer(d, "node"), integer(d, "vnid"), str(d, "addr"),
                "mac".equals(d.getString("type")) ? EpmType.MAC : EpmType.IP, bool(d, "is_stale"),
                bool(d, "is_offsubnet"), nullableDbl(d, "watch_stale_ts"),
                watchEvent == null ? null : staleEvent(watchEvent), nullableDbl(d, "watch_offsubnet_ts"),
                lng(d, "count"), docs(d, "events").stream().map(EndpointDocuments::historyEvent).toList());
    }

    /** The scalar attributes of a history row (events and count are pushed/incremented separately). */
    public static Document historyScalars(NodeHistory h) {
        return new Document("type", h.type().wireName()).append("is_stale", h.isStale())
                .append("is_offsubnet", h.isOffsubnet()).append("watch_stale_ts", h.watchStaleTs())
                .append("watch_stale_event", h.watchStaleEvent() == null ? null : staleEvent(h.watchStaleEvent()))
                .append("watch_offsubnet_ts", h.watchOffsubnetTs());
    }

    /**
     * A whole history row of the event-log layout ({@link EventLog}): keys, scalars, count, the oldest seq within
     * {@code cap}, and only the newest event.
     */
    public static Document historyRow(String id, NodeHistory h, int cap) {
        Document d = new Document("_id", id).append("fabric", h.fabric()).append("node", h.node())
                .append("vnid", h.vnid()).append("addr", h.addr());
        d.putAll(historyScalars(h));
        return d.append("count", h.count()).append(EventLog.FIRST_SEQ, EventLog.firstSeq(h.count(), cap))
                .append("events", h.latest() == null ? List.of() : List.of(historyEvent(h.latest())));
    }

    // ---- ept.endpoint -----------------------------------------------------------------------------------------

    public static Document endpointEvent(EndpointEvent e) {
        return new Document("node", e.node()).append("pod", e.pod()).append("status", e.status().wireName())
                .append("ts", e.ts()).append("pctag", e.pctag()).append("encap", e.encap())
                .append("intf_id", e.intfId()).append("intf_name", e.intfName()).append("rw_mac", e.rwMac())
                .append("rw_bd", e.rwBd()).append("epg_name", e.epgName()).append("vnid_name", e.vnidName());
    }

    public static EndpointEvent endpointEvent(Document d) {
        return new EndpointEvent(integer(d, "node"), integer(d, "pod"), EventStatus.fromWireName(str(d, "status")),
                dbl(d, "ts"), integer(d, "pctag"), str(d, "encap"), str(d, "intf_id"), str(d, "intf_name"),
                str(d, "rw_mac"), integer(d, "rw_bd"), str(d, "epg_name"), str(d, "vnid_name"));
    }

    public static Document rapidCounters(RapidCounters r) {
        return new Document("is_rapid", r.isRapid()).append("is_rapid_ts", r.isRapidTs())
                .append("rapid_lts", r.rapidLts()).append("rapid_count", r.rapidCount())
                .append("rapid_lcount", r.rapidLcount()).append("rapid_icount", r.rapidIcount());
    }

    /** A whole endpoint row, for its first insert. */
    public static Document endpoint(Endpoint e) {
        Document d = new Document("fabric", e.fabric()).append("vnid", e.vnid()).append("addr", e.addr())
                .append("addr_byte", addrBytes(e.addr(), e.type())).append("type", e.type().wireName())
                .append("learn_type", e.learnType().wireName()).append("is_stale", e.isStale())
                .append("is_offsubnet", e.isOffsubnet());
        d.putAll(rapidCounters(e.rapid()));
        return d.append("first_learn", endpointEvent(e.firstLearn())).append("count", e.count())
                .append("events", e.events().stream().map(EndpointDocuments::endpointEvent).toList());
    }

    public static Endpoint endpoint(Document d) {
        Document first = d.get("first_learn", Document.class);
        RapidCounters rapid = new RapidCounters(bool(d, "is_rapid"), dbl(d, "is_rapid_ts"), dbl(d, "rapid_lts"),
                lng(d, "rapid_count"), lng(d, "rapid_lcount"), lng(d, "rapid_icount"));
        return new Endpoint(str(d, "fabric"), integer(d, "vnid"), str(d, "addr"),
                EndpointType.fromWireName(str(d, "type")), learnType(str(d, "learn_type")), bool(d, "is_stale"),
                bool(d, "is_offsubnet"), rapid,
                first == null ? EndpointEvent.placeholder("") : endpointEvent(first), lng(d, "count"),
                docs(d, "events").stream().map(EndpointDocuments::endpointEvent).toList());
    }

    /**
     * Searchable numeric form of an address: IPv4 one 32-bit value, IPv6 four, MAC [high 16 bits, low 32 bits].
     * Empty when the address cannot be parsed.
     */
    public static List<Long> addrBytes(String addr, EndpointType type) {
        List<Long> out = new ArrayList<>();
        if (type == EndpointType.MAC) {
            String hex = addr.replace(":", "").replace("-", "").replace(".", "");
            try {
                long value = Long.parseLong(hex, 16);
                out.add(value >>> 32);
                out.add(value & 0xffffffffL);
            } catch (NumberFormatException e) {
                return List.of();
            }
            return out;
        }
        byte[] bytes = IpAddresses.parse(addr);
        if (bytes == null) {
            return List.of();
        }
        for (int i = 0; i + 3 < bytes.length; i += 4) {
            out.add(((bytes[i] & 0xffL) << 24) | ((bytes[i + 1] & 0xffL) << 16) | ((bytes[i + 2] & 0xffL) << 8)
                    | (bytes[i + 3] & 0xffL));
        }
        return out;
    }

    // ---- ept.move, ept.rapid, ept.stale, ept.offsubnet, ept.remediate ------------------------------------------

    public static Document moveEvent(MoveEvent e) {
        return new Document("node", e.node()).append("ts", e.ts()).append("pctag", e.pctag())
                .append("encap", e.encap()).append("intf_id", e.intfId()).append("intf_name", e.intfName())
                .append("rw_mac", e.rwMac()).append("rw_bd", e.rwBd()).append("epg_name", e.epgName())
                .append("vnid_name", e.vnidName());
    }

    public static MoveEvent moveEvent(Document d) {
        return new MoveEvent(integer(d, "node"), dbl(d, "ts"), integer(d, "pctag"), str(d, "encap"),
                str(d, "intf_id"), str(d, "intf_name"), str(d, "rw_mac"), integer(d, "rw_bd"), str(d, "epg_name"),
                str(d, "vnid_name"));
    }

    public static Document move(MoveRecord m) {
        return new Document("src", moveEvent(m.src())).append("dst", moveEvent(m.dst()));
    }

    public static MoveRecord move(Document d) {
        return new MoveRecord(moveEvent(d.get("src", Document.class)), moveEvent(d.get("dst", Document.class)));
    }

    public static Document rapidEvent(RapidEvent e) {
        return new Document("ts", e.ts()).append("count", e.count()).append("rate", e.rate())
                .append("vnid_name", e.vnidName());
    }

    public static Document staleEvent(StaleEvent e) {
        return new Document("ts", e.ts()).append("remote", e.remote()).append("expected_remote", e.expectedRemote())
                .append("pctag", e.pctag()).append("encap", e.encap()).append("intf_id", e.intfId())
                .append("intf_name", e.intfName()).append("flags", e.flags()).append("epg_name", e.epgName())
                .append("vnid_name", e.vnidName());
    }

    public static StaleEvent staleEvent(Document d) {
        return new StaleEvent(dbl(d, "ts"), integer(d, "remote"), integer(d, "expected_remote"), integer(d, "pctag"),
                str(d, "encap"), str(d, "intf_id"), str(d, "intf_name"), d.getList("flags", String.class, List.of()),
                str(d, "epg_name"), str(d, "vnid_name"));
    }

    public static Document offsubnetEvent(OffsubnetEvent e) {
        return new Document("ts", e.ts()).append("pctag", e.pctag()).append("encap", e.encap())
                .append("intf_id", e.intfId()).append("intf_name", e.intfName()).append("rw_mac", e.rwMac())
                .append("rw_bd", e.rwBd()).append("remote", e.remote()).append("epg_name", e.epgName())
                .append("vnid_name", e.vnidName());
    }

    public static OffsubnetEvent offsubnetEvent(Document d) {
        return new OffsubnetEvent(dbl(d, "ts"), integer(d, "pctag"), str(d, "encap"), str(d, "intf_id"),
                str(d, "intf_name"), str(d, "rw_mac"), integer(d, "rw_bd"), integer(d, "remote"), str(d, "epg_name"),
                str(d, "vnid_name"));
    }

    /** A remediate entry with the real outcome of the clear (the original recorded success before running it, Q9). */
    public static Document remediateEvent(RemediateEvent e, boolean success, String error) {
        return new Document("ts", e.ts()).append("vnid_name", e.vnidName()).append("action", e.action())
                .append("reason", e.reason()).append("success", success).append("error", error == null ? "" : error);
    }

    // ---- field access -----------------------------------------------------------------------------------------

    static String str(Document d, String key) {
        Object v = d.get(key);
        return v == null ? "" : v.toString();
    }

    static int integer(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.intValue() : 0;
    }

    static long lng(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    static double dbl(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    static Double nullableDbl(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    static boolean bool(Document d, String key) {
        return Boolean.TRUE.equals(d.get(key));
    }

    static List<Document> docs(Document d, String key) {
        return d.getList(key, Document.class, List.of());
    }

    private static LearnType learnType(String name) {
        for (LearnType t : LearnType.values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        return LearnType.EPG;
    }
}
