package io.ept.endpoint;

import com.mongodb.client.MongoDatabase;
import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.EpgKind;
import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.FabricNode;
import io.ept.analysis.lookup.Subnet;
import io.ept.analysis.lookup.Tunnel;
import io.ept.analysis.lookup.Vnid;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static io.ept.endpoint.EndpointDocuments.bool;
import static io.ept.endpoint.EndpointDocuments.integer;
import static io.ept.endpoint.EndpointDocuments.str;

/**
 * {@link FabricLookups} of one fabric over the topology collections written by the subscriber (ept.node,
 * ept.tunnel, ept.vpc, ept.pc, ept.epg, ept.vnid, ept.subnet, and overlay_vnid of ept.settings). Every lookup
 * has an LRU cache of {@value #CACHE_SIZE} entries like the original worker; {@link #flush} empties them when
 * the subscriber announces a change on the Redis channel ept.flush.
 */
public final class MongoFabricLookups implements FabricLookups {
    public static final int CACHE_SIZE = 512;

    /** Cache names used on ept.flush: the collection names, plus "settings" and "all". */
    public static final String NODE = "ept.node";
    public static final String TUNNEL = "ept.tunnel";
    public static final String VPC = "ept.vpc";
    public static final String PC = "ept.pc";
    public static final String EPG = "ept.epg";
    public static final String VNID = "ept.vnid";
    public static final String SUBNET = "ept.subnet";
    public static final String SETTINGS = "settings";
    public static final String ALL = "all";

    private record NodeIntf(int node, String intf) {
    }

    private record VrfPctag(int vrf, int pctag) {
    }

    private final MongoDatabase db;
    private final String fabric;
    private final LruCache<NodeIntf, Optional<Tunnel>> tunnels = new LruCache<>(CACHE_SIZE);
    private final LruCache<Integer, Optional<FabricNode>> nodes = new LruCache<>(CACHE_SIZE);
    private final LruCache<NodeIntf, Integer> vpcs = new LruCache<>(CACHE_SIZE);
    private final LruCache<NodeIntf, String> pcNames = new LruCache<>(CACHE_SIZE);
    private final LruCache<VrfPctag, Optional<Epg>> epgs = new LruCache<>(CACHE_SIZE);
    private final LruCache<Integer, Optional<Vnid>> vnids = new LruCache<>(CACHE_SIZE);
    private final LruCache<Integer, List<Subnet>> subnets = new LruCache<>(CACHE_SIZE);
    private volatile Integer overlayVnid;

    public MongoFabricLookups(MongoDatabase db, String fabric) {
        this.db = db;
        this.fabric = fabric;
    }

    public String fabric() {
        return fabric;
    }

    /** Empties the cache named by an ept.flush message (unknown names are ignored). */
    public void flush(String cache) {
        switch (cache) {
            case NODE -> nodes.clear();
            case TUNNEL -> tunnels.clear();
            case VPC -> vpcs.clear();
            case PC -> pcNames.clear();
            case EPG -> epgs.clear();
            case VNID -> vnids.clear();
            case SUBNET -> subnets.clear();
            case SETTINGS -> overlayVnid = null;
            case ALL -> {
                for (LruCache<?, ?> c : List.of(nodes, tunnels, vpcs, pcNames, epgs, vnids, subnets)) {
                    c.clear();
                }
                overlayVnid = null;
            }
            default -> {
                // another component's cache
            }
        }
    }

    @Override
    public Optional<Tunnel> tunnel(int node, String intf) {
        return tunnels.get(new NodeIntf(node, intf), k -> one(TUNNEL, and(eq("node", node), eq("intf", intf)))
                .map(d -> new Tunnel(integer(d, "node"), str(d, "intf"), str(d, "dst"), str(d, "src"),
                        integer(d, "remote"), str(d, "encap"), str(d, "flags"))));
    }

    @Override
    public Optional<FabricNode> node(int node) {
        return nodes.get(node, k -> one(NODE, eq("node", node)).map(d -> new FabricNode(integer(d, "node"),
                integer(d, "pod_id"), str(d, "name"), str(d, "role"), str(d, "addr"), integer(d, "peer"))));
    }

    @Override
    public int vpcId(int node, String po) {
        return vpcs.get(new NodeIntf(node, po),
                k -> one(VPC, and(eq("node", node), eq("intf", po))).map(d -> integer(d, "vpc")).orElse(0));
    }

    @Override
    public String pcName(int node, String intf) {
        return pcNames.get(new NodeIntf(node, intf),
                k -> one(PC, and(eq("node", node), eq("intf", intf))).map(d -> str(d, "intf_name")).orElse(""));
    }

    @Override
    public Optional<Epg> epg(int vrf, int pctag) {
        return epgs.get(new VrfPctag(vrf, pctag), k -> one(EPG, and(eq("vrf", vrf), eq("pctag", pctag)))
                .map(d -> new Epg(str(d, "name"), integer(d, "vrf"), integer(d, "pctag"), integer(d, "bd"),
                        epgKind(str(d, "kind")), bool(d, "is_attr_based"))));
    }

    @Override
    public Optional<Vnid> vnid(int vnid) {
        return vnids.get(vnid, k -> one(VNID, eq("vnid", vnid)).map(d -> new Vnid(str(d, "name"),
                integer(d, "vnid"), integer(d, "vrf"), bool(d, "external"), integer(d, "pctag"), str(d, "encap"))));
    }

    @Override
    public List<Subnet> subnets(int bd) {
        return subnets.get(bd, k -> {
            List<Subnet> out = new ArrayList<>();
            for (Document d : db.getCollection(SUBNET).find(and(eq("fabric", fabric), eq("bd", bd)))) {
                out.add(new Subnet(str(d, "name"), integer(d, "bd"), str(d, "ip")));
            }
            return List.copyOf(out);
        });
    }

    @Override
    public int overlayVnid() {
        Integer cached = overlayVnid;
        if (cached == null) {
            Document settings = db.getCollection("ept.settings")
                    .find(and(eq("fabric", fabric), eq("settings", "default"))).first();
            cached = settings == null ? 0 : integer(settings, "overlay_vnid");
            overlayVnid = cached;
        }
        return cached;
    }

    private Optional<Document> one(String collection, Bson filter) {
        return Optional.ofNullable(db.getCollection(collection).find(and(eq("fabric", fabric), filter)).first());
    }

    private static EpgKind epgKind(String kind) {
        return switch (kind) {
            case "esg" -> EpgKind.ESG;
            case "external" -> EpgKind.EXTERNAL;
            default -> EpgKind.EPG;
        };
    }
}
