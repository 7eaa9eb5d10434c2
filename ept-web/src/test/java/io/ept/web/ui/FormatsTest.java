package io.ept.web.ui;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    @Test
    void vpcPseudoNodesAreShownAsTheirPair() {
        assertEquals("(101,102)", Formats.node((101 << 16) + 102));
        assertEquals("103", Formats.node(103));
        assertEquals("-", Formats.node(0));
        assertEquals(List.of(101, 102), Formats.members((101 << 16) + 102));
        assertEquals(List.of(103), Formats.members(103));
    }

    @Test
    void durationsAreShortAndReadable() {
        assertEquals("45s", Formats.duration(45));
        assertEquals("2m 5s", Formats.duration(125));
        assertEquals("3h 0m", Formats.duration(3 * 3600 + 20));
        assertEquals("1d 2h 3m", Formats.duration(86400 + 2 * 3600 + 3 * 60));
    }

    @Test
    void endpointLinksEncodeTheirParameters() {
        assertEquals("endpoint.xhtml?fabric=f+1&vnid=5&addr=fe80%3A%3A1", Formats.endpointLink("f 1", 5, "fe80::1"));
    }

    @Test
    void theNewestEventIsTheFirst() {
        Document row = new Document("events", List.of(new Document("ts", 2.0), new Document("ts", 1.0)));
        assertEquals(2.0, Formats.latest(row).get("ts"));
        assertEquals(new Document(), Formats.latest(new Document()));
        assertEquals("-", Formats.time(null));
    }
}
