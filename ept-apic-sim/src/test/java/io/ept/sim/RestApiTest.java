package io.ept.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REST API over the demo fabric: auth, envelopes, filters, paging, ordering, errors. */
class RestApiTest {
    static ApicSimulator sim;
    static SimTestClient c;

    @BeforeAll
    static void start() throws Exception {
        sim = ApicSimulator.builder().httpPort(0).httpsPort(-1).topology(Topology.demo()).tooBigThreshold(20).build().start();
        c = new SimTestClient(sim.httpUrl());
        assertEquals(200, c.login("admin", "ept-sim").status());
    }

    @AfterAll
    static void stop() { sim.stop(); }

    @Test
    void badCredentialsGiveThe401Body() throws Exception {
        SimTestClient other = new SimTestClient(sim.httpUrl());
        SimTestClient.Reply r = other.login("admin", "wrong");
        assertEquals(401, r.status());
        assertEquals("{\"totalCount\":\"1\",\"imdata\":[{\"error\":{\"attributes\":{\"code\":\"401\",\"text\":\"Username or password is incorrect - FAILED local authentication\"}}}]}", r.raw());
    }

    @Test
    void noCookieIs403() throws Exception {
        SimTestClient anonymous = new SimTestClient(sim.httpUrl());
        SimTestClient.Reply r = anonymous.get("/api/class/fvBD.json");
        assertEquals(403, r.status());
        assertTrue(r.raw().contains("Need a valid webtoken cookie"));
    }

    @Test
    void loginAndRefreshReturnTokensAndCookie() throws Exception {
        SimTestClient s = new SimTestClient(sim.httpUrl());
        SimTestClient.Reply r = s.login("admin", "ept-sim");
        JsonNode a = r.body().path("imdata").get(0).path("aaaLogin").path("attributes");
        assertEquals("600", a.path("refreshTimeoutSeconds").asText());
        assertEquals("all", r.body().path("imdata").get(0).path("aaaLogin").path("children").get(0).path("aaaUserDomain").path("attributes").path("name").asText());
        SimTestClient.Reply ref = s.get("/api/aaaRefresh.json");
        assertEquals(200, ref.status());
        assertFalse(ref.body().path("imdata").get(0).path("aaaLogin").path("attributes").path("token").asText().isEmpty());
        assertEquals(200, s.get("/api/mo/uni.json").status());
        assertEquals(200, s.post("/api/aaaLogout.json", "{\"aaaUser\":{\"attributes\":{\"name\":\"admin\"}}}").status());
        SimTestClient.Reply after = s.get("/api/mo/uni.json");
        assertEquals(403, after.status());
        assertTrue(after.raw().contains("Token was invalid (Error: Token timeout)"));
    }

    @Test
    void tokenTimesOutWithoutRefresh() throws Exception {
        ApicSimulator quick = ApicSimulator.builder().httpPort(0).refreshTimeoutSeconds(1).build().start();
        try {
            SimTestClient s = new SimTestClient(quick.httpUrl());
            s.login("admin", "ept-sim");
            assertEquals(200, s.get("/api/mo/info.json").status());
            Thread.sleep(1500);
            SimTestClient.Reply r = s.get("/api/mo/info.json");
            assertEquals(403, r.status());
            assertEquals("403", r.body().path("imdata").get(0).path("error").path("attributes").path("code").asText());
        } finally {
            quick.stop();
        }
    }

    @Test
    void unknownClassAndMissingMo() throws Exception {
        SimTestClient.Reply r = c.get("/api/class/fvTenantt.json");
        assertEquals(400, r.status());
        assertEquals("Request failed, unresolved class for fvTenantt", r.body().path("imdata").get(0).path("error").path("attributes").path("text").asText());
        SimTestClient.Reply none = c.get("/api/mo/uni/tn-nope.json?page-size=75000&page=0");
        assertEquals(200, none.status());
        assertEquals("{\"totalCount\":\"0\",\"imdata\":[]}", none.raw());
    }

