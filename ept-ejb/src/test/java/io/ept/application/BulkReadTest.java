package io.ept.application;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkReadTest {

    @Test
    void documentsArePreparedInChunksAndServedInOrder() {
        List<Document> rows = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            rows.add(new Document("_id", i));
        }
        List<Integer> chunks = new ArrayList<>();
        List<Document> seen = new ArrayList<>();
        try (BulkRead.Rows p = new BulkRead.Rows(rows.iterator(), docs -> {
            chunks.add(docs.size());
            docs.forEach(d -> d.append("prepared", true));
            return docs;
        })) {
            p.forEachRemaining(seen::add);
        }
        assertEquals(List.of(500, 500, 234), chunks);
        assertEquals(rows, seen);
        assertTrue(seen.stream().allMatch(d -> d.getBoolean("prepared")));
    }
}
