package io.ept.monitor;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MirrorTableTest {

    private static Document tunnel(String status, double ts) {
        return new Document("fabric", "f1").append("name", "topology/pod-1/node-101/sys/tunnel-[tunnel7]")
                .append("node", 101).append("intf", "tunnel7").append("dst", "10.0.0.102").append("remote", 102)
                .append("status", status).append("ts", ts);
    }

    @Test
    void rowsCompareByContentWithoutTheirReadTime() {
        MirrorTable table = new MirrorTable();
        String key = "topology/pod-1/node-101/sys/tunnel-[tunnel7]";
        table.put(key, MirrorTable.content(tunnel("up", 1.0)));
        assertTrue(table.holds(key, MirrorTable.content(tunnel("up", 2.0))), "only the read time differs");
        assertFalse(table.holds(key, MirrorTable.content(tunnel("down", 1.0))), "the status changed");
        assertFalse(table.holds("other", MirrorTable.content(tunnel("up", 1.0))), "no such row");
        assertFalse(table.holds(key, MirrorTable.content(tunnel("up", 1.0).append("extra", 1))), "a field more");
        assertFalse(table.holds(key, MirrorTable.content(tunnel("up", 1.0).append("remote", 102L))), "a long, not an int");
        assertArrayEquals(MirrorTable.content(tunnel("up", 1.0)), MirrorTable.content(tunnel("up", 9.0)));
    }

    @Test
    void aRowReadsBackAsWrittenWithoutItsReadTime() {
        MirrorTable table = new MirrorTable();
        Document node = new Document("fabric", "f1").append("node", 65637).append("role", "vpc").append("peer", 0)
                .append("nodes", List.of(new Document("node", 101).append("addr", "10.0.0.101"),
                        new Document("node", 102).append("addr", "10.0.0.102")))
                .append("ts", 5.0);
        table.put(65637, MirrorTable.content(node));
        Document read = table.get(65637);
        node.remove("ts");
        assertEquals(node, read);
        assertNull(table.get(1));
        assertEquals(1, table.size());
        assertTrue(table.contains(65637));
        assertFalse(table.isEmpty());
    }
}
