package io.ept.web.api;

import io.ept.publish.EventBus;
import io.ept.publish.EventMessage;
import io.ept.publish.Webhooks;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Publication of findings and monitor events: a fabric's webhooks, and the published schema and bus address. */
@RolesAllowed(Roles.ADMIN)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "publication", description = "webhooks and the message bus that receive every finding and monitor event")
public class PublishResource {

    @Inject
    Webhooks webhooks;

    @Inject
    CurrentCaller current;

    @Schema(name = "Webhook")
    public record WebhookRequest(@Schema(required = true, description = "http or https URL that receives POSTs") String url,
                                 @Schema(required = true, description = "HMAC-SHA256 key, 16 to 256 characters; write-only, stored encrypted") String secret,
                                 @Schema(description = "only these kinds (move, stale, offsubnet, rapid, clear, monitor); absent: all") List<String> kinds) {
    }

    @GET
    @Path("uni/fb-{fabric}/webhook")
    @Operation(summary = "The fabric's webhooks (secrets are never returned)")
    public JsonObject list(@PathParam("fabric") String fabric) {
        List<java.util.Map<String, Object>> rows = webhooks.list(fabric).stream().map(Webhooks::view).toList();
        return Jsons.envelope("ept.webhook", rows, rows.size());
    }

    @POST
    @Path("uni/fb-{fabric}/webhook")
    @Operation(summary = "Add a webhook: every open finding and monitor event of the fabric is POSTed as JSON (schema "
            + EventMessage.SCHEMA + ") with header X-EPT-Signature: sha256=<hex HMAC-SHA256 of the body>; failed "
            + "deliveries are retried with back-off, then logged in the fabric's event log")
    @RequestBody(content = @Content(schema = @Schema(implementation = WebhookRequest.class)))
    public JsonObject add(@PathParam("fabric") String fabric, JsonObject body) {
        JsonObject in = Bodies.require(body, Set.of("url", "secret", "kinds"));
        List<String> kinds = new ArrayList<>();
        JsonValue value = in.get("kinds");
        if (value != null && value != JsonValue.NULL) {
            if (!(value instanceof JsonArray array)) {
                throw new io.ept.domain.InvalidValueException("kinds", "kinds must be a list");
            }
            for (JsonValue v : array) {
                if (!(v instanceof JsonString s)) {
                    throw new io.ept.domain.InvalidValueException("kinds", "kinds must be strings");
                }
                kinds.add(s.getString());
            }
        }
        Document doc = webhooks.add(fabric, current.require(), Bodies.string(in, "url"), Bodies.string(in, "secret"), kinds);
        return Jsons.envelope("ept.webhook", List.of(Webhooks.view(doc)), 1);
    }

    @DELETE
    @Path("uni/fb-{fabric}/webhook/{id}")
    @Operation(summary = "Remove a webhook")
    public JsonObject remove(@PathParam("fabric") String fabric, @PathParam("id") String id) {
        webhooks.remove(fabric, current.require(), id);
        return Jsons.success();
    }

    @RolesAllowed(Roles.USER)
    @GET
    @Path("publication")
    @Operation(summary = "Where events are published: schema version, webhook headers, bus address and message properties")
    public JsonObject publication() {
        return Json.createObjectBuilder().add("schema", EventMessage.SCHEMA)
                .add("webhook_headers", Json.createArrayBuilder().add("X-EPT-Signature").add("X-EPT-Schema").add("X-EPT-Event-Id"))
                .add("bus_address", EventBus.ADDRESS).add("bus_jndi", EventBus.TOPIC_JNDI)
                .add("bus_properties", Json.createArrayBuilder().add("fabric").add("kind").add("type").add("schema").add("id"))
                .add("kinds", Jsons.toJson(new java.util.TreeSet<>(Webhooks.KINDS))).build();
    }
}
