package io.ept.sim.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declarative description of a fabric: nodes, vPCs, tunnels, tenant policy and endpoints. This is
 * the format of {@code --topology file.json} and of {@code POST /_sim/topology}; the simulator derives
 * every APIC object (fabricNode, tunnelIf, fvBD, epm tables...) from it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Topology {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String fabricDomain = "fab1";
    public String apicVersion = "5.2(7g)";
    public String switchVersion = "n9000-15.2(7g)";
    public int overlayVnid = 16777199;
    /** Timestamp used for every object present at start (modTs/createTs); null = start time. */
    public String initialTimestamp;
    /** Anycast proxy addresses (spine proxy tunnels on every leaf). */
    public String proxyV4 = "10.0.72.68";
    public String proxyV6 = "10.0.72.69";
    public String proxyMac = "10.0.72.68";
    /** Optional multipod/multisite example tunnel (type dci-ucast) on the first leaf; null = none. */
    public String dciUnicastDest = "10.255.0.1";
    /** How long a bounce entry stays on the old leaf after a move (seconds). */
    public int bounceSeconds = 30;

    public List<Node> nodes = new ArrayList<>();
    public List<VpcDomain> vpcDomains = new ArrayList<>();
    public List<VpcInterface> vpcInterfaces = new ArrayList<>();
    public List<PortChannel> portChannels = new ArrayList<>();
    /** Explicit tunnels; leaf-to-leaf, leaf-to-VIP and proxy tunnels missing from this list are generated. */
    public List<Tunnel> tunnels = new ArrayList<>();
    public List<Vrf> vrfs = new ArrayList<>();
    public List<Bd> bds = new ArrayList<>();
    public List<Epg> epgs = new ArrayList<>();
    public List<L3Out> l3outs = new ArrayList<>();
    public List<Endpoint> endpoints = new ArrayList<>();
    /** Any other APIC object, verbatim: {"class":"vnsEPpInfo","attributes":{"dn":...,...}}. */
    public List<RawMo> extraMos = new ArrayList<>();
    /** Fixed epm entries (gateways, loopbacks...) not owned by an endpoint. */
    public List<RawMo> staticEpm = new ArrayList<>();

    public static final class Node {
        public int id;
        public int pod = 1;
        public String name;
        /** leaf, spine or controller. */
        public String role;
        public String address;
        public String model;
        public String serial;
        public String oobMgmtAddr;
        public boolean active = true;

        public Node() {}

        public Node(int id, String name, String role, String address) {
            this.id = id; this.name = name; this.role = role; this.address = address;
        }
    }

    public static final class VpcDomain {
        public int id;
        public String name;
        public int nodeA;
        public int nodeB;
        public String virtualIp;

        public VpcDomain() {}

        public VpcDomain(int id, String name, int nodeA, int nodeB, String virtualIp) {
            this.id = id; this.name = name; this.nodeA = nodeA; this.nodeB = nodeB; this.virtualIp = virtualIp;
        }
    }

    /** A vPC (id = vpcRsVpcConf parentSKey) with one port-channel on each member. */
    public static final class VpcInterface {
        public int id;
        public int domain;
        public String policyGroup;
        public String poA;
        public String poB;
        public List<String> portsA = new ArrayList<>();
        public List<String> portsB = new ArrayList<>();
    }

    public static final class PortChannel {
        public int node;
        public String id;
        public String policyGroup;
        public List<String> ports = new ArrayList<>();
    }

    public static final class Tunnel {
        public int node;
        public String id;
        public String dest;
        public String type = "physical";
        public String tType = "ivxlan";

        public Tunnel() {}

        public Tunnel(int node, String id, String dest, String type, String tType) {
            this.node = node; this.id = id; this.dest = dest; this.type = type; this.tType = tType;
        }
    }

    public static final class Vrf {
        public String tenant;
        public String name;
        public int vnid;
        public String pcTag;

        public Vrf() {}

        public Vrf(String tenant, String name, int vnid, String pcTag) {
            this.tenant = tenant; this.name = name; this.vnid = vnid; this.pcTag = pcTag;
        }

        public String dn() { return "uni/tn-" + tenant + "/ctx-" + name; }
    }

    public static final class Bd {
        public String tenant;
        public String name;
        public String vrf;
        public int vnid;
        public String pcTag;
        public List<String> subnets = new ArrayList<>();
        /** Extra fvBD attributes (bcastP, mac, ...). */
        public Map<String, String> attributes;

        public Bd() {}

        public Bd(String tenant, String name, String vrf, int vnid, String pcTag, List<String> subnets) {
            this.tenant = tenant; this.name = name; this.vrf = vrf; this.vnid = vnid; this.pcTag = pcTag;
            this.subnets = new ArrayList<>(subnets);
        }

        public String dn() { return "uni/tn-" + tenant + "/BD-" + name; }
    }

    public static final class Epg {
        public String tenant;
        public String app;
        public String name;
        public String bd;
        public String pcTag;
        /** Access encap used by endpoints of this EPG ("vlan-101"). */
        public String encap;
        public boolean useg;
        public List<String> subnets = new ArrayList<>();
        /** uSeg IP attributes (fvIpAttr ip values). */
        public List<String> ipAttributes = new ArrayList<>();

        public Epg() {}

        public Epg(String tenant, String app, String name, String bd, String pcTag, String encap) {
            this.tenant = tenant; this.app = app; this.name = name; this.bd = bd; this.pcTag = pcTag; this.encap = encap;
        }

        public String dn() { return "uni/tn-" + tenant + "/ap-" + app + "/epg-" + name; }
    }

    public static final class L3Out {
        public String tenant;
        public String name;
        public String vrf;
        /** access encap ("vlan-300") -> external BD VNID. */
        public Map<String, Integer> encaps = new LinkedHashMap<>();
        /** instP name -> pcTag. */
        public Map<String, String> instPs = new LinkedHashMap<>();

        public String dn() { return "uni/tn-" + tenant + "/out-" + name; }
    }

    /** A host: one MAC with its IPs, attached to a leaf port, a port-channel or a vPC. */
    public static final class Endpoint {
        public String mac;
        public List<String> ips = new ArrayList<>();
        /** EPG dn, or an l3extInstP dn for an L3Out neighbour. */
        public String epg;
        /** Access encap; defaults to the EPG's. */
        public String encap;
        /** Orphan/port-channel attachment: leaf id + interface ("eth1/12", "po1"); unused with vpc. */
        public Integer leaf;
        public String port;
        /** vPC attachment: VpcInterface id. */
        public Integer vpc;
        /** Leaves holding remote (XR) entries for this host. */
        public List<Integer> remoteLeaves = new ArrayList<>();
        /** Whether remote leaves also hold the MAC (bridged traffic) and not only the IPs. */
        public boolean remoteMac = true;
        /** Optional BD VNID override (L3Out neighbours live in the external BD). */
        public Integer bdVnid;
    }

    public static final class RawMo {
        public String cls;
        public Map<String, String> attributes = new LinkedHashMap<>();

        public RawMo() {}

        public RawMo(String cls, Map<String, String> attributes) {
            this.cls = cls; this.attributes = attributes;
        }
    }

    public static Topology demo() { return DemoTopology.build(); }

    /** Generated fabric, e.g. "leaves=400,vpc-pairs=200,endpoints=100000". */
    public static Topology generate(String parameters) { return TopologyGenerator.generate(parameters); }

    public static Topology load(Path file) throws IOException { return JSON.readValue(Files.readAllBytes(file), Topology.class); }

    public static Topology fromJson(String json) throws IOException { return JSON.readValue(json, Topology.class); }

    public String toJson() throws IOException { return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this); }

    /** Resolves a --topology argument: "demo", a generator spec (contains '='), or a JSON file. */
    public static Topology fromSpec(String spec) throws IOException {
        if (spec == null || spec.isBlank() || "demo".equals(spec)) return demo();
        if (spec.contains("=") && !Files.exists(Path.of(spec))) return generate(spec);
        return load(Path.of(spec));
    }

    public Node node(int id) {
        for (Node n : nodes) if (n.id == id) return n;
        return null;
    }
}
