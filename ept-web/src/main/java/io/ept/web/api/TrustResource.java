package io.ept.web.api;

import io.ept.fabric.FabricRepository;
import io.ept.fabric.TrustPins;
import io.ept.monitor.FabricManager;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pinned fingerprints of a fabric's APIC certificate and SSH host key (trust on first use), and the admin's
 * answer to a change: accept the new fingerprints, or forget every pin.
 */
@RolesAllowed(Roles.USER)
@Path("uni/fb-{fabric}/trust")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fabric")
public class TrustResource {

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @GET
    @Operation(summary = "Pinned and pending (changed) fingerprints: apic_cert_pins, apic_cert_pending, ssh_host_key_pins, ssh_host_key_pending")
    public JsonObject read(@PathParam("fabric") String fabric) {
        Document doc = fabrics.requireFabric(fabric);
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (TrustPins.Kind kind : TrustPins.Kind.values()) {
            out.add(kind.pinsField, Jsons.toJson(TrustPins.list(doc, kind.pinsField)));
            out.add(kind.pendingField, Jsons.toJson(TrustPins.list(doc, kind.pendingField)));
        }
        return out.build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("accept")
    @Operation(summary = "Accept the changed fingerprints as the new pins, then start the monitor ({\"start\":false} to leave it stopped)")
    public JsonObject accept(@PathParam("fabric") String fabric, JsonObject body) {
        int accepted = new TrustPins(fabrics).accept(fabric);
        boolean start = body == null || !(body.get("start") == JsonValue.FALSE);
        if (start) {
            manager.start(fabric, "started after an admin accepted " + accepted + " changed fingerprint(s)");
        }
        return Json.createObjectBuilder().add("success", true).add("accepted", accepted).add("started", start).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("reset")
    @Operation(summary = "Forget every pinned fingerprint of the fabric: the next connections pin what they see")
    public JsonObject reset(@PathParam("fabric") String fabric) {
        new TrustPins(fabrics).reset(fabric);
        return Jsons.success();
    }
}