    @Test
    void singletonMosEptReadsAtStart() throws Exception {
        assertEquals("1", attr(c.get("/api/mo/info.json?page-size=75000&page=0"), "topInfo", "id"));
        assertEquals("16777199", attr(c.get("/api/mo/uni/tn-infra/ctx-overlay-1.json"), "fvCtx", "scope"));
        assertEquals("explicit", attr(c.get("/api/mo/uni/fabric/protpol.json"), "fabricProtPol", "pairT"));
        assertEquals("n300_America-Chicago", attr(c.get("/api/mo/uni/fabric/format-default.json"), "datetimeFormat", "tz"));
    }

    @Test
    void filterEqOnMacAcrossLeaves() throws Exception {
        SimTestClient.Reply r = c.get("/api/class/epmMacEp.json?query-target-filter=eq(epmMacEp.addr,%2200:00:5E:00:53:01%22)");
        assertEquals(3, r.body().path("totalCount").asInt());
        assertEquals("3", r.body().path("totalCount").asText());
        List<String> ifIds = new ArrayList<>();
        for (JsonNode o : r.body().path("imdata")) ifIds.add(o.path("epmMacEp").path("attributes").path("ifId").asText());
        assertTrue(ifIds.containsAll(List.of("po2", "po3", "tunnel5")), ifIds.toString());
    }

    @Test
    void refreshQueryWithOrAndWcardOverEpmDb() throws Exception {
        String filter = "or(eq(epmIpEp.addr,%2210.1.1.11%22),wcard(epmRsMacEpToIpEpAtt.dn,%22ip-%5C%5B10.1.1.11%5C%5D%22))";
        SimTestClient.Reply r = c.get("/api/class/epmDb.json?query-target=subtree&target-subtree-class=epmIpEp,epmRsMacEpToIpEpAtt&query-target-filter=" + filter);
        int ips = 0, rs = 0;
        for (JsonNode o : r.body().path("imdata")) {
            if (o.has("epmIpEp")) ips++;
            if (o.has("epmRsMacEpToIpEpAtt")) rs++;
        }
        assertEquals(3, ips);   // 101, 102 local + 103 remote
        assertEquals(2, rs);    // rs on both vPC members
    }

    @Test
    void notAndNeFilters() throws Exception {
        SimTestClient.Reply leaves = c.get("/api/class/fabricNode.json?query-target-filter=and(eq(fabricNode.role,%22leaf%22),ne(fabricNode.id,%22103%22))");
        assertEquals(2, leaves.body().path("totalCount").asInt());
        SimTestClient.Reply notLeaf = c.get("/api/class/fabricNode.json?query-target-filter=not(eq(fabricNode.role,%22leaf%22))");
        assertEquals(2, notLeaf.body().path("totalCount").asInt());
        SimTestClient.Reply gt = c.get("/api/class/fabricNode.json?query-target-filter=gt(fabricNode.id,%22101%22)");
        assertEquals(3, gt.body().path("totalCount").asInt());
    }

    @Test
    void pagingKeepsTotalCountAndOrdersByAddr() throws Exception {
        List<String> addrs = new ArrayList<>();
        int total = -1;
        for (int page = 0; page < 20; page++) {
            SimTestClient.Reply r = c.get("/api/class/epmIpEp.json?order-by=epmIpEp.addr&page-size=3&page=" + page);
            total = r.body().path("totalCount").asInt();
            for (JsonNode o : r.body().path("imdata")) addrs.add(o.path("epmIpEp").path("attributes").path("addr").asText());
            if (r.body().path("imdata").size() < 3) break;
        }
        assertEquals(total, addrs.size());
        List<String> sorted = new ArrayList<>(addrs);
        sorted.sort(String::compareTo);
        assertEquals(sorted, addrs);
        SimTestClient.Reply past = c.get("/api/class/epmIpEp.json?page-size=3&page=1000");
        assertEquals(0, past.body().path("imdata").size());
        assertEquals(total, past.body().path("totalCount").asInt());
        SimTestClient.Reply desc = c.get("/api/class/fabricNode.json?order-by=fabricNode.dn%7Cdesc");
        assertEquals("topology/pod-1/node-201", desc.body().path("imdata").get(0).path("fabricNode").path("attributes").path("dn").asText());
    }

