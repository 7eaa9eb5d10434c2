package io.ept.endpoint;

import io.ept.platform.KeyFilter;
import com.mongodb.client.MongoDatabase;
import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.EpgKind;
import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.FabricNode;
import io.ept.analysis.lookup.Subnet;
import io.ept.analysis.lookup.Tunnel;
import io.ept.analysis.lookup.Vnid;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.eq;
import static io.ept.endpoint.EndpointDocuments.bool;
import static io.ept.endpoint.EndpointDocuments.integer;
import static io.ept.endpoint.EndpointDocuments.str;

/**
 * {@link FabricLookups} of one fabric over the topology collections written by the subscriber (ept.node,
 * ept.tunnel, ept.vpc, ept.pc, ept.epg, ept.vnid, ept.subnet, and overlay_vnid of ept.settings). Each collection is
 * read whole, with one query, the first time it is needed and then kept in memory as an immutable map, until
 * {@link #flush} drops it when the subscriber announces a change on the Redis channel ept.flush. Per-key queries
 * would not do: the tables are small (even 200K tunnels are a few tens of MB) while a worker asks for several
 * entries per event, and the embedded MongoDB-protocol server serves only exact unique-key matches from an index,
 * so a query on (node, intf) or (vrf, pctag) scanned the whole collection.
 */
public final class MongoFabricLookups implements FabricLookups {

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

    /**
     * A (node, interface) key. The record's own hash (31 * node + the name's) puts the (node, "tunnelN") keys of a
     * large fabric into few buckets, where HashMap searched tree bins of incomparable keys one by one: a tenth of a
     * worker's time in a design-size build. A mixed hash spreads them; the ordering keeps any collision cheap.
     */
    record NodeIntf(int node, String intf) implements Comparable<NodeIntf> {

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(intf) * 0x9E3779B9 + node;
        }

        @Override
        public int compareTo(NodeIntf other) {
            int c = Integer.compare(node, other.node);
            return c != 0 ? c : java.util.Objects.compare(intf, other.intf,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        }
    }

    private record VrfPctag(int vrf, int pctag) {
    }

    private final MongoDatabase db;
    private final String fabric;
    private final Table<Integer, FabricNode> nodes = new Table<>(NODE, d -> integer(d, "node"),
            d -> new FabricNode(integer(d, "node"), integer(d, "pod_id"), str(d, "name"), str(d, "role"), str(d, "addr"),
                    integer(d, "peer")));
    private final Table<NodeIntf, Tunnel> tunnels = new Table<>(TUNNEL, d -> new NodeIntf(integer(d, "node"), str(d, "intf")),
            d -> new Tunnel(integer(d, "node"), str(d, "intf"), str(d, "dst"), str(d, "src"), integer(d, "remote"),
                    str(d, "encap"), str(d, "flags")));
    private final Table<NodeIntf, Integer> vpcs = new Table<>(VPC, d -> new NodeIntf(integer(d, "node"), str(d, "intf")),
            d -> integer(d, "vpc"));
    private final Table<NodeIntf, String> pcNames = new Table<>(PC, d -> new NodeIntf(integer(d, "node"), str(d, "intf")),
            d -> str(d, "intf_name"));
    private final Table<VrfPctag, Epg> epgs = new Table<>(EPG, d -> new VrfPctag(integer(d, "vrf"), integer(d, "pctag")),
            d -> new Epg(str(d, "name"), integer(d, "vrf"), integer(d, "pctag"), integer(d, "bd"), epgKind(str(d, "kind")),
                    bool(d, "is_attr_based")));
    private final Table<Integer, Vnid> vnids = new Table<>(VNID, d -> integer(d, "vnid"), d -> new Vnid(str(d, "name"),
            integer(d, "vnid"), integer(d, "vrf"), bool(d, "external"), integer(d, "pctag"), str(d, "encap")));
    private final SubnetTable subnets = new SubnetTable();
    private volatile Integer overlayVnid;

    public MongoFabricLookups(MongoDatabase db, String fabric) {
        this.db = db;
        this.fabric = fabric;
    }

    public String fabric() {
        return fabric;
    }

    /** Drops the table named by an ept.flush message (unknown names are ignored). */
    public void flush(String cache) {
        switch (cache) {
            case NODE -> nodes.flush();
            case TUNNEL -> tunnels.flush();
            case VPC -> vpcs.flush();
            case PC -> pcNames.flush();
            case EPG -> epgs.flush();
            case VNID -> vnids.flush();
            case SUBNET -> subnets.flush();
            case SETTINGS -> overlayVnid = null;
            case ALL -> {
                for (Table<?, ?> t : List.of(nodes, tunnels, vpcs, pcNames, epgs, vnids)) {
                    t.flush();
                }
                subnets.flush();
                overlayVnid = null;
            }
            default -> {
                // another component's cache
            }
        }
    }

