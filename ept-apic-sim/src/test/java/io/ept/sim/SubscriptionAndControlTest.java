package io.ept.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Websocket subscriptions, refresh/expiry, the control API (Java and HTTP) and fault injection. */
class SubscriptionAndControlTest {
    ApicSimulator sim;
    SimTestClient c;

    @BeforeEach
    void start() throws Exception {
        sim = ApicSimulator.builder().httpPort(0).topology(Topology.demo()).subscriptionTimeoutSeconds(2).build().start();
        c = new SimTestClient(sim.httpUrl());
        c.login("admin", "ept-sim");
    }

    @AfterEach
    void stop() { sim.stop(); }

    private String subscribe(String cls) throws Exception {
        SimTestClient.Reply r = c.get("/api/class/" + cls + ".json?subscription=yes&page-size=1");
        assertTrue(r.raw().startsWith("{\"totalCount\":\"") && r.raw().contains("\"subscriptionId\":\""), r.raw());
        return r.body().path("subscriptionId").asText();
    }

    @Test
    void learnEmitsCreatedFramesInCapturedShape() throws Exception {
        SimTestClient.Frames frames = c.websocket();
        String macSub = subscribe("epmMacEp");
        String ipSub = subscribe("epmIpEp");
        Topology.Endpoint e3 = new Topology.Endpoint();
        e3.mac = "00:00:5E:00:53:03"; e3.ips.add("10.1.1.13"); e3.epg = "uni/tn-tn1/ap-app1/epg-web"; e3.leaf = 103; e3.port = "eth1/5";
        assertTrue(sim.control().learn(e3) >= 3);
        JsonNode f = frames.await(n -> n.toString().contains("node-103") && n.toString().contains("mac-00:00:5E:00:53:03\""), 3000);
        assertNotNull(f, frames.received.toString());
        assertEquals(macSub, f.path("subscriptionId").get(0).asText());
        JsonNode a = f.path("imdata").get(0).path("epmMacEp").path("attributes");
        assertEquals(List.of("addr", "childAction", "createTs", "dn", "flags", "ifId", "modTs", "name", "pcTag", "status", "rn"), names(a));
        assertEquals("created", a.path("status").asText());
        assertEquals("ip,local,mac", a.path("flags").asText());
        assertNotNull(frames.await(n -> n.path("subscriptionId").get(0).asText().equals(ipSub) && n.toString().contains("10.1.1.13"), 3000));
    }

    @Test
    void moveEmitsModifiedAndDeletedAndBounce() throws Exception {
        SimTestClient.Frames frames = c.websocket();
        subscribe("epmIpEp");
        // E2 orphan on 101 moves to 103: 103 remote becomes local, 101 gets a bounce entry, 102 peer copy goes away
        int events = sim.control().move("10.1.2.12", 103, "eth1/9", null, null, null);
        assertTrue(events > 0);
        JsonNode deleted = frames.await(n -> n.toString().contains("\"status\":\"deleted\"") && n.toString().contains("node-102"), 3000);
        assertNotNull(deleted, frames.received.toString());
        assertEquals(Set.of("childAction", "dn", "rn", "status"), new TreeSet<>(names(deleted.path("imdata").get(0).path("epmIpEp").path("attributes"))));
        List<Map<String, Object>> truth = sim.control().groundTruth("10.1.2.12");
        Map<String, Object> on103 = truth.stream().filter(m -> (int) m.get("node") == 103 && "epmIpEp".equals(m.get("class"))).findFirst().orElseThrow();
        assertEquals(true, on103.get("local"));
        assertEquals("eth1/9", on103.get("interface"));
        Map<String, Object> bounce = truth.stream().filter(m -> (int) m.get("node") == 101 && "epmIpEp".equals(m.get("class"))).findFirst().orElseThrow();
        assertTrue(((String) bounce.get("flags")).contains("bounce"), bounce.toString());
        assertEquals(103, bounce.get("remote"));
        // a port move on the same leaf is a "modified" with only ifId
        frames.received.clear();
        sim.control().move("10.1.2.12", 103, "eth1/10", null, null, null);
        JsonNode mod = frames.await(n -> n.toString().contains("\"status\":\"modified\""), 3000);
        assertNotNull(mod);
        assertEquals(List.of("childAction", "dn", "ifId", "rn", "status"), names(mod.path("imdata").get(0).path("epmIpEp").path("attributes")));
    }

