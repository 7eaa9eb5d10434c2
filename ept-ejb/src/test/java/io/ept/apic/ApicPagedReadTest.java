package io.ept.apic;

import io.ept.sim.ApicSimulator;
import io.ept.sim.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paged class queries against the APIC simulator: streamed pages, and pages read ahead on other threads. */
class ApicPagedReadTest {

    private static ApicSimulator sim;
    private static ApicSession session;

    @BeforeAll
    static void start() {
        sim = ApicSimulator.builder().httpPort(0).httpsPort(-1).topology(Topology.demo()).build().start();
        session = ApicSession.login(sim.httpUrl(), "admin", "ept-sim", ApicTrust.ca(), Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @Test
    void smallPagesReadAheadGiveTheObjectsOfOneReadInTheSameOrder() {
        for (String cls : List.of("epmIpEp", "epmMacEp", "epmRsMacEpToIpEpAtt", "tunnelIf")) {
            String path = "/api/class/" + cls + ".json";
            String orderBy = cls + ".dn";
            List<ApicMo> whole = session.readAll(path, Map.of(), orderBy);
            assertTrue(whole.size() > 7, cls + " has several pages of 3");
            List<String> paged = new ArrayList<>();
            long read = new PageReadAhead(Executors.defaultThreadFactory(), 2).read(
                    page -> session.readPage(path, Map.of(), orderBy, page, 3, ApicMo::dn), 3, paged::addAll);
            assertEquals(whole.size(), read, cls);
            assertEquals(whole.stream().map(ApicMo::dn).toList(), paged, cls);
        }
    }

    @Test
    void aStreamedEnvelopeGivesWhatTheWholeParseGives() {
        String body = "{\"totalCount\":\"2\",\"other\":{\"x\":[1,2]},\"imdata\":["
                + "{\"epmMacEp\":{\"attributes\":{\"dn\":\"a\",\"addr\":\"00:00:00:00:00:01\",\"n\":5},"
                + "\"children\":[{\"x\":{\"attributes\":{\"dn\":\"a/x\"}}}]}},"
                + "{\"epmMacEp\":{\"attributes\":{\"dn\":\"b\",\"flags\":\"local\"}}}]}";
        List<ApicMo> streamed = new ArrayList<>();
        assertEquals(2, ApicJson.readImdata(stream(body), streamed::add));
        assertEquals(ApicJson.imdata(ApicJson.parse(body)), streamed);
        assertEquals(-1, ApicJson.readImdata(stream("{\"imdata\":[]}"), streamed::add), "no totalCount");
    }

    @Test
    void aMalformedOrBrokenStreamIsAClearError() {
        assertThrows(MalformedApicPayloadException.class, () -> ApicJson.readImdata(stream("[1]"), mo -> { }));
        assertThrows(MalformedApicPayloadException.class, () -> ApicJson.readImdata(stream("{\"totalCount\":\"1\"}"), mo -> { }));
        assertThrows(MalformedApicPayloadException.class, () -> ApicJson.readImdata(stream("{\"imdata\":[1]}"), mo -> { }));
        assertThrows(MalformedApicPayloadException.class, () -> ApicJson.readImdata(stream("{\"imdata\":[{\"a\":"), mo -> { }));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(UncheckedIOException.class, () -> ApicJson.readImdata(broken, mo -> { }));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
