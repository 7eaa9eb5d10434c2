package io.ept.web.api;

import io.ept.inventory.InventoryService;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inventory history: versions of nodes, vPC pairs, tunnels, port-channels, VRFs/BDs, EPGs and subnets. */
@RolesAllowed(Roles.USER)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory", description = "configuration versions with active_from / active_until")
public class InventoryResource {

    @Inject
    InventoryService inventory;

    @GET
    @Path("uni/fb-{fabric}/inventory")
    @Operation(summary = "The fabric's node, tunnel, vpc, pc, vnid (VRFs and BDs), epg or subnet table as it was at a time "
            + "(at: epoch seconds or ISO-8601; absent: now): versions {table, key, active_from, active_until, row}")
    public JsonObject at(@PathParam("fabric") String fabric,
                         @Parameter(description = "node, tunnel, vpc, pc, vnid, epg or subnet", required = true) @QueryParam("table") String table,
                         @Parameter(description = "epoch seconds or ISO-8601 instant") @QueryParam("at") String at) {
        List<Map<String, Object>> rows = inventory.at(fabric, required(table), time(at)).stream().map(InventoryResource::view).toList();
        return Jsons.envelope("ept.inventory", rows, rows.size());
    }

    @GET
    @Path("uni/fb-{fabric}/inventory/versions")
    @Operation(summary = "Every version of one object, oldest first (when did this subnet appear, how did this node change); "
            + "key: node id, or the object's name/dn")
    public JsonObject versions(@PathParam("fabric") String fabric,
                               @Parameter(description = "node, tunnel, vpc, pc, vnid, epg or subnet", required = true) @QueryParam("table") String table,
                               @Parameter(description = "node id or name/dn", required = true) @QueryParam("key") String key) {
        if (key == null || key.isEmpty()) {
            throw new io.ept.domain.InvalidValueException("key", "'key' is required: a node id or an object's name/dn");
        }
        List<Map<String, Object>> rows = inventory.versions(fabric, required(table), key).stream().map(InventoryResource::view).toList();
        return Jsons.envelope("ept.inventory", rows, rows.size());
    }

    @GET
    @Path("uni/fb-{fabric}/inventory/endpoint")
    @Operation(summary = "Configuration changes that touched an endpoint since its first recorded event: its nodes, EPGs, "
            + "BDs and their subnets appearing, changing or being removed, newest first")
    public JsonObject endpointChanges(@PathParam("fabric") String fabric,
                                      @Parameter(required = true) @QueryParam("vnid") String vnid,
                                      @Parameter(required = true) @QueryParam("addr") String addr) {
        int v = io.ept.domain.FabricIds.vnid(vnid == null ? "" : vnid);
        String a = io.ept.domain.EndpointAddress.parse("addr", addr == null ? "" : addr).text();
        List<Map<String, Object>> rows = inventory.changesTouching(fabric, v, a).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ts", c.ts());
            m.put("table", c.table());
            m.put("key", c.key());
            m.put("change", c.change());
            m.put("row", c.row());
            return m;
        }).toList();
        return Jsons.envelope("ept.inventory.change", rows, rows.size());
    }

    private static String required(String table) {
        if (table == null || table.isEmpty()) {
            throw new io.ept.domain.InvalidValueException("table", "'table' is required: node, tunnel, vpc, pc, vnid, epg or subnet");
        }
        InventoryService.table(table);
        return table;
    }

    private static Double time(String at) {
        if (at == null || at.isEmpty()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(at);
            if (Double.isFinite(seconds) && seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException notNumber) {
            try {
                return Instant.parse(at).toEpochMilli() / 1000.0;
            } catch (DateTimeException ignored) {
                // answered below
            }
        }
        throw new io.ept.domain.InvalidValueException("at", "'at' must be epoch seconds or an ISO-8601 instant");
    }

    static Map<String, Object> view(Document v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", v.getString("table").substring(4));
        m.put("key", v.get("key"));
        m.put("active_from", v.get("active_from"));
        m.put("active_until", v.get("active_until"));
        m.put("row", v.get("row"));
        return m;
    }
}
