package io.ept.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchMove;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchOffsubnet;
import io.ept.analysis.watch.WatchRapid;
import io.ept.analysis.watch.WatchStale;
import io.ept.endpoint.EndpointDocuments;
import io.ept.messaging.UnprocessableWorkException;
import io.ept.platform.DocumentJson;
import org.bson.Document;

import java.util.List;

/**
 * Wire format of watcher work (types watch_move, watch_stale, watch_offsubnet, watch_rapid, watch_node): the job's
 * fields in snake_case (events as stored in MongoDB) plus {@code id} (identity of a scheduled execution; a newer
 * id for the same watch key supersedes it) and {@code due} (true when the message is the delayed execution,
 * false when it is the job as emitted by the analysis).
 */
public final class WatchJobJson {

    /** A decoded watcher message. */
    public record Envelope(WatchJob job, String id, boolean due) {
    }

    private WatchJobJson() {
    }

    public static String toJson(WatchJob job, String id, boolean due) {
        return DocumentJson.write(toDocument(job, id, due));
    }

    /** Jobs of one watcher message of type {@code watch_batch}: {@code {"batch": id, "jobs": [job + work_type]}}. */
    public record Batch(String id, List<Envelope> jobs) {
    }

    /** A job of a batch with its work type. */
    public record BatchJob(WatchJob job, String id, boolean due) {
    }

    /** The {@code watch_batch} body of {@code jobs}; {@code batchId} names the batch in its progress mark. */
    public static String batchToJson(String batchId, List<BatchJob> jobs) {
        List<Document> docs = new java.util.ArrayList<>(jobs.size());
        for (BatchJob j : jobs) {
            docs.add(toDocument(j.job(), j.id(), j.due()).append(WORK_TYPE, j.job().workType()));
        }
        return DocumentJson.write(new Document(BATCH, batchId).append(JOBS, docs));
    }

    public static Batch batchFromJson(String body) {
        Document d;
        try {
            d = DocumentJson.read(body);
        } catch (RuntimeException e) {
            throw new UnprocessableWorkException("malformed watch_batch message (" + e.getMessage() + "): " + body, e);
        }
        if (!(d.get(BATCH) instanceof String id) || !(d.get(JOBS) instanceof List<?> list)) {
            throw new UnprocessableWorkException("malformed watch_batch message (batch id or jobs missing): " + body);
        }
        if (!BATCH_ID.matcher(id).matches()) {
            // it names a Redis key and the finding log's job field
            throw new UnprocessableWorkException("malformed watch_batch message (batch id is not a UUID): " + body);
        }
        List<Envelope> jobs = new java.util.ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Document job) || !(job.get(WORK_TYPE) instanceof String type)) {
                throw new UnprocessableWorkException("malformed watch_batch message (a job without work_type): " + body);
            }
            jobs.add(fromDocument(type, job, body));
        }
        return new Batch(id, jobs);
    }

    private static final String BATCH = "batch";
    private static final java.util.regex.Pattern BATCH_ID = java.util.regex.Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final String JOBS = "jobs";
    private static final String WORK_TYPE = "work_type";

    private static Document toDocument(WatchJob job, String id, boolean due) {
        Document d = new Document("fabric", job.fabric());
        if (job instanceof WatchMove m) {
            d.append("vnid", m.vnid()).append("addr", m.addr()).append("type", m.type().wireName())
                    .append("src", EndpointDocuments.moveEvent(m.src())).append("dst", EndpointDocuments.moveEvent(m.dst()));
        } else if (job instanceof WatchNode n) {
            d.append("ts", n.ts()).append("node", n.node()).append("status", n.status());
        } else if (job instanceof WatchStale s) {
            d.append("node", s.node()).append("vnid", s.vnid()).append("addr", s.addr())
                    .append("type", s.type().wireName()).append("ts", s.ts())
                    .append("event", EndpointDocuments.staleEvent(s.event()));
        } else if (job instanceof WatchOffsubnet o) {
            d.append("node", o.node()).append("vnid", o.vnid()).append("addr", o.addr())
                    .append("type", o.type().wireName()).append("ts", o.ts())
                    .append("event", EndpointDocuments.offsubnetEvent(o.event()));
        } else if (job instanceof WatchRapid r) {
            d.append("vnid", r.vnid()).append("addr", r.addr()).append("type", r.type().wireName())
                    .append("ts", r.ts()).append("count", r.count()).append("rate", r.rate())
                    .append("vnid_name", r.vnidName());
        }
        if (id != null) {
            d.append("id", id);
        }
        return d.append("due", due);
    }

    public static Envelope fromJson(String workType, String body) {
        Document d;
        try {
            d = DocumentJson.read(body);
        } catch (RuntimeException e) {
            throw new UnprocessableWorkException("malformed " + workType + " message (" + e.getMessage() + "): "
                    + body, e);
        }
        return fromDocument(workType, d, body);
    }

    /** @param body the message, for the error */
    private static Envelope fromDocument(String workType, Document d, String body) {
        try {
            String fabric = required(d, "fabric");
            WatchJob job = switch (workType) {
                case "watch_move" -> new WatchMove(fabric, num(d, "vnid").intValue(), required(d, "addr"), type(d),
                        EndpointDocuments.moveEvent(d.get("src", Document.class)),
                        EndpointDocuments.moveEvent(d.get("dst", Document.class)));
                case "watch_node" -> new WatchNode(fabric, num(d, "ts").doubleValue(), num(d, "node").intValue(),
                        d.getString("status"));
                case "watch_stale" -> new WatchStale(fabric, num(d, "node").intValue(), num(d, "vnid").intValue(),
                        required(d, "addr"), type(d), num(d, "ts").doubleValue(),
                        EndpointDocuments.staleEvent(d.get("event", Document.class)));
                case "watch_offsubnet" -> new WatchOffsubnet(fabric, num(d, "node").intValue(),
                        num(d, "vnid").intValue(), required(d, "addr"), type(d), num(d, "ts").doubleValue(),
                        EndpointDocuments.offsubnetEvent(d.get("event", Document.class)));
                case "watch_rapid" -> new WatchRapid(fabric, num(d, "vnid").intValue(), required(d, "addr"), type(d),
                        num(d, "ts").doubleValue(), num(d, "count").longValue(), num(d, "rate").doubleValue(),
                        d.getString("vnid_name") == null ? "" : d.getString("vnid_name"));
                default -> throw new UnprocessableWorkException("not a watch work type: " + workType);
            };
            return new Envelope(job, d.getString("id"), Boolean.TRUE.equals(d.getBoolean("due")));
        } catch (UnprocessableWorkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnprocessableWorkException("malformed " + workType + " message (" + e.getMessage() + "): "
                    + body, e);
        }
    }

    private static String required(Document d, String key) {
        String v = d.getString(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    private static Number num(Document d, String key) {
        if (d.get(key) instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("missing number " + key);
    }

    private static EndpointType type(Document d) {
        return EndpointType.fromWireName(required(d, "type"));
    }
}
