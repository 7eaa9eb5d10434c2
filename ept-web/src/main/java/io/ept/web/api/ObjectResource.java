package io.ept.web.api;

import io.ept.application.RecordQueries;
import io.ept.query.BulkQuery;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single objects by their dn-style URL (ept-reference 5.2): per-node and per-endpoint records, the fabric mirror
 * tables, queue statistics and the local MO copies. Keys are exact, so each read is one unique-index lookup.
 */
@RolesAllowed(Roles.USER)
@Path("")
@Produces({MediaType.APPLICATION_JSON, CsvTables.MEDIA_TYPE})
@Tag(name = "objects")
public class ObjectResource {

    @Inject
    RecordQueries records;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    @Path("uni/fb-{fabric}/{collection: history|offsubnet|stale|remediate}/node-{node}/vnid-{vnid}/addr-{addr}")
    @Operation(summary = "One per-node record: history, offsubnet, stale or remediate")
    public Response perNode(@PathParam("fabric") String fabric, @PathParam("collection") String collection,
                            @PathParam("node") int node, @PathParam("vnid") String vnid, @PathParam("addr") String addr) {
        int vnidValue = io.ept.domain.FabricIds.vnid(vnid);
        String address = io.ept.domain.EndpointAddress.parse("addr", addr).text();
        return one(collection, records.perNode(collection, fabric, node, vnidValue, address),
                key("node", node, "vnid", vnidValue, "addr", address));
    }

    @GET
    @Path("uni/fb-{fabric}/{collection: move|rapid}/vnid-{vnid}/addr-{addr}")
    @Operation(summary = "One per-endpoint record: move or rapid")
    public Response perEndpoint(@PathParam("fabric") String fabric, @PathParam("collection") String collection,
                                @PathParam("vnid") String vnid, @PathParam("addr") String addr) {
        int vnidValue = io.ept.domain.FabricIds.vnid(vnid);
        String address = io.ept.domain.EndpointAddress.parse("addr", addr).text();
        return one(collection, records.perEndpoint(collection, fabric, vnidValue, address), key("vnid", vnidValue, "addr", address));
    }

    @GET
    @Path("uni/fb-{fabric}/node-{node}")
    @Operation(summary = "One node of the fabric")
    public Response node(@PathParam("fabric") String fabric, @PathParam("node") int node) {
        return one("node", records.node(fabric, node), key("node", node));
    }

    @GET
    @Path("uni/fb-{fabric}/{collection: tunnel|vnid|epg|subnet|vpc|pc}-{name: .+}")
    @Operation(summary = "One row of a mirror table by its name (the APIC dn it came from)",
            description = "Names containing '/' can also be read through the bulk route with a filter on name.")
    public Response named(@PathParam("fabric") String fabric, @PathParam("collection") String collection,
                          @PathParam("name") String name) {
        return one(collection, records.named(collection, fabric, name), key("name", name));
    }

    @GET
    @Path("uni/proc-{proc}/queue-{queue}")
    @Operation(summary = "Statistics of one JMS queue as recorded by one EPT node (ept.queue)")
    public Response queue(@PathParam("proc") String proc, @PathParam("queue") String queue) {
        Optional<Document> doc = records.queue(proc, queue);
        if (doc.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "no statistics for queue '" + queue + "' of '" + proc + "'");
        }
        return Response.ok(Jsons.envelope("ept.queue", List.of(EptCollectionResource.view("queue", doc.get())), 1)).build();
    }

    @GET
    @Path("mo/{class}")
    @Operation(summary = "Bulk read of the local copies of one APIC class (mo.<class>), with the bulk query options")
    public Response moBulk(@PathParam("class") String className) {
        String collection = RecordQueries.moCollection(className);
        BulkQuery query = BulkResponses.query(uri);
        return BulkResponses.respond(collection, records.mo(className, query), ObjectResource::moView, uri, headers);
    }

    @GET
    @Path("uni/fb-{fabric}/{class}/dn-{dn: .+}")
    @Operation(summary = "One local copy of an APIC object by class and dn")
    public Response moOne(@PathParam("fabric") String fabric, @PathParam("class") String className,
                          @PathParam("dn") String dn) {
        String collection = RecordQueries.moCollection(className);
        Optional<Document> doc = records.mo(className, fabric, dn);
        if (doc.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, className + " '" + dn + "' not found in fabric " + fabric);
        }
        return Response.ok(Jsons.envelope(collection, List.of(moView(doc.get())), 1)).build();
    }

    @GET
    @Path("uni")
    @Operation(summary = "The universe root")
    public Response uni() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dn", "/uni");
        return Response.ok(Jsons.envelope("uni", List.of(root), 1)).build();
    }

    /** The record's envelope, or 404 naming the key it was looked up by (without the fabric). */
    private static Response one(String collection, Optional<Document> doc, Map<String, Object> key) {
        if (doc.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "ept." + collection + " " + RecordQueries.describeKey(key) + " not found");
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        objects.add(EptCollectionResource.view(collection, doc.get()));
        return Response.ok(Jsons.envelope("ept." + collection, objects, 1)).build();
    }

    private static Map<String, Object> key(Object... pairs) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            key.put((String) pairs[i], pairs[i + 1]);
        }
        return key;
    }

    static Map<String, Object> moView(Document doc) {
        Map<String, Object> view = new LinkedHashMap<>(doc);
        view.remove("_id");
        return view;
    }
}
