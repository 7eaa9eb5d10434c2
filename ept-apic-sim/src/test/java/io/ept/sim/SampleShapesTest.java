package io.ept.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every class of shared/apic-samples/class answers with the captured attribute names (and order) and the same dns. */
class SampleShapesTest {
    static ApicSimulator sim;
    static SimTestClient c;
    static Path samples;

    @BeforeAll
    static void start() throws Exception {
        for (String p : List.of("../../shared/apic-samples", "../shared/apic-samples", "/work/shared/apic-samples"))
            if (Files.isDirectory(Path.of(p, "class"))) { samples = Path.of(p); break; }
        sim = ApicSimulator.builder().httpPort(0).topology(Topology.demo()).build().start();
        c = new SimTestClient(sim.httpUrl());
        c.login("admin", "ept-sim");
    }

    @AfterAll
    static void stop() { sim.stop(); }

    @Test
    void classResponsesMatchCapturedShapes() throws Exception {
        Assumptions.assumeTrue(samples != null, "shared/apic-samples not found: sample shape comparison skipped");
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(samples.resolve("class"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode sample = SimTestClient.JSON.readTree(file.toFile());
                if (sample.path("imdata").isEmpty()) continue;
                String cls = sample.path("imdata").get(0).fieldNames().next();
                JsonNode ours = c.get("/api/class/" + cls + ".json?rsp-subtree=full&rsp-subtree-class=fabricNodePEp").body();
                Set<String> ourDns = new LinkedHashSet<>();
                for (JsonNode o : ours.path("imdata")) ourDns.add(o.path(cls).path("attributes").path("dn").asText());
                for (JsonNode o : sample.path("imdata")) {
                    JsonNode a = o.path(cls).path("attributes");
                    if (!ourDns.contains(a.path("dn").asText())) problems.add(file.getFileName() + ": missing " + a.path("dn").asText());
                }
                List<String> sampleNames = SubscriptionAndControlTest.names(sample.path("imdata").get(0).path(cls).path("attributes"));
                List<String> ourNames = SubscriptionAndControlTest.names(ours.path("imdata").get(0).path(cls).path("attributes"));
                if (!sampleNames.equals(ourNames)) problems.add(file.getFileName() + ": attribute names " + ourNames + " != " + sampleNames);
                assertTrue(ours.path("totalCount").isTextual());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void epmObjectsEqualTheCapturesForE1AndE2() throws Exception {
        Assumptions.assumeTrue(samples != null, "shared/apic-samples not found: sample comparison skipped");
        JsonNode sample = SimTestClient.JSON.readTree(samples.resolve("class/epmIpEp.json").toFile());
        int compared = 0;
        for (JsonNode o : sample.path("imdata")) {
            JsonNode a = o.path("epmIpEp").path("attributes");
            String dn = a.path("dn").asText();
            JsonNode ours = c.get("/api/mo/" + dn.replace("[", "%5B").replace("]", "%5D") + ".json").body().path("imdata").get(0).path("epmIpEp").path("attributes");
            assertEquals(a, ours, dn);
            compared++;
        }
        assertEquals(10, compared);
    }
}