    @Override
    public Optional<Tunnel> tunnel(int node, String intf) {
        return Optional.ofNullable(tunnels.get(new NodeIntf(node, intf)));
    }

    @Override
    public Optional<FabricNode> node(int node) {
        return Optional.ofNullable(nodes.get(node));
    }

    @Override
    public int vpcId(int node, String po) {
        Integer vpc = vpcs.get(new NodeIntf(node, po));
        return vpc == null ? 0 : vpc;
    }

    @Override
    public String pcName(int node, String intf) {
        String name = pcNames.get(new NodeIntf(node, intf));
        return name == null ? "" : name;
    }

    @Override
    public Optional<Epg> epg(int vrf, int pctag) {
        return Optional.ofNullable(epgs.get(new VrfPctag(vrf, pctag)));
    }

    @Override
    public Optional<Vnid> vnid(int vnid) {
        return Optional.ofNullable(vnids.get(vnid));
    }

    @Override
    public List<Subnet> subnets(int bd) {
        return subnets.get(bd);
    }

    @Override
    public int overlayVnid() {
        Integer cached = overlayVnid;
        if (cached == null) {
            Document settings = db.getCollection("ept.settings")
                    .find(KeyFilter.exact("fabric", fabric, "settings", "default")).first();
            cached = settings == null ? 0 : integer(settings, "overlay_vnid");
            overlayVnid = cached;
        }
        return cached;
    }

    /**
     * One collection of the fabric as an immutable map, loaded on first use after a flush. A flush during a load
     * wins: the loaded map is used for that one call but not kept.
     */
    private class Table<K, V> {
        private final String collection;
        private final Function<Document, K> key;
        private final Function<Document, V> value;
        private volatile Map<K, V> rows;
        private final AtomicLong generation = new AtomicLong();

        Table(String collection, Function<Document, K> key, Function<Document, V> value) {
            this.collection = collection;
            this.key = key;
            this.value = value;
        }

        V get(K k) {
            Map<K, V> current = rows;
            if (current == null) {
                current = load();
            }
            return current.get(k);
        }

        void flush() {
            generation.incrementAndGet();
            rows = null;
        }

        private synchronized Map<K, V> load() {
            Map<K, V> current = rows;
            if (current != null) {
                return current;
            }
            long before = generation.get();
            Map<K, V> loaded = new HashMap<>();
            for (Document d : db.getCollection(collection).find(eq("fabric", fabric)).batchSize(KeyFilter.BATCH_SIZE)) {
                loaded.putIfAbsent(key.apply(d), value.apply(d)); // first row wins, like find().first()
            }
            // not Map.copyOf: its linear probing degrades to quadratic time on keys with clustered hash codes (240K
            // (node, "tunnelN") keys of a design-size fabric took minutes); HashMap spreads and tree-bins them
            Map<K, V> snapshot = Collections.unmodifiableMap(loaded);
            if (generation.get() == before) {
                rows = snapshot;
            }
            return snapshot;
        }
    }

    /** Subnets grouped by BD. */
    private final class SubnetTable {
        private volatile Map<Integer, List<Subnet>> byBd;
        private final AtomicLong generation = new AtomicLong();

        List<Subnet> get(int bd) {
            Map<Integer, List<Subnet>> current = byBd;
            if (current == null) {
                current = load();
            }
            return current.getOrDefault(bd, List.of());
        }

        void flush() {
            generation.incrementAndGet();
            byBd = null;
        }

        private synchronized Map<Integer, List<Subnet>> load() {
            Map<Integer, List<Subnet>> current = byBd;
            if (current != null) {
                return current;
            }
            long before = generation.get();
            Map<Integer, List<Subnet>> loaded = new HashMap<>();
            for (Document d : db.getCollection(SUBNET).find(eq("fabric", fabric)).batchSize(KeyFilter.BATCH_SIZE)) {
                loaded.computeIfAbsent(integer(d, "bd"), k -> new ArrayList<>())
                        .add(new Subnet(str(d, "name"), integer(d, "bd"), str(d, "ip")));
            }
            Map<Integer, List<Subnet>> snapshot = new HashMap<>();
            loaded.forEach((bd, list) -> snapshot.put(bd, List.copyOf(list)));
            Map<Integer, List<Subnet>> immutable = Collections.unmodifiableMap(snapshot);
            if (generation.get() == before) {
                byBd = immutable;
            }
            return immutable;
        }
    }

    private static EpgKind epgKind(String kind) {
        return switch (kind) {
            case "esg" -> EpgKind.ESG;
            case "external" -> EpgKind.EXTERNAL;
            default -> EpgKind.EPG;
        };
    }
}
