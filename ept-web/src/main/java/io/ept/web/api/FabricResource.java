package io.ept.web.api;

import io.ept.application.FabricService;
import io.ept.fabric.FabricExistsException;
import io.ept.fabric.FabricRepository;
import io.ept.fabric.FabricSchemas;
import io.ept.fabric.schema.ObjectSchema;
import io.ept.monitor.FabricManager;
import io.ept.monitor.FabricVerifier;
import io.ept.notify.NotificationDispatcher;
import io.ept.notify.NotificationService;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.ept.query.BulkQuery;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fabrics, their settings and their monitor (ept-reference 5.2): {@code /api/fabric} and {@code /api/uni/fb-<f>}. */
@RolesAllowed(Roles.USER)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fabric")
public class FabricResource {

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    NotificationService notifications;

    @Inject
    FabricVerifier verifier;

    @Inject
    FabricService fabricService;

    @GET
    @Path("fabric")
    @Produces({MediaType.APPLICATION_JSON, CsvTables.MEDIA_TYPE})
    @Operation(summary = "List fabrics (bulk query options and CSV as for /ept/{collection}; secrets are never returned)")
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        BulkQuery query = BulkResponses.query(uri);
        return BulkResponses.respond("fabric", fabricService.list(query), FabricResource::fabricView, uri, headers);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("fabric")
    @Operation(summary = "Create a fabric (its default settings are created with it)")
    public Response create(JsonObject body) {
        Map<String, Object> input = input(FabricSchemas.FABRIC, body, Set.of("fabric"));
        if (!input.containsKey("fabric")) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "attribute 'fabric' is required");
        }
        try {
            Document created = fabrics.createFabric(input);
            return Response.ok(fabricEnvelope(created)).build();
        } catch (FabricExistsException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    @GET
    @Path("uni/fb-{fabric}")
    @Operation(summary = "Read a fabric")
    public JsonObject read(@PathParam("fabric") String fabric) {
        return fabricEnvelope(fabrics.requireFabric(fabric));
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("uni/fb-{fabric}")
    @Operation(summary = "Update a fabric")
    public JsonObject patch(@PathParam("fabric") String fabric, JsonObject body) {
        return fabricEnvelope(fabrics.updateFabric(fabric, input(FabricSchemas.FABRIC, body, Set.of())));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("uni/fb-{fabric}")
    @Operation(summary = "Update a fabric (same as PATCH, as in EPT 2.x)")
    public JsonObject put(@PathParam("fabric") String fabric, JsonObject body) {
        return patch(fabric, body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("uni/fb-{fabric}")
    @Operation(summary = "Delete a fabric: stops its monitor and deletes every record that belongs to it")
    public JsonObject delete(@PathParam("fabric") String fabric) {
        fabricService.delete(fabric, "fabric deleted");
        return Jsons.success();
    }

    @GET
    @Path("uni/fb-{fabric}/settings-default")
    @Operation(summary = "Read the fabric's analysis and notification settings")
    public JsonObject settings(@PathParam("fabric") String fabric) {
        return settingsEnvelope(fabrics.settings(fabric));
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("uni/fb-{fabric}/settings-default")
    @Operation(summary = "Update settings; the analysis of every node uses them at once")
    public JsonObject patchSettings(@PathParam("fabric") String fabric, JsonObject body) {
        return settingsEnvelope(fabrics.updateSettings(fabric, input(FabricSchemas.SETTINGS, body, Set.of())));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("uni/fb-{fabric}/settings-default")
    @Operation(summary = "Update settings (same as PATCH)")
    public JsonObject putSettings(@PathParam("fabric") String fabric, JsonObject body) {
        return patchSettings(fabric, body);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/settings-default/reload")
    @Operation(summary = "Apply the settings to the running workers and watchers of every node")
    public Response reload(@PathParam("fabric") String fabric) {
        fabrics.requireFabric(fabric);
        if (!manager.isRunning(fabric)) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "fabric monitor for '" + fabric + "' is not running");
        }
        manager.reloadSettings(fabric);
        return Response.ok(Jsons.success()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/settings-default/test/email")
    @Operation(summary = "Send a test email to the configured address (400 when none is configured)")
    public Response testEmail(@PathParam("fabric") String fabric) {
        fabrics.requireFabric(fabric);
        if (fabrics.settings(fabric).getString("email_address").isBlank()) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "no email_address configured for fabric " + fabric);
        }
        return testResult(notifications.sendTestEmail(fabric));
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/settings-default/test/syslog")
    @Operation(summary = "Send a test syslog message to the configured server (400 when none is configured)")
    public Response testSyslog(@PathParam("fabric") String fabric) {
        fabrics.requireFabric(fabric);
        if (fabrics.settings(fabric).getString("syslog_server").isBlank()) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "no syslog_server configured for fabric " + fabric);
        }
        return testResult(notifications.sendTestSyslog(fabric));
    }

    /** A test message the mail or syslog server did not take is the far end's failure (502), not EPT's (500). */
    private static Response testResult(NotificationDispatcher.TestResult result) {
        return result.success() ? Response.ok(Jsons.success()).build()
                : ApiErrors.error(Response.Status.BAD_GATEWAY, result.error());
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/start")
    @Operation(summary = "Start (or restart) the fabric monitor; sets auto_start")
    public JsonObject start(@PathParam("fabric") String fabric, JsonObject body) {
        manager.start(fabric, reason(body));
        return Jsons.success();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/stop")
    @Operation(summary = "Stop the fabric monitor; clears auto_start")
    public JsonObject stop(@PathParam("fabric") String fabric, JsonObject body) {
        manager.stop(fabric, reason(body));
        return Jsons.success();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/move")
    @Operation(summary = "Move the fabric's monitor to another live node of the cluster: {\"node\": \"<node id>\"}")
    public Response move(@PathParam("fabric") String fabric, JsonObject body) {
        if (body == null || !(body.get("node") instanceof jakarta.json.JsonString node) || node.getString().isBlank()
                || node.getString().length() > 255) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "field 'node' must name a live node (1-255 characters)");
        }
        try {
            fabricService.move(fabric, node.getString());
        } catch (IllegalArgumentException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return Response.ok(Jsons.success()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/verify")
    @Operation(summary = "Check APIC credentials and rights, and the SSH path to a leaf: {success, apic_error, ssh_error}")
    public JsonObject verify(@PathParam("fabric") String fabric) {
        FabricVerifier.Verification v = verifier.verify(fabric);
        return Json.createObjectBuilder().add("success", v.success()).add("apic_error", v.apicError())
                .add("ssh_error", v.sshError()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("uni/fb-{fabric}/controllers")
    @Operation(summary = "Discover the in-service APICs' management addresses into the fabric's failover list")
    public Response controllers(@PathParam("fabric") String fabric) {
        try {
            List<String> controllers = verifier.discoverControllers(fabric);
            return Response.ok(Json.createObjectBuilder().add("success", true)
                    .add("controllers", Jsons.toJson(controllers)).build()).build();
        } catch (io.ept.apic.ApicException e) {
            return ApiErrors.error(Response.Status.BAD_GATEWAY, "APIC: " + e.getMessage());
        }
    }

    @GET
    @Path("uni/fb-{fabric}/status")
    @Operation(summary = "Monitor status: running / starting / stopped, uptime in seconds")
    public JsonObject status(@PathParam("fabric") String fabric) {
        FabricManager.Status status = manager.status(fabric);
        var json = Json.createObjectBuilder().add("status", status.status()).add("uptime", status.uptime())
                .add("node", status.node());
        if (!status.reason().isEmpty()) {
            json.add("reason", status.reason());
        }
        return json.build();
    }

    static Map<String, Object> fabricView(Document doc) {
        return view(FabricSchemas.FABRIC, doc, "");
    }

    private static JsonObject fabricEnvelope(Document doc) {
        return Jsons.envelope("fabric", List.of(fabricView(doc)), 1);
    }

    private static JsonObject settingsEnvelope(Document doc) {
        return Jsons.envelope("ept.settings", List.of(view(FabricSchemas.SETTINGS, doc, "/settings-default")), 1);
    }

    /** The schema's API view of a stored fabric or settings document, with its dn. */
    private static Map<String, Object> view(ObjectSchema schema, Document doc, String dnSuffix) {
        Map<String, Object> view = new LinkedHashMap<>(FabricRepository.apiView(schema, doc));
        view.put("dn", "/uni/fb-" + doc.getString("fabric") + dnSuffix);
        return view;
    }

    /** The body validated against the schema (attributes in {@code keys} may be set here only, not changed). */
    private static Map<String, Object> input(ObjectSchema schema, JsonObject body, Set<String> keys) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        return schema.validateInput(Jsons.toMap(body), keys);
    }

    private static String reason(JsonObject body) {
        return body == null ? "" : body.getString("reason", "");
    }
}
