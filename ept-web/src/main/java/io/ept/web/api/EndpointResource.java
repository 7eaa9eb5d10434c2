package io.ept.web.api;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmType;
import io.ept.endpoint.EpmWorkService;
import io.ept.endpoint.clear.ClearResult;
import io.ept.endpoint.clear.EndpointClearService;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkQueues;
import io.ept.messaging.WorkerGroups;
import io.ept.messaging.WorkTypes;
import io.ept.monitor.FabricManager;
import io.ept.platform.Infrastructure;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One endpoint: read, dataplane refresh, delete and clear (ept-reference 3.10, 3.11, 5.2). */
@Path("uni/fb-{fabric}/endpoint/vnid-{vnid}/addr-{addr}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "endpoint")
public class EndpointResource {

    static final int MAX_CLEAR_NODES = 64;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    Infrastructure infrastructure;

    @Inject
    WorkQueues queues;

    @Inject
    WorkerGroups workerGroups;

    @Inject
    EpmWorkService workers;

    @Inject
    EndpointClearService clears;

    @PathParam("fabric")
    String fabric;

    @PathParam("vnid")
    int vnid;

    @PathParam("addr")
    String addr;

    @GET
    @Operation(summary = "Read one endpoint")
    public Response read() {
        Document doc = infrastructure.database().getCollection("ept.endpoint")
                .find(new Document("fabric", fabric).append("vnid", vnid).append("addr", addr)).first();
        if (doc == null) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "endpoint vnid " + vnid + " addr " + addr + " not found in fabric " + fabric);
        }
        return Response.ok(Jsons.envelope("ept.endpoint", List.of(EptCollectionResource.view("endpoint", doc)), 1)).build();
    }

    @POST
    @Path("refresh")
    @Operation(summary = "Dataplane refresh: re-read the endpoint from the APIC and re-analyse it (fabric must be running)")
    public Response refresh() {
        fabrics.requireFabric(fabric);
        if (!"running".equals(manager.status(fabric).status())) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "fabric monitor for '" + fabric + "' is not running");
        }
        manager.refresh(fabric, vnid, addr, epmType());
        return Response.ok(Jsons.success()).build();
    }

    @DELETE
    @Path("delete")
    @Operation(summary = "Delete every record of the endpoint, then refresh it so it is learned again")
    public Response delete() {
        fabrics.requireFabric(fabric);
        EndpointKey key = new EndpointKey(fabric, vnid, addr);
        if (!"running".equals(manager.status(fabric).status())) {
            workers.deleteEndpoint(key);
            return Response.ok(Jsons.success()).build();
        }
        // Same group and priority as the refresh events: the delete is analysed first, without a race (quirk Q8).
        String body = Json.createObjectBuilder().add("fabric", fabric).add("vnid", vnid).add("addr", addr).build().toString();
        queues.toWorkers(List.of(new WorkItem(WorkTypes.ENDPOINT_DELETE, workerGroups.messageGroup(key),
                WorkItem.PRIORITY_REFRESH, body)));
        manager.refresh(fabric, vnid, addr, epmType());
        return Response.ok(Jsons.success()).build();
    }

    @POST
    @Path("clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clear the endpoint on leaf switches over SSH through the APIC: {\"nodes\":[101,102]}")
    public Response clear(JsonObject body) {
        fabrics.requireFabric(fabric);
        JsonValue nodesValue = body == null ? null : body.get("nodes");
        if (!(nodesValue instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_CLEAR_NODES) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "nodes must be a list of 1-" + MAX_CLEAR_NODES + " node ids");
        }
        List<Integer> nodes = new ArrayList<>();
        for (JsonValue n : array) {
            if (!(n instanceof JsonNumber number) || !number.isIntegral() || number.intValue() < 101 || number.intValue() > 4096) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "node ids must be integers 101-4096, got " + n);
            }
            nodes.add(number.intValue());
        }
        EndpointType type = EndpointType.of(addr, epmType());
        Map<Integer, ClearResult> results = clears.clearForApi(fabric, vnid, addr, type, nodes);
        List<String> errors = results.values().stream().filter(r -> !r.success())
                .map(r -> "node-" + r.node() + ": " + r.error()).collect(Collectors.toList());
        return Response.ok(Json.createObjectBuilder().add("success", errors.isEmpty())
                .add("error", String.join("; ", errors)).build()).build();
    }

    private EpmType epmType() {
        return addr.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}") ? EpmType.MAC : EpmType.IP;
    }
}
