package io.ept.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTableTest {

    @Test
    void rendersAHeaderAndRightAlignedNumbers() {
        TextTable t = new TextTable(List.of("nodes", "sustained events/s", "note"));
        t.add(List.of("1", "1,752", "ok"));
        t.add(List.of("12", "950", "-"));
        String text = t.render();
        List<String> lines = text.lines().toList();
        assertEquals(6, lines.size(), text);
        assertEquals("| nodes | sustained events/s | note |", lines.get(1));
        assertEquals("|     1 |              1,752 | ok   |", lines.get(3));
        assertEquals("|    12 |                950 | -    |", lines.get(4));
        assertTrue(lines.stream().allMatch(l -> l.length() == lines.get(0).length()), text);
    }

    @Test
    void aRowMustFillEveryColumn() {
        TextTable t = new TextTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> t.add(List.of("1")));
    }
}