    @Test
    void leafKeepsOneEntryPerAddressWhenABouncingLeafBecomesPeerAttached() throws Exception {
        // E2 orphan on 101 moves to 103 (101 keeps a bounce entry), then to 102: 101, the vPC peer of 102, must now hold
        // only its peer-attached entries (two entries for one address on a leaf cannot be told apart by a subscriber)
        sim.control().move("10.1.2.12", 103, "eth1/9", null, null, null);
        sim.control().move("10.1.2.12", 102, "eth1/14", null, null, null);
        for (String addr : List.of("00:00:5E:00:53:02", "10.1.2.12")) {
            List<Map<String, Object>> on101 = sim.control().groundTruth(addr).stream()
                    .filter(m -> (int) m.get("node") == 101 && !"epmRsMacEpToIpEpAtt".equals(m.get("class"))
                            && addr.equals(m.get("addr"))).toList();
            assertEquals(1, on101.size(), on101.toString());
            assertTrue(((String) on101.get(0).get("flags")).contains("peer-attached"), on101.toString());
            assertEquals(102, on101.get(0).get("remote"));
        }
    }

    @Test
    void injectedStaleEntryReplacesThePeerAttachedEntryOnTheVpcPeer() throws Exception {
        // E2 orphan on 101: its vPC peer 102 holds a peer-attached entry; a stale entry injected on 102 takes its place
        sim.control().stale("10.1.2.12", 102, 103);
        for (String addr : List.of("00:00:5E:00:53:02", "10.1.2.12")) {
            List<Map<String, Object>> on102 = sim.control().groundTruth(addr).stream()
                    .filter(m -> (int) m.get("node") == 102 && !"epmRsMacEpToIpEpAtt".equals(m.get("class"))
                            && addr.equals(m.get("addr"))).toList();
            assertEquals(1, on102.size(), on102.toString());
            assertFalse(((String) on102.get(0).get("flags")).contains("peer-attached"), on102.toString());
            assertEquals(103, on102.get(0).get("remote"));
        }
    }

    @Test
    void subscriptionRefreshAndExpiry() throws Exception {
        c.websocket();
        String id = subscribe("fvBD");
        SimTestClient.Reply ok = c.get("/api/subscriptionRefresh.json?id=" + id);
        assertEquals("{\"imdata\":[]}", ok.raw());
        Thread.sleep(3200); // timeout 2 s in this test
        SimTestClient.Reply gone = c.get("/api/subscriptionRefresh.json?id=" + id);
        assertEquals(400, gone.status());
        assertEquals("400", gone.body().path("imdata").get(0).path("error").path("attributes").path("code").asText());
        assertEquals(400, c.get("/api/subscriptionRefresh.json?id=123").status());
    }

    @Test
    void leafDownAndUp() throws Exception {
        SimTestClient.Frames frames = c.websocket();
        subscribe("fabricNode");
        subscribe("epmMacEp");
        sim.control().leafDown(103);
        JsonNode f = frames.await(n -> n.toString().contains("fabricNode"), 3000);
        assertNotNull(f);
        JsonNode a = f.path("imdata").get(0).path("fabricNode").path("attributes");
        assertEquals("inactive", a.path("fabricSt").asText());
        assertEquals(List.of("adSt", "childAction", "dn", "fabricSt", "modTs", "rn", "status"), names(a));
        assertEquals(0, c.get("/api/mo/topology/pod-1/node-103/sys.json?query-target=subtree&target-subtree-class=epmMacEp").body().path("totalCount").asInt());
        sim.control().leafUp(103);
        assertNotNull(frames.await(n -> n.toString().contains("\"created\"") && n.toString().contains("node-103"), 3000));
        assertTrue(c.get("/api/mo/topology/pod-1/node-103/sys.json?query-target=subtree&target-subtree-class=epmMacEp").body().path("totalCount").asInt() > 0);
    }

