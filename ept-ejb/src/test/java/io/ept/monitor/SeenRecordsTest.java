package io.ept.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeenRecordsTest {

    @Test
    void remembersWhatWasSeenAndGrows() {
        SeenRecords seen = new SeenRecords();
        for (int i = 0; i < 5000; i++) {
            seen.add(101 + i % 7, 2_000_000 + i % 3, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertEquals(5000, seen.size());
        assertTrue(seen.contains(101, 2_000_000, "10.0.0.0"));
        assertTrue(seen.contains(101 + 4999 % 7, 2_000_000 + 4999 % 3, "10.0.19.249"));
        assertFalse(seen.contains(102, 2_000_000, "10.0.0.0"), "other node");
        assertFalse(seen.contains(101, 2_000_001, "10.0.0.0"), "other vnid");
        assertFalse(seen.contains(101, 2_000_000, "10.0.0.250"), "other address");
        seen.add(999, 1, "x");
        assertTrue(seen.contains(999, 1, "x"), "added after a lookup");
    }
}