    @Test
    void tooBigAndCount() throws Exception {
        SimTestClient.Reply big = c.get("/api/class/epmIpEp.json");   // threshold 20 in this test
        assertEquals(400, big.status());
        assertTrue(big.raw().contains("Unable to process the query, result dataset is too big"));
        SimTestClient.Reply count = c.get("/api/class/epmDb.json?query-target=subtree&target-subtree-class=epmIpEp,epmMacEp,epmRsMacEpToIpEpAtt&rsp-subtree-include=count");
        JsonNode mc = count.body().path("imdata").get(0).path("moCount").path("attributes");
        assertTrue(mc.path("count").asInt() > 20, count.raw());
    }

    @Test
    void rspSubtreeNestsNodePEp() throws Exception {
        SimTestClient.Reply r = c.get("/api/class/fabricExplicitGEp.json?rsp-subtree=full&rsp-subtree-class=fabricNodePEp&page-size=75000&page=0");
        JsonNode gep = r.body().path("imdata").get(0).path("fabricExplicitGEp");
        assertEquals("10.0.72.96/32", gep.path("attributes").path("virtualIp").asText());
        assertEquals(2, gep.path("children").size());
        assertEquals("10.0.72.65/32", gep.path("children").get(0).path("fabricNodePEp").path("attributes").path("peerIp").asText());
        assertEquals("{\"totalCount\":\"0\",\"imdata\":[]}", c.get("/api/class/fabricAutoGEp.json?rsp-subtree=full&rsp-subtree-class=fabricNodePEp").raw());
    }

    @Test
    void perNodeSubtreeAndChildrenQueries() throws Exception {
        SimTestClient.Reply r = c.get("/api/mo/topology/pod-1/node-101/sys.json?query-target=subtree&target-subtree-class=epmMacEp,epmIpEp,epmRsMacEpToIpEpAtt&page-size=75000&page=0");
        assertTrue(r.body().path("totalCount").asInt() >= 13, r.raw());
        for (JsonNode o : r.body().path("imdata")) {
            String dn = o.elements().next().path("attributes").path("dn").asText();
            assertTrue(dn.startsWith("topology/pod-1/node-101/sys/"), dn);
        }
        SimTestClient.Reply subnets = c.get("/api/class/fvBD.json?query-target=children&target-subtree-class=fvSubnet");
        assertEquals(4, subnets.body().path("totalCount").asInt());
        SimTestClient.Reply epm = c.get("/api/mo/" + "topology/pod-1/node-103/sys/ctx-[vxlan-2818048]/db-ep/ip-[10.1.1.11]".replace("[", "%5B").replace("]", "%5D") + ".json");
        assertEquals("tunnel5", attr(epm, "epmIpEp", "ifId"));
    }

    @Test
    void certificateCookiesAuthenticate() throws Exception {
        java.net.http.HttpClient h = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.httpUrl() + "/api/mo/info.json"))
                .header("Cookie", "APIC-Request-Signature=abc; APIC-Certificate-Algorithm=v1.0; APIC-Certificate-Fingerprint=fingerprint; APIC-Certificate-DN=uni/userext/user-admin/usercert-cert").build();
        assertEquals(200, h.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    static String attr(SimTestClient.Reply r, String cls, String name) {
        JsonNode first = r.body().path("imdata").get(0);
        assertNotNull(first, r.raw());
        return first.path(cls).path("attributes").path(name).asText();
    }
}
