package io.ept.hierarchy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.ept.fabric.FabricRepository;
import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a fabric's VRFs, BDs, EPGs and active endpoints into a {@link FabricHierarchy.Tree}, and lists the active
 * endpoints below any node of it. An endpoint belongs to the EPG of its newest learn (events.0.epg_name); counting
 * reads every active endpoint row of the fabric (type and newest event only), once per call.
 */
@ApplicationScoped
public class HierarchyService {

    public static final int MAX_PAGE = 1000;

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    /** The endpoints listed below a node, and how many there are. */
    public record EndpointPage(long count, List<Document> rows) {
    }

    public FabricHierarchy.Tree tree(String fabric) {
        fabrics.requireFabric(fabric);
        var db = infrastructure.database();
        List<FabricHierarchy.VnidRow> vnids = new ArrayList<>();
        for (Document d : db.getCollection("ept.vnid").find(Filters.eq("fabric", fabric))) {
            vnids.add(new FabricHierarchy.VnidRow(str(d, "name"), num(d, "vnid"), num(d, "vrf"),
                    Boolean.TRUE.equals(d.getBoolean("external"))));
        }
        List<FabricHierarchy.EpgRow> epgs = new ArrayList<>();
        for (Document d : db.getCollection("ept.epg").find(Filters.eq("fabric", fabric))) {
            epgs.add(new FabricHierarchy.EpgRow(str(d, "name"), num(d, "vrf"), num(d, "bd")));
        }
        Map<String, long[]> counts = new HashMap<>();
        for (Document d : db.getCollection("ept.endpoint").find(active(fabric))
                .projection(Projections.fields(Projections.include("type"), Projections.slice("events", 1)))) {
            List<Document> events = d.getList("events", Document.class, List.of());
            String epg = events.isEmpty() ? "" : str(events.get(0), "epg_name");
            long[] c = counts.computeIfAbsent(epg, e -> new long[3]);
            switch (str(d, "type")) {
                case "mac" -> c[0]++;
                case "ipv4" -> c[1]++;
                case "ipv6" -> c[2]++;
                default -> { }
            }
        }
        Map<String, FabricHierarchy.Counts> byEpg = new HashMap<>();
        counts.forEach((epg, c) -> byEpg.put(epg, new FabricHierarchy.Counts(c[0], c[1], c[2])));
        return FabricHierarchy.build(vnids, epgs, byEpg);
    }

    /** Active endpoints whose EPG is at or below the node {@code dn}, by address. */
    public EndpointPage endpointsBelow(String fabric, String dn, int page, int pageSize) {
        FabricHierarchy.Node node = tree(fabric).find(dn);
        if (node == null) {
            throw new io.ept.findings.FindingControls.NotFoundException("no tenant, VRF, BD or EPG '" + dn + "' in fabric " + fabric);
        }
        Bson filter = Filters.and(active(fabric), Filters.in("events.0.epg_name", node.epgs()));
        var collection = infrastructure.database().getCollection("ept.endpoint");
        long count = collection.countDocuments(filter);
        List<Document> rows = new ArrayList<>();
        for (Document d : collection.find(filter).projection(Projections.fields(
                        Projections.include("fabric", "vnid", "addr", "type"), Projections.slice("events", 1)))
                .sort(Sorts.ascending("addr")).skip(page * pageSize).limit(pageSize)) {
            List<Document> events = d.getList("events", Document.class, List.of());
            Document latest = events.isEmpty() ? new Document() : events.get(0);
            rows.add(new Document("fabric", d.get("fabric")).append("vnid", d.get("vnid")).append("addr", d.get("addr"))
                    .append("type", d.get("type")).append("node", latest.get("node")).append("intf", latest.get("intf_name"))
                    .append("epg", latest.get("epg_name")).append("ts", latest.get("ts")));
        }
        return new EndpointPage(count, rows);
    }

    private static Bson active(String fabric) {
        return Filters.and(Filters.eq("fabric", fabric), Filters.in("events.0.status", "created", "modified"));
    }

    private static String str(Document d, String key) {
        Object v = d.get(key);
        return v == null ? "" : v.toString();
    }

    private static int num(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Number n ? n.intValue() : 0;
    }
}
