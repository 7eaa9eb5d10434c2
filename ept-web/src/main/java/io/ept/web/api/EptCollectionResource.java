package io.ept.web.api;

import io.ept.endpoint.EndpointActions;
import io.ept.fabric.FabricRepository;
import io.ept.monitor.FabricManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import io.ept.fabric.FabricSchemas;
import io.ept.application.RecordQueries;
import io.ept.query.BulkQuery;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bulk reads of EPT's collections, {@code /api/ept/<class>}, with filter, sort, paging, count and include. */
@RolesAllowed(Roles.USER)
@Path("ept")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ept")
public class EptCollectionResource {

    /** Collection to the attributes that identify one object (its dn). */
    static final Map<String, List<String>> KEYS = RecordQueries.KEYS;

    @Inject
    RecordQueries records;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    EndpointActions actions;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    @Path("{collection}")
    @Produces({MediaType.APPLICATION_JSON, CsvTables.MEDIA_TYPE})
    @Operation(summary = "Bulk read of ept.<collection> (JSON envelope, or CSV with ?format=csv or Accept: text/csv)",
            description = "filter: and, or, eq, neq, gt, lt, ge, le, regex with dotted paths, e.g. "
                    + "and(eq(\"fabric\",\"f1\"),gt(\"count\",1)) or eq(\"events.0.status\",\"created\"); "
                    + "sort: attr|asc,attr2|desc; page (0-based); page-size (default 10000, max 75000); count=1 returns only "
                    + "the count; include: comma list of attributes (keys always added)")
    public Response read(@PathParam("collection") String name,
                         @Parameter(description = "filter expression") @QueryParam("filter") String filter,
                         @Parameter(description = "attr|asc,attr2|desc") @QueryParam("sort") String sort,
                         @Parameter(description = "0-based page") @QueryParam("page") String page,
                         @Parameter(description = "default 10000, max 75000") @QueryParam("page-size") String pageSize,
                         @Parameter(description = "true: return only {count}") @QueryParam("count") String count,
                         @Parameter(description = "attributes to return") @QueryParam("include") String include,
                         @Parameter(description = "json (default) or csv") @QueryParam("format") String format) {
        List<String> keys = KEYS.get(name);
        if (keys == null) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "unknown class 'ept." + name + "'; known: " + new java.util.TreeSet<>(KEYS.keySet()));
        }
        BulkQuery query = BulkResponses.query(uri);
        // history, endpoint, move: event lists are assembled from their event documents (issue 16)
        return BulkResponses.respond("ept." + name, records.bulk(name, query, filter, sort), doc -> view(name, doc), uri, headers);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("endpoint/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bulk delete of endpoint records {fabric, vnid?}; only while the fabric monitor is stopped")
    public Response bulkDelete(JsonObject body) {
        if (body == null || !body.containsKey("fabric")) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "body {\"fabric\": ..., \"vnid\": optional} required");
        }
        Bodies.require(body, java.util.Set.of("fabric", "vnid"));
        String fabric = Bodies.string(body, "fabric");
        Integer vnid = null;
        if (body.containsKey("vnid") && body.get("vnid") != jakarta.json.JsonValue.NULL) {
            if (!(body.get("vnid") instanceof jakarta.json.JsonNumber n) || !n.isIntegral()
                    || n.bigIntegerValue().bitLength() > 31 || n.longValue() < 0) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "field 'vnid' must be a non-negative integer");
            }
            vnid = n.intValue();
        }
        fabrics.requireFabric(fabric);
        if (manager.isRunning(fabric)) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "stop the fabric monitor of '" + fabric + "' first");
        }
        long endpoints = actions.deleteAll(fabric, vnid);
        return Response.ok(Json.createObjectBuilder().add("success", true).add("count", endpoints).build()).build();
    }

    static Map<String, Object> view(String name, Document doc) {
        Map<String, Object> view = "settings".equals(name)
                ? new LinkedHashMap<>(FabricRepository.apiView(FabricSchemas.SETTINGS, doc))
                : new LinkedHashMap<>(doc);
        view.remove("_id");
        // the store's bookkeeping, not part of the 2.x objects
        view.remove("first_seq");
        view.remove("applied_batches");
        view.put("dn", dn(name, doc));
        return view;
    }

    static String dn(String name, Document doc) {
        if ("queue".equals(name)) {
            return "/uni/proc-" + doc.getString("proc") + "/queue-" + doc.getString("queue");
        }
        String base = "/uni/fb-" + doc.getString("fabric");
        return switch (name) {
            case "node" -> base + "/node-" + doc.get("node");
            case "settings" -> base + "/settings-" + doc.getString("settings");
            case "endpoint", "move", "rapid" -> base + "/" + name + "/vnid-" + doc.get("vnid") + "/addr-" + doc.get("addr");
            case "history", "offsubnet", "stale", "remediate" -> base + "/" + name + "/node-" + doc.get("node")
                    + "/vnid-" + doc.get("vnid") + "/addr-" + doc.get("addr");
            default -> base + "/" + name + "-" + doc.getString("name");
        };
    }
}
