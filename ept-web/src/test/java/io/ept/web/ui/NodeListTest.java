package io.ept.web.ui;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeListTest {

    @Test
    void commaListsAndRangesBecomeSortedDistinctNodes() {
        assertEquals(List.of(101, 102, 105, 106, 107), NodeList.parse(" 105-107, 101,102 ,106"));
        assertEquals(List.of(), NodeList.parse("  "));
        assertEquals(List.of(4096), NodeList.parse("4096"));
    }

    @Test
    void nodesOutsideTheLeafRangeAndMalformedPartsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeList.parse("101,100")).getMessage().contains("100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeList.parse("4097")).getMessage().contains("4097"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeList.parse("leaf1")).getMessage().contains("leaf1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeList.parse("110-105")).getMessage().contains("110-105"));
        assertThrows(IllegalArgumentException.class, () -> NodeList.parse("101-102-103"));
    }
}
