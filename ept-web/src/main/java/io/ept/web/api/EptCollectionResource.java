package io.ept.web.api;

import com.mongodb.client.MongoCollection;
import io.ept.endpoint.EndpointActions;
import io.ept.fabric.FabricRepository;
import io.ept.monitor.FabricManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import io.ept.fabric.FabricSchemas;
import io.ept.platform.Infrastructure;
import io.ept.query.BulkQuery;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
@Path("ept")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ept")
public class EptCollectionResource {

    /** Collection to the attributes that identify one object (its dn). */
    static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("node", List.of("fabric", "node")),
            Map.entry("tunnel", List.of("fabric", "name")),
            Map.entry("vnid", List.of("fabric", "name")),
            Map.entry("epg", List.of("fabric", "name")),
            Map.entry("subnet", List.of("fabric", "name")),
            Map.entry("vpc", List.of("fabric", "name")),
            Map.entry("pc", List.of("fabric", "name")),
            Map.entry("settings", List.of("fabric", "settings")),
            Map.entry("endpoint", List.of("fabric", "vnid", "addr")),
            Map.entry("move", List.of("fabric", "vnid", "addr")),
            Map.entry("rapid", List.of("fabric", "vnid", "addr")),
            Map.entry("history", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("offsubnet", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("stale", List.of("fabric", "node", "vnid", "addr")),
            Map.entry("remediate", List.of("fabric", "node", "vnid", "addr")));

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    EndpointActions actions;

    @GET
    @Path("{collection}")
    @Operation(summary = "Bulk read of ept.<collection>",
            description = "filter: and, or, eq, neq, gt, lt, ge, le, regex, e.g. and(eq(\"fabric\",\"f1\"),gt(\"count\",1)); "
                    + "sort: attr|asc,attr2|desc; page (0-based); page-size (default 10000, max 75000); count; include")
    public Response read(@PathParam("collection") String name,
                         @QueryParam("filter") String filter, @QueryParam("sort") String sort,
                         @QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                         @QueryParam("count") String count, @QueryParam("include") String include) {
        List<String> keys = KEYS.get(name);
        if (keys == null) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "unknown class 'ept." + name + "'");
        }
        BulkQuery query = BulkQuery.parse(filter, sort, page, pageSize, count, include);
        MongoCollection<Document> collection = infrastructure.database().getCollection("ept." + name);
        long total = query.count(collection);
        if (query.countOnly()) {
            return Response.ok(Json.createObjectBuilder().add("count", total).build()).build();
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Document doc : query.run(collection, keys)) {
            objects.add(view(name, doc));
        }
        JsonObject envelope = Jsons.envelope("ept." + name, objects, total);
        return Response.ok(envelope).build();
    }

    @DELETE
    @Path("endpoint/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bulk delete of endpoint records {fabric, vnid?}; only while the fabric monitor is stopped")
    public Response bulkDelete(JsonObject body) {
        if (body == null || !body.containsKey("fabric")) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "body {\"fabric\": ..., \"vnid\": optional} required");
        }
        String fabric = body.getString("fabric");
        fabrics.requireFabric(fabric);
        if (manager.isRunning(fabric)) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "stop the fabric monitor of '" + fabric + "' first");
        }
        long endpoints = actions.deleteAll(fabric, body.containsKey("vnid") ? body.getInt("vnid") : null);
        return Response.ok(Json.createObjectBuilder().add("success", true).add("count", endpoints).build()).build();
    }

    static Map<String, Object> view(String name, Document doc) {
        Map<String, Object> view = "settings".equals(name)
                ? new LinkedHashMap<>(FabricRepository.apiView(FabricSchemas.SETTINGS, doc))
                : new LinkedHashMap<>(doc);
        view.remove("_id");
        view.put("dn", dn(name, doc));
        return view;
    }

    static String dn(String name, Document doc) {
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
