package io.ept.web.api;

import io.ept.hierarchy.FabricHierarchy;
import io.ept.hierarchy.HierarchyService;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenant → VRF → BD → EPG with active endpoint counts, and the endpoints below any level. */
@RolesAllowed(Roles.USER)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "hierarchy", description = "tenant, VRF, BD and EPG tree with endpoint counts")
public class HierarchyResource {

    @Inject
    HierarchyService hierarchy;

    @GET
    @Path("uni/fb-{fabric}/hierarchy")
    @Operation(summary = "Tenant → VRF → BD → EPG tree of the fabric, each node {level, name, dn, mac, ipv4, ipv6, total, "
            + "children} counting the active endpoints whose newest learn is in an EPG below it; unassigned: endpoints "
            + "of EPGs not in the fabric's tables")
    public JsonObject tree(@PathParam("fabric") String fabric) {
        FabricHierarchy.Tree tree = hierarchy.tree(fabric);
        JsonArrayBuilder tenants = Json.createArrayBuilder();
        tree.tenants().forEach(t -> tenants.add(node(t)));
        return Json.createObjectBuilder().add("tenants", tenants).add("unassigned", counts(Json.createObjectBuilder(),
                tree.unassigned())).build();
    }

    @GET
    @Path("uni/fb-{fabric}/hierarchy/endpoints")
    @Operation(summary = "Active endpoints at or below a tenant (uni/tn-T), VRF, BD or EPG dn, by address; page and page-size (max 1000)")
    public JsonObject endpoints(@PathParam("fabric") String fabric,
                                @Parameter(description = "dn of a node of the tree", required = true) @QueryParam("dn") String dn,
                                @Parameter(description = "0-based page") @QueryParam("page") String page,
                                @Parameter(description = "rows per page, default 100, max 1000") @QueryParam("page-size") String pageSize) {
        if (dn == null || dn.isBlank()) {
            throw new io.ept.domain.InvalidValueException("dn", "'dn' is required: a tenant (uni/tn-T), VRF, BD or EPG dn");
        }
        int size = pageSize == null || pageSize.isEmpty() ? 100 : parse("page-size", pageSize, 1, HierarchyService.MAX_PAGE);
        int index = page == null || page.isEmpty() ? 0 : parse("page", page, 0, 1_000_000);
        HierarchyService.EndpointPage result = hierarchy.endpointsBelow(fabric, dn, index, size);
        return Jsons.envelope("ept.endpoint", result.rows(), result.count());
    }

    private static JsonObject node(FabricHierarchy.Node n) {
        JsonArrayBuilder children = Json.createArrayBuilder();
        n.children().forEach(c -> children.add(node(c)));
        return counts(Json.createObjectBuilder().add("level", n.level()).add("name", n.name()).add("dn", n.dn()), n.counts())
                .add("children", children).build();
    }

    private static JsonObjectBuilder counts(JsonObjectBuilder b, FabricHierarchy.Counts c) {
        return b.add("mac", c.mac()).add("ipv4", c.ipv4()).add("ipv6", c.ipv6()).add("total", c.total());
    }

    private static int parse(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new io.ept.domain.InvalidValueException(name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