    @Test
    void injectStaleOffsubnetAndHttpControl() throws Exception {
        SimTestClient.Frames frames = c.websocket();
        subscribe("fvSubnet");
        SimTestClient.Reply inj = c.post("/_sim/inject", "[{\"fvSubnet\":{\"attributes\":{\"dn\":\"uni/tn-tn1/BD-bd2/subnet-[10.1.2.1/24]\",\"status\":\"deleted\"}}}]");
        assertEquals(1, inj.body().path("events").asInt());
        JsonNode d = frames.await(n -> n.toString().contains("fvSubnet"), 3000);
        assertEquals(List.of("childAction", "dn", "modTs", "rn", "status"), names(d.path("imdata").get(0).path("fvSubnet").path("attributes")));
        assertTrue(c.post("/_sim/endpoint/stale", "{\"addr\":\"00:00:5E:00:53:04\",\"leaf\":101,\"pointsTo\":102}").body().path("events").asInt() > 0);
        sim.control().move("00:00:5E:00:53:04", 102, "eth1/20", null, null, null);
        JsonNode truth = c.get("/_sim/endpoint?addr=10.1.2.14").body();
        boolean staleKept = false;
        for (JsonNode m : truth) if (m.path("node").asInt() == 101 && m.path("remote").asInt() == 102 && !m.path("local").asBoolean()) staleKept = true;
        assertTrue(staleKept, truth.toString());
        assertTrue(sim.control().offSubnet("00:00:5E:00:53:05", "10.99.0.5") > 0);
        assertEquals(1, c.get("/api/class/epmIpEp.json?query-target-filter=and(eq(epmIpEp.addr,%2210.99.0.5%22),wcard(epmIpEp.flags,%22local%22))").body().path("totalCount").asInt());
        JsonNode summary = c.get("/_sim/topology/summary?tunnels=true").body();
        assertEquals(5, summary.path("nodes").size());
        assertTrue(summary.path("tunnelCount").asInt() >= 9);
        assertEquals(6619238, summary.path("vpcs").get(0).path("pseudoNode").asInt());
        SimTestClient.Reply load = c.post("/_sim/load", "{\"eventsPerSecond\":500,\"seconds\":1,\"endpoints\":5}");
        assertTrue(load.body().path("eventsEmitted").asInt() > 100, load.raw());
    }

    @Test
    void faultInjection() throws Exception {
        sim.control().faults().failNext(503, 2);
        assertEquals(503, c.get("/api/mo/uni.json").status());
        assertEquals(503, c.get("/api/mo/uni.json").status());
        assertEquals(200, c.get("/api/mo/uni.json").status());
        c.post("/_sim/faults", "{\"errorStatus\":429,\"errorSeconds\":1}");
        assertEquals(429, c.get("/api/mo/uni.json").status());
        Thread.sleep(1100);
        assertEquals(200, c.get("/api/mo/uni.json").status());
        sim.control().faults().delay(300);
        long t0 = System.currentTimeMillis();
        c.get("/api/mo/uni.json");
        assertTrue(System.currentTimeMillis() - t0 >= 300);
        sim.control().faults().clear();
        SimTestClient.Frames frames = c.websocket();
        subscribe("fvBD");
        assertEquals(1, sim.control().dropWebsockets());
        long deadline = System.currentTimeMillis() + 5000; // the close reaches the client asynchronously
        while (!frames.closed && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(frames.closed, "websocket closed by the simulator within 5 s");
        sim.control().faults().refuseLogins(true);
        assertEquals(401, new SimTestClient(sim.httpUrl()).login("admin", "ept-sim").status());
        sim.control().faults().refuseLogins(false);
        sim.control().expireTokens();
        assertEquals(403, c.get("/api/mo/uni.json").status());
    }

    static List<String> names(JsonNode attrs) {
        List<String> l = new java.util.ArrayList<>();
        attrs.fieldNames().forEachRemaining(l::add);
        return l;
    }
}
