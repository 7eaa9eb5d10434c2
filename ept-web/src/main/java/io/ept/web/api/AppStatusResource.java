package io.ept.web.api;

import io.ept.fabric.FabricRepository;
import io.ept.messaging.DeadLetters;
import io.ept.messaging.QueueCounters;
import io.ept.messaging.QueueStatistics;
import io.ept.messaging.probe.PipelineProbe;
import io.ept.monitor.FabricManager;
import io.ept.cluster.NodeRegistry;
import io.ept.status.AppStatus;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import io.ept.status.PipelineMetrics;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.ept.web.config.ContactConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@RolesAllowed(Roles.USER)
@Path("app-status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "app-status")
public class AppStatusResource {

    static final int MAX_PROBES = 10_000;

    @Inject
    AppStatus status;

    @Inject
    PipelineProbe probe;

    @Inject
    QueueStatistics queues;

    @Inject
    PipelineMetrics metrics;

    @Inject
    ContactConfig contactConfig;

    @Inject
    NodeRegistry nodes;

    @Inject
    CurrentCaller current;

    @Inject
    FabricManager manager;

    @Inject
    FabricRepository fabrics;

    @Inject
    DeadLetters deadLetters;

    @PermitAll
    @GET
    @Path("version")
    @Operation(summary = "Build information: version, app_id, commit, date, timestamp, branch, author, contact_url, contact_email")
    public JsonObject version() {
        return BuildInfo.load().toJson(contactConfig.url.orElse(""), contactConfig.email.orElse(""));
    }

    @GET
    @Path("manager")
    @Operation(summary = "Manager status: the answering node, every node of the cluster (roles, last heartbeat, fabrics it runs), fabrics with the node running each, and queue lengths",
            description = "Every node announces itself with a heartbeat in the store; workers are the live nodes, whose MDB pools consume the JMS queues.")
    public JsonObject managerStatus() {
        List<QueueCounters> counters;
        String queuesError = null;
        try {
            counters = queues.read();
        } catch (IllegalStateException e) {
            // the broker does not answer (a node cut off from it, a broker restarting): the nodes and fabrics still do
            counters = List.of();
            queuesError = e.getMessage();
        }
        long pending = counters.stream().filter(c -> !"EptDLQ".equals(c.queue())).mapToLong(QueueCounters::length).sum();
        JsonArrayBuilder names = Json.createArrayBuilder();
        counters.forEach(c -> names.add(c.queue()));
        JsonArray queueNames = names.build();
        JsonArrayBuilder workers = Json.createArrayBuilder();
        JsonArrayBuilder nodeList = Json.createArrayBuilder();
        for (NodeRegistry.ClusterNode node : nodes.describeNodes()) {
            JsonArrayBuilder roles = Json.createArrayBuilder();
            node.roles().forEach(roles::add);
            JsonArrayBuilder owned = Json.createArrayBuilder();
            node.fabrics().forEach(owned::add);
            nodeList.add(Json.createObjectBuilder().add("node", node.id()).add("active", node.active())
                    .add("roles", roles).add("start_time", node.started()).add("heartbeat", node.heartbeat())
                    .add("fabrics", owned));
            if (node.active()) {
                workers.add(Json.createObjectBuilder().add("worker_id", node.id()).add("active", true)
                        .add("role", String.join(",", node.roles())).add("roles", roles)
                        .add("start_time", node.started()).add("queues", queueNames)
                        .add("queue_len", pending));
            }
        }
        JsonArrayBuilder fabricList = Json.createArrayBuilder();
        for (org.bson.Document fabric : fabrics.listFabrics()) {
            String name = fabric.getString("fabric");
            FabricManager.Status status = manager.status(name);
            fabricList.add(Json.createObjectBuilder().add("fabric", name).add("alive", manager.isRunning(name))
                    .add("node", status.node()).add("status", status.status()));
        }
        JsonArrayBuilder queueDetails = Json.createArrayBuilder();
        counters.forEach(c -> queueDetails.add(Json.createObjectBuilder().add("queue", c.queue())
                .add("queue_len", c.length()).add("total_rx_msg", c.rxTotal()).add("total_tx_msg", c.txTotal())
                .add("delivering", c.delivering()).add("scheduled", c.scheduled()).add("consumers", c.consumers())));
        return Json.createObjectBuilder()
                .add("node", nodes.nodeId()).add("nodes", nodeList)
                .add("manager", withQueuesError(Json.createObjectBuilder().add("status", "running")
                        .add("manager_id", nodes.nodeId()).add("queues", queueDetails).add("queue_len", pending),
                        queuesError))
                .add("workers", workers).add("fabrics", fabricList).add("total_queue_len", pending).build();
    }

    private static jakarta.json.JsonObjectBuilder withQueuesError(jakarta.json.JsonObjectBuilder manager, String error) {
        return error == null ? manager : manager.add("queues_error", error);
    }

    @GET
    @Path("queue")
    @Operation(summary = "Total length of the work queues: {\"total_queue_len\": N}")
    public JsonObject queueLength() {
        return Json.createObjectBuilder().add("total_queue_len", queues.pendingWork()).build();
    }

    @PermitAll
    @GET
    @Operation(summary = "Application status: {\"success\":true}, or 503 naming the service that does not answer "
            + "(with the error detail for logged-in callers only)")
    public Response appStatus() {
        Map<String, String> problems = status.problems();
        if (problems.isEmpty()) {
            var ok = Json.createObjectBuilder().add("success", true);
            if (current.caller().filter(c -> c.role() != io.ept.security.Role.BLACKLIST).isPresent()) {
                ok.add("dead_letter", deadLetterSummary());
            }
            return Response.ok(ok.build()).build();
        }
        return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, describe(problems,
                current.caller().filter(c -> c.role() != io.ept.security.Role.BLACKLIST).isPresent()));
    }

    /** The problems as one line: detail for logged-in callers, only the service names for anyone else. */
    static String describe(Map<String, String> problems, boolean detail) {
        return problems.entrySet().stream().map(e -> e.getKey() + ": " + (detail ? e.getValue() : "unavailable"))
                .collect(Collectors.joining("; "));
    }

    private JsonObject deadLetterSummary() {
        DeadLetters.Summary summary = deadLetters.summary();
        return Json.createObjectBuilder().add("count", summary.count())
                .add("oldest_age_seconds", summary.oldestAgeSeconds(System.currentTimeMillis())).build();
    }

    @GET
    @Path("dead-letter")
    @Operation(summary = "The dead-letter queue EptDLQ: count, age of the oldest message and the parked messages",
            description = "Each message (at most " + DeadLetters.LIST_LIMIT + ", oldest first) with its id, work type, "
                    + "original queue, the reason the consumer gave up, when it was queued and failed, and its delivery "
                    + "attempts.")
    public JsonObject deadLetter() {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        for (DeadLetters.DeadLetter d : deadLetters.list()) {
            messages.add(Json.createObjectBuilder().add("id", d.id()).add("type", String.valueOf(d.type()))
                    .add("queue", d.originalQueue()).add("reason", d.reason()).add("queued_at", d.originalTimestamp() / 1000.0)
                    .add("failed_at", d.failedAt() / 1000.0).add("attempts", d.attempts())
                    .add("group", String.valueOf(d.group())).add("body_length", d.bodyLength()));
        }
        return Json.createObjectBuilder(deadLetterSummary()).add("messages", messages).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("dead-letter/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay dead-lettered work onto its original queue",
            description = "Body {\"id\":\"ID:...\"} replays one message, {} every parked message. Answers the numbers "
                    + "replayed and skipped (not from an EPT work queue); 404 when the id is not parked.")
    public Response replayDeadLetter(JsonObject request) {
        String id = null;
        if (request != null && request.containsKey("id")) {
            if (!(request.get("id") instanceof jakarta.json.JsonString text) || text.getString().isBlank()) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "id must be a message id string");
            }
            id = text.getString();
        }
        if (id != null && !DeadLetters.isMessageId(id)) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "id must be a JMS message id (ID:...)");
        }
        DeadLetters.ReplayResult result = deadLetters.replay(id);
        if (id != null && result.replayed() == 0) {
            return result.skipped() > 0
                    ? ApiErrors.error(Response.Status.CONFLICT, "message " + id + " did not come from an EPT work queue; not replayed")
                    : ApiErrors.error(Response.Status.NOT_FOUND, "no dead-lettered message " + id);
        }
        return Response.ok(Json.createObjectBuilder().add("success", true).add("replayed", result.replayed())
                .add("skipped", result.skipped()).build()).build();
    }

    @GET
    @Path("pipeline")
    @Operation(summary = "Counters of this node's epm pipeline",
            description = "Events received on the websocket and queued, messages processed by the workers, worker time "
                    + "per stage (load, analyze, store), live-event latency histogram (websocket receipt to stored) and "
                    + "heap. Counters only grow: diff two readings for a rate.")
    public JsonObject pipeline() {
        return metrics.snapshot();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("probe")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send probe messages through the worker pipeline",
            description = "Body {\"run\":\"r1\",\"messages\":[{\"key\":\"k\",\"seq\":0,\"priority\":4}]}. Each message is "
                    + "recorded with its processing rank in ept.probe and published on Redis channel ept.probe.<run>.")
    public Response sendProbes(JsonObject request) {
        if (request == null) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "body required");
        }
        String run = request.getString("run", "");
        if (!run.matches("[A-Za-z0-9._-]{1,64}")) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "run must match [A-Za-z0-9._-]{1,64}");
        }
        JsonValue messages = request.get("messages");
        if (!(messages instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_PROBES) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "messages must be a list of 1-" + MAX_PROBES + " objects");
        }
        List<PipelineProbe.Probe> probes = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject m) || !m.containsKey("key") || !m.containsKey("seq")) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "each message needs key and seq");
            }
            int priority = m.getInt("priority", 4);
            if (priority < 0 || priority > 9) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "priority must be 0-9");
            }
            probes.add(new PipelineProbe.Probe(run, m.getString("key"), m.getInt("seq"), priority));
        }
        probe.send(probes);
        return Response.ok(Json.createObjectBuilder().add("success", true).add("sent", probes.size()).build()).build();
    }
}
