package io.ept.analysis.parse;

import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpmEventParserTest {
    private final EpmEventParser parser = new EpmEventParser(16777209);

    @Test
    void parsesLocalMac() {
        EpmEvent e = parser.parse("epmMacEp", Map.of(
                "dn", "topology/pod-1/node-101/sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vlan-[vlan-101]/db-ep/mac-00:00:40:01:01:01",
                "status", "", "flags", "vpc-attached,local", "ifId", "po2", "pcTag", "32771"), 5.5);
        assertEquals(EpmClass.MAC_EP, e.epmClass());
        assertEquals(101, e.node());
        assertEquals(2916352, e.vrf());
        assertEquals(15007697, e.bd());
        assertEquals(15007697, e.vnid());
        assertEquals("vlan-101", e.encap());
        assertEquals("00:00:40:01:01:01", e.addr());
        assertEquals(EventStatus.CREATED, e.status());
        assertEquals(List.of("local", "vpc-attached"), e.flags());
        assertEquals(32771, e.pcTag());
        assertEquals(5.5, e.ts());
    }

    @Test
    void parsesIpWithVrfVnidAndXrWithoutEncap() {
        EpmEvent local = parser.parse("epmIpEp", Map.of("dn",
                "topology/pod-1/node-101/sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vxlan-[vxlan-8000]/db-ep/ip-[10.1.1.101]",
                "status", "modified", "pcTag", "any"), 1);
        assertEquals(2916352, local.vnid());
        assertEquals("vxlan-8000", local.encap());
        assertEquals("10.1.1.101", local.keyAddr());
        assertEquals(0, local.pcTag());
        assertEquals(EventStatus.MODIFIED, local.status());
        EpmEvent xr = parser.parse("epmIpEp",
                Map.of("dn", "topology/pod-1/node-103/sys/ctx-[vxlan-2916352]/db-ep/ip-[2001:10:1:1::101]"), 1);
        assertEquals(0, xr.bd());
        assertEquals("", xr.encap());
        assertEquals("2001:10:1:1::101", xr.addr());
        assertEquals(List.of(), xr.flags());
    }

    @Test
    void overlayUsesOverlayVnid() {
        EpmEvent e = parser.parse("epmIpEp",
                Map.of("dn", "topology/pod-1/node-101/sys/inst-overlay-1/db-ep/ip-[10.0.0.101]"), 1);
        assertEquals(16777209, e.vrf());
        assertEquals(16777209, e.vnid());
    }

    @Test
    void rewriteEventBelongsToTheIpKey() {
        EpmEvent e = parser.parse("epmRsMacEpToIpEpAtt", Map.of("dn",
                "topology/pod-1/node-101/sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vlan-[vlan-101]/db-ep/mac-00:00:40:01:01:01/rsmacEpToIpEpAtt-[sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vlan-[vlan-101]/db-ep/ip-[10.1.1.101]]",
                "status", "deleted"), 1);
        assertEquals("00:00:40:01:01:01", e.addr());
        assertEquals("10.1.1.101", e.ip());
        assertEquals("10.1.1.101", e.keyAddr());
        assertEquals(2916352, e.vnid());
        assertEquals(15007697, e.bd());
        assertEquals(EventStatus.DELETED, e.status());
        assertTrue(e.isRewrite());
        assertEquals("fab|2916352|10.1.1.101", e.key("fab").groupKey());
    }

    @Test
    void malformedInputIsAnError() {
        assertThrows(EpmParseException.class, () -> parser.parse("epmMacEp", Map.of("dn", "topology/pod-1/node-101/sys/foo"), 1));
        assertThrows(EpmParseException.class, () -> parser.parse("epmMacEp", Map.of("status", "created"), 1));
        assertThrows(EpmParseException.class, () -> parser.parse("epmIpEp", Map.of("dn",
                "topology/pod-1/node-101/sys/ctx-[vxlan-1]/bd-[vxlan-2]/db-ep/mac-00:00:00:00:00:01"), 1));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("fvCEp", Map.of("dn", "x"), 1));
        assertThrows(EpmParseException.class, () -> parser.parse("epmMacEp", Map.of("dn",
                "topology/pod-1/node-101/sys/ctx-[vxlan-1]/bd-[vxlan-2]/db-ep/mac-00:00:00:00:00:01", "status", "bogus"), 1));
    }

    @Test
    void ipLiterals() {
        assertArrayEquals(new byte[] {10, 1, 1, (byte) 200}, IpAddresses.parse("10.1.1.200"));
        assertNull(IpAddresses.parse("10.1.1"));
        assertNull(IpAddresses.parse("10.1.1.256"));
        assertNull(IpAddresses.parse("host.example"));
        byte[] v6 = IpAddresses.parse("2001:10:1:1::101");
        assertEquals(16, v6.length);
        assertEquals(0x01, v6[15]);
        assertEquals(0x01, v6[14]);
        assertEquals(16, IpAddresses.parse("::ffff:10.1.1.1").length);
        assertNull(IpAddresses.parse("1::2::3"));
        assertNull(IpAddresses.parse("2001:zz::1"));
        assertTrue(IpAddresses.samePrefix(IpAddresses.parse("10.1.1.1"), IpAddresses.parse("10.1.1.254"), 24));
    }
}
