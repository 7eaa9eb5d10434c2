package io.ept.web.api;

import io.ept.domain.FabricIds;
import io.ept.domain.InvalidValueException;
import io.ept.endpoint.EndpointActions;
import io.ept.endpoint.clear.ClearResult;
import io.ept.fabric.FabricRepository;
import io.ept.monitor.FabricManager;
import io.ept.application.EndpointQueries;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.ept.endpoint.EndpointTimeline;
import io.ept.messaging.WorkerHash;
import jakarta.inject.Inject;
import jakarta.ws.rs.QueryParam;
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
import java.util.Optional;
import java.util.stream.Collectors;

/** One endpoint: read, dataplane refresh, delete and clear (ept-reference 3.10, 3.11, 5.2). */
@RolesAllowed(Roles.USER)
@Path("uni/fb-{fabric}/endpoint/vnid-{vnid}/addr-{addr}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "endpoint")
public class EndpointResource {

    static final int MAX_CLEAR_NODES = EndpointActions.MAX_CLEAR_NODES;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    EndpointQueries endpoints;

    @Inject
    EndpointActions actions;

    @PathParam("fabric")
    String fabric;

    @PathParam("vnid")
    String vnidText;

    @PathParam("addr")
    String addrText;

    /** The validated key: set by {@link #key()} at the start of every route (400 naming the field otherwise). */
    private int vnid;
    private String addr;

    private void key() {
        vnid = FabricIds.vnid(vnidText);
        addr = EndpointActions.address(addrText).text();
    }

    @GET
    @Operation(summary = "Read one endpoint")
    public Response read() {
        key();
        Optional<Document> doc = endpoints.endpoint(fabric, vnid, addr);
        if (doc.isEmpty()) {
            return notFound();
        }
        return Response.ok(Jsons.envelope("ept.endpoint", List.of(EptCollectionResource.view("endpoint", doc.get())), 1)).build();
    }

    private Response notFound() {
        return ApiErrors.error(Response.Status.NOT_FOUND, "endpoint vnid " + vnid + " addr " + addr + " not found in fabric " + fabric);
    }

    @GET
    @Path("at")
    @Operation(summary = "Where the endpoint was at a time (epoch seconds): its local learn and every node's view",
            description = "Reconstructed from the stored events (capped per node); complete=false when the time is older "
                    + "than the oldest event kept.")
    public Response at(@QueryParam("ts") String ts) {
        key();
        fabrics.requireFabric(fabric);
        double when;
        try {
            when = ts == null || ts.isBlank() ? System.currentTimeMillis() / 1000.0 : Double.parseDouble(ts);
        } catch (NumberFormatException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "ts must be epoch seconds, got '" + ts + "'");
        }
        Document endpoint = endpoints.endpoint(fabric, vnid, addr).orElse(null);
        if (endpoint == null) {
            return notFound();
        }
        // exact unique-key reads, one per node that reported the endpoint
        List<Document> rows = endpoint.get("nodes") instanceof List<?> nodes
                ? endpoints.history(fabric, vnid, addr, nodes) : List.of();
        Map<String, Object> answer = EndpointTimeline.at(when, endpoint, rows);
        answer.put("dn", EptCollectionResource.dn("endpoint", endpoint) + "/at");
        return Response.ok(Jsons.envelope("ept.endpointAt", List.of(answer), 1)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("hash")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "EPT 2.x worker hash of this endpoint {worker_count=10} => {hash, worker_index}")
    public Response hash(JsonObject body) {
        key();
        int workers = 10;
        if (body != null && body.containsKey("worker_count")) {
            if (!(body.get("worker_count") instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < 1 || n.intValue() > 1024) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "worker_count must be an integer 1-1024");
            }
            workers = n.intValue();
        }
        WorkerHash.Result result = WorkerHash.of(vnid, addr, workers);
        return Response.ok(Json.createObjectBuilder().add("hash", result.hash().toString())
                .add("worker_index", result.workerIndex()).build()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("refresh")
    @Operation(summary = "Dataplane refresh: re-read the endpoint from the APIC and re-analyse it (fabric must be running)")
    public Response refresh() {
        key();
        fabrics.requireFabric(fabric);
        if (!"running".equals(manager.status(fabric).status())) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "fabric monitor for '" + fabric + "' is not running");
        }
        actions.refresh(fabric, vnid, addr);
        return Response.ok(Jsons.success()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("delete")
    @Operation(summary = "Delete every record of the endpoint, then refresh it so it is learned again")
    public Response delete() {
        key();
        actions.delete(fabric, vnid, addr);
        return Response.ok(Jsons.success()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("clear")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clear the endpoint on leaf switches over SSH through the APIC: {\"nodes\":[101,102]}")
    public Response clear(JsonObject body) {
        key();
        fabrics.requireFabric(fabric);
        JsonValue nodesValue = body == null ? null : body.get("nodes");
        if (!(nodesValue instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_CLEAR_NODES) {
            throw new InvalidValueException("nodes", "must be a list of 1-" + MAX_CLEAR_NODES + " node ids");
        }
        List<Integer> nodes = new ArrayList<>();
        for (JsonValue n : array) {
            nodes.add(FabricIds.leaf("nodes", n));
        }
        Map<Integer, ClearResult> results = actions.clear(fabric, vnid, addr, nodes);
        List<String> errors = results.values().stream().filter(r -> !r.success())
                .map(r -> "node-" + r.node() + ": " + r.error()).collect(Collectors.toList());
        return Response.ok(Json.createObjectBuilder().add("success", errors.isEmpty())
                .add("error", String.join("; ", errors)).build()).build();
    }
}
