package io.ept.analysis.lookup;

import io.ept.analysis.model.Settings;
import io.ept.analysis.support.Topology;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VpcNodeIdsAndSettingsTest {

    @Test
    void pseudoNodeIds() {
        assertEquals(0x650066, VpcNodeIds.pseudoNodeId(102, 101));
        assertEquals(6619238, VpcNodeIds.pseudoNodeId(101, 102));
        assertArrayEquals(new int[] {101, 102}, VpcNodeIds.members(0x650066));
        assertArrayEquals(new int[] {103}, VpcNodeIds.members(103));
        assertEquals("(101,102)", VpcNodeIds.render(0x650066));
        assertEquals("103", VpcNodeIds.render(103));
        assertTrue(VpcNodeIds.isMemberOrSelf(102, 0x650066));
        assertTrue(VpcNodeIds.isMemberOrSelf(0x650066, 0x650066));
        assertFalse(VpcNodeIds.isMemberOrSelf(103, 0x650066));
    }

    @Test
    void lookupsResolvePeersAndVpcNodes() {
        InMemoryFabricLookups l = Topology.lookups();
        assertEquals(102, l.peerNode(101));
        assertEquals(0, l.peerNode(103));
        assertEquals("vpc", l.node(0x650066).orElseThrow().role());
        assertEquals(1, l.podId(104));
        assertEquals(384, l.vpcId(102, "po3"));
        assertEquals(0x650066, l.tunnel(103, "tunnel100").orElseThrow().remote());
        assertTrue(l.isExternalBd(Topology.BD0_EXT));
    }

    @Test
    void settingsDefaults() {
        Settings s = Settings.defaults();
        assertEquals(64, s.maxPerNodeEndpointEvents());
        assertEquals(64, s.maxEndpointEvents());
        assertEquals(2048, s.rapidThreshold());
        assertEquals(600, s.rapidHoldtime());
        assertEquals(60, s.transitoryDelete());
        assertEquals(10, s.transitoryOffsubnet());
        assertEquals(45, s.transitoryStale());
        assertEquals(315, s.transitoryStaleNoLocal());
        assertEquals(35, s.transitoryRapid());
        assertEquals(8, s.suppressWatchOffsubnet());
        assertEquals(25, s.suppressWatchStale());
        assertEquals(15, s.rapidCalculateInterval());
        assertTrue(s.analyzeMove() && s.analyzeStale() && s.analyzeOffsubnet() && s.analyzeRapid());
        assertTrue(s.staleNoLocal() && s.staleMultipleLocal() && s.refreshRapid());
        assertFalse(s.autoClearStale() || s.autoClearOffsubnet());
        assertEquals(587, s.smtpServerPort());
        assertEquals(514, s.syslogPort());
        assertEquals("explicit", s.vpcPairType());
        assertEquals(3, s.toBuilder().transitoryStale(3).build().transitoryStale());
    }
}
