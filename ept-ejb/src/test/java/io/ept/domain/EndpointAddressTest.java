package io.ept.domain;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointAddressTest {

    @Test
    void parsesAndCanonicalises() {
        assertEquals("00:50:56:01:BB:12", EndpointAddress.parse("00:50:56:01:bb:12").text());
        assertEquals("00:50:56:01:BB:12", EndpointAddress.parse("00-50-56-01-BB-12").text());
        assertEquals(EndpointAddress.Kind.MAC, EndpointAddress.parse("00:50:56:01:bb:12").kind());
        assertEquals("10.1.2.12", EndpointAddress.parse("10.1.2.12").text());
        assertEquals(EndpointAddress.Kind.IPV4, EndpointAddress.parse("10.1.2.12").kind());
        assertEquals("2001:db8:1::11", EndpointAddress.parse("2001:DB8:1:0:0:0:0:11").text());
        assertEquals("2001:db8::1:0:0:1", EndpointAddress.parse("2001:0db8:0:0:1:0:0:1").text());
        assertEquals("::", EndpointAddress.parse("::").text());
        assertEquals("::1", EndpointAddress.parse("0:0:0:0:0:0:0:1").text());
        assertEquals("2001:db8:0:1:1:1:1:1", EndpointAddress.parse("2001:db8::1:1:1:1:1").text(), "a single zero group is not compressed");
        assertEquals("::ffff:a01:20c", EndpointAddress.parse("::ffff:10.1.2.12").text());
        assertEquals(EndpointAddress.Kind.IPV6, EndpointAddress.parse("fe80::1").kind());
    }

    @Test
    void refusesHostileAndMalformedText() {
        for (String bad : new String[]{"10.1.2.12';id;echo '", "$(id)", "`id`", "10.1.2.12\nid", "10.1.2.12 ",
                "fe80::1%eth0", "fe80::1%25eth0", "10.1.2.0/24", "10.1.2", "10.1.2.256", "010.1.2.12", "1.2.3.4.5",
                "00:50:56:01:bb", "00:50:56:01:bb:12:34", "00:50-56:01:bb:12", "gg:50:56:01:bb:12", "1:2:3:4:5:6:7:8:9",
                "1::2::3", "12345::1", "-1", "", "a".repeat(500), "2001:db8::1\u0000", "10.1.2.12\r"}) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> EndpointAddress.parse(bad), bad);
            assertEquals("addr", e.field());
            assertTrue(e.getMessage().startsWith("addr: "), e.getMessage());
        }
        assertThrows(InvalidValueException.class, () -> EndpointAddress.parse(null));
    }

    @Test
    void idsAreIntegersInRange() {
        assertEquals(0, FabricIds.vnid("0"));
        assertEquals(16777215, FabricIds.vnid("16777215"));
        assertEquals(2818048, FabricIds.vnid("2818048"));
        for (String bad : new String[]{"-1", "16777216", "99999999999", "abc", "", "1e3", " 1", "+1", "0x10", "101;id"}) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> FabricIds.vnid(bad), bad);
            assertEquals("vnid", e.field());
        }
        assertThrows(InvalidValueException.class, () -> FabricIds.vnid(null));
        assertEquals(101, FabricIds.node("101"));
        assertEquals(16000, FabricIds.node(16000));
        assertThrows(InvalidValueException.class, () -> FabricIds.node("0"));
        assertThrows(InvalidValueException.class, () -> FabricIds.node(16001));
        assertEquals(1, FabricIds.pod("1"));
        assertThrows(InvalidValueException.class, () -> FabricIds.pod("0"));
        assertThrows(InvalidValueException.class, () -> FabricIds.pod(256));
    }

    @Test
    void leafIdsFromJson() {
        var array = Json.createReader(new java.io.StringReader(
                "[101, 4096, 102.0, \"101;id\", -5, 1e400, 99999999999, 100, 4097, 101.5, true, null, [101], {\"a\":1}]"))
                .readArray();
        assertEquals(101, FabricIds.leaf("nodes", array.get(0)));
        assertEquals(4096, FabricIds.leaf("nodes", array.get(1)));
        assertEquals(102, FabricIds.leaf("nodes", array.get(2)));
        for (int i = 3; i < array.size(); i++) {
            int index = i;
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> FabricIds.leaf("nodes", array.get(index)),
                    array.get(i).toString());
            assertEquals("nodes", e.field());
        }
    }
}
