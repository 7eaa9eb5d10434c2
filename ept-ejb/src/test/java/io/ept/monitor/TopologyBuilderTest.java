package io.ept.monitor;

import io.ept.apic.ApicMo;
import io.ept.apic.ApicSession;
import io.ept.sim.ApicSimulator;
import io.ept.sim.topology.Topology;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads the demo fabric from the APIC simulator over HTTP and checks every derived table against its model. */
class TopologyBuilderTest {

    private static ApicSimulator sim;
    private static Map<String, List<Document>> tables;
    private static Map<String, Object> truth;

    @BeforeAll
    static void build() {
        sim = ApicSimulator.builder().httpPort(0).httpsPort(-1).topology(Topology.demo()).build().start();
        ApicSession session = ApicSession.login(sim.httpUrl(), "admin", "ept-sim", io.ept.apic.ApicTrust.ca(),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        Map<String, List<ApicMo>> classes = FabricReader.readTopologyClasses(session, () -> { });
        tables = new TopologyBuilder("demo", classes, 1000.0).build();
        truth = sim.control().topologySummary(true);
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> truth(String key) {
        return (List<Map<String, Object>>) truth.get(key);
    }

    private static Map<Object, Document> by(String table, String key) {
        return tables.get(table).stream().collect(Collectors.toMap(d -> d.get(key), Function.identity()));
    }

    private static int num(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
    }

    @Test
    void nodesMatchTheFabric() {
        Map<Object, Document> nodes = by("ept.node", "node");
        for (Map<String, Object> node : truth("nodes")) {
            Document row = nodes.get(num(node.get("id")));
            assertNotNull(row, "node " + node.get("id"));
            assertEquals(node.get("role"), row.getString("role"));
            assertEquals(node.get("address"), row.getString("addr"));
            assertEquals(num(node.get("pod")), row.getInteger("pod_id"));
            assertEquals(node.get("name"), row.getString("name"));
        }
        Map<String, Object> vpc = truth("vpcs").get(0);
        Document pseudo = nodes.get(num(vpc.get("pseudoNode")));
        assertNotNull(pseudo, "vPC pseudo node");
        assertEquals("vpc", pseudo.getString("role"));
        assertEquals(vpc.get("virtualIp"), pseudo.getString("addr"));
        assertEquals(102, nodes.get(101).getInteger("peer"));
        assertEquals(101, nodes.get(102).getInteger("peer"));
        assertEquals(truth("nodes").size() + 1, nodes.size());
    }

    @Test
    void tunnelsResolveTheirRemoteNode() {
        Map<String, Document> tunnels = new HashMap<>();
        for (Document t : tables.get("ept.tunnel")) {
            tunnels.put(t.getInteger("node") + "/" + t.getString("intf"), t);
        }
        assertEquals(num(truth.get("tunnelCount")), tunnels.size());
        for (Map<String, Object> t : truth("tunnels")) {
            Document row = tunnels.get(num(t.get("node")) + "/" + t.get("id"));
            assertNotNull(row, "tunnel " + t);
            assertEquals(num(t.get("remote")), row.getInteger("remote"), "remote of " + t);
            assertEquals(t.get("type"), row.getString("flags"));
            assertEquals(t.get("tType"), row.getString("encap"));
            assertEquals(t.get("dest").toString().split("/")[0], row.getString("dst"));
        }
    }

    @Test
    void vpcInterfacesAndPortChannels() {
        Map<String, Object> vpcIf = truth("vpcInterfaces").get(0);
        Map<String, Integer> vpcByNodeIntf = tables.get("ept.vpc").stream()
                .collect(Collectors.toMap(d -> d.getInteger("node") + "/" + d.getString("intf"), d -> d.getInteger("vpc")));
        assertEquals(num(vpcIf.get("id")), vpcByNodeIntf.get("101/" + vpcIf.get("poA")));
        assertEquals(num(vpcIf.get("id")), vpcByNodeIntf.get("102/" + vpcIf.get("poB")));
        Document po = tables.get("ept.pc").stream()
                .filter(d -> d.getInteger("node") == 101 && vpcIf.get("poA").equals(d.getString("intf"))).findFirst().orElseThrow();
        assertEquals(vpcIf.get("policyGroup"), po.getString("intf_name"));
    }

    @Test
    void vnidsOfVrfsBdsAndExternalBds() {
        Map<Object, Document> vnids = by("ept.vnid", "name");
        for (Map<String, Object> v : truth("vnids")) {
            Document row = vnids.get(v.get("dn"));
            assertNotNull(row, "vnid " + v);
            assertEquals(num(v.get("vnid")), row.getInteger("vnid"));
            assertEquals("external-bd".equals(v.get("type")), row.getBoolean("external"));
            if (v.containsKey("vrfVnid")) {
                assertEquals(num(v.get("vrfVnid")), row.getInteger("vrf"), "vrf of " + v.get("dn"));
            }
        }
        assertEquals(truth("vnids").size(), vnids.size());
        Document external = tables.get("ept.vnid").stream().filter(d -> d.getBoolean("external")).findFirst().orElseThrow();
        assertEquals("vlan-300", external.getString("encap"));
    }

    @Test
    void epgsWithTheirBd() {
        Map<Object, Document> epgs = by("ept.epg", "name");
        for (Map<String, Object> e : truth("epgs")) {
            Document row = epgs.get(e.get("dn"));
            assertNotNull(row, "epg " + e);
            assertEquals(num(e.get("pcTag")), row.getInteger("pctag"));
            assertEquals(num(e.get("vrfVnid")), row.getInteger("vrf"));
        }
        assertEquals(16023499, epgs.get("uni/tn-tn1/ap-app1/epg-web").getInteger("bd"));
        assertEquals(15761386, epgs.get("uni/tn-tn1/ap-app1/epg-app").getInteger("bd"));
        assertEquals("external", epgs.get("uni/tn-tn1/out-out1/instP-ext-all").getString("kind"));
        assertEquals(0, epgs.get("uni/tn-tn1/out-out1/instP-ext-all").getInteger("bd"));
    }

    @Test
    void subnetsAreMappedToTheBdOfTheirOwner() {
        Map<Object, Document> subnets = by("ept.subnet", "name");
        assertEquals(truth("subnets").size(), subnets.size());
        for (Map<String, Object> s : truth("subnets")) {
            assertEquals(s.get("ip"), subnets.get(s.get("dn")).getString("ip"));
        }
        assertEquals(16023499, subnets.get("uni/tn-tn1/BD-bd1/subnet-[10.1.1.1/24]").getInteger("bd"));
        assertEquals("ipv6", subnets.get("uni/tn-tn1/BD-bd1/subnet-[2001:db8:1::1/64]").getString("type"));
        assertEquals(15761386, subnets.get("uni/tn-tn1/ap-app1/epg-app/subnet-[10.1.3.1/24]").getInteger("bd"),
                "EPG subnet belongs to the EPG's BD");
        assertEquals(16023499, subnets.get("uni/tn-tn1/ap-app1/epg-useg1/crtrn/ipattr-0").getInteger("bd"),
                "uSeg attribute belongs to its EPG's BD");
        assertEquals(15761386, subnets.get("uni/tn-tn1/ldevCtx-c-web2app-g-fwgraph-n-N1/lIfCtx-c-consumer/subnet-[10.1.4.1/24]")
                .getInteger("bd"), "service graph subnet belongs to the BD of its interface context");
    }
}
