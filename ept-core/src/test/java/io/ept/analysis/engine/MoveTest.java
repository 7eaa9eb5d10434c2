package io.ept.analysis.engine;

import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.Settings;
import io.ept.analysis.support.Harness;
import io.ept.analysis.watch.WatchMove;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ept.analysis.support.Events.ip;
import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Events.rs;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static io.ept.analysis.support.Topology.VPC_NODE;
import static io.ept.analysis.support.Topology.VRF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Move (3.5). */
class MoveTest {
    static final String MAC1 = "00:00:40:01:01:01";
    static final String MAC2 = "00:00:40:01:01:02";
    static final String IP1 = "10.1.1.101";

    final Harness h = new Harness(Settings.builder().analyzeRapid(false).notifyMoveSyslog(true).build());

    List<MoveRecord> moves(int vnid, String addr) {
        return h.store.moves(Harness.key(vnid, addr));
    }

    @Test
    void macMoveWithBounce() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(100, "created", 104, BD1, "", MAC1, "", "tunnel103", E1));
        // moves to 104; 103 bounces to 104
        h.feed(mac(200, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        h.feed(mac(201, "created", 103, BD1, "", MAC1, "bounce", "tunnel104", E1));
        List<MoveRecord> m = moves(BD1, MAC1);
        assertEquals(1, m.size());
        assertEquals(103, m.get(0).src().node());
        assertEquals(104, m.get(0).dst().node());
        assertEquals("eth1/2", m.get(0).dst().intfId());
        List<WatchMove> jobs = h.jobs(WatchMove.class);
        assertEquals(1, jobs.size());
        assertEquals(m.get(0).dst(), jobs.get(0).dst());
    }

    @Test
    void macMoveWithTransitoryDelete() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(150, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0));
        h.feed(mac(151, "created", 103, BD1, "", MAC1, "bounce", "tunnel104", E1));
        h.feed(mac(152, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        List<MoveRecord> m = moves(BD1, MAC1);
        assertEquals(1, m.size());
        assertEquals(103, m.get(0).src().node());
        assertEquals(104, m.get(0).dst().node());
    }

    @Test
    void relearnAfterTransitoryWindowIsNotAMove() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(150, "deleted", 103, BD1, "vlan-101", MAC1, "", "", 0));
        h.feed(mac(211, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        assertTrue(moves(BD1, MAC1).isEmpty());
    }

    @Test
    void ipv4MoveOrderings() {
        // ordering 1: new local ip+rs on 104, then old local becomes XR
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(200, "created", 104, BD1, "vlan-101", IP1, "local", "eth1/2", E1));
        assertTrue(moves(VRF, IP1).isEmpty(), "no rewrite yet on 104");
        h.feed(rs(201, "created", 104, BD1, "vlan-101", MAC1, IP1));
        h.feed(rs(202, "deleted", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(ip(202, "created", 103, 0, "", IP1, "", "tunnel104", E1));
        assertEquals(1, moves(VRF, IP1).size());
        assertEquals(104, moves(VRF, IP1).get(0).dst().node());

        // ordering 2: rewrite first on the new node, then the IP
        Harness x = new Harness();
        x.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        x.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        x.feed(rs(200, "created", 104, BD1, "vlan-101", MAC1, IP1));
        x.feed(ip(201, "created", 104, BD1, "vlan-101", IP1, "local", "eth1/2", E1));
        x.feed(ip(202, "deleted", 103, BD1, "vlan-101", IP1, "", "", 0));
        assertEquals(1, x.store.moves(Harness.key(VRF, IP1)).size());

        // ordering 3: old local deleted first (transitory), then new local on 104
        Harness y = new Harness();
        y.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        y.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        y.feed(ip(200, "deleted", 103, BD1, "vlan-101", IP1, "", "", 0));
        y.feed(rs(200, "deleted", 103, BD1, "vlan-101", MAC1, IP1));
        y.feed(ip(201, "created", 104, BD1, "vlan-101", IP1, "local", "eth1/2", E1));
        y.feed(rs(202, "created", 104, BD1, "vlan-101", MAC1, IP1));
        assertEquals(1, y.store.moves(Harness.key(VRF, IP1)).size());
        assertEquals(103, y.store.moves(Harness.key(VRF, IP1)).get(0).src().node());
    }

    @Test
    void rewriteMacChangeIsAMove() {
        h.feed(ip(100, "created", 103, BD1, "vlan-101", IP1, "local", "eth1/1", E1));
        h.feed(rs(100, "created", 103, BD1, "vlan-101", MAC1, IP1));
        h.feed(rs(200, "created", 103, BD1, "vlan-101", MAC2, IP1));
        List<MoveRecord> m = moves(VRF, IP1);
        assertEquals(1, m.size());
        assertEquals(MAC1, m.get(0).src().rwMac());
        assertEquals(MAC2, m.get(0).dst().rwMac());
    }

    @Test
    void vpcMacMoveOrderings() {
        // from orphan 103 to the vPC pair (one peer first)
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(200, "created", 101, BD1, "vlan-101", MAC1, "local,vpc-attached", "po2", E1));
        h.feed(mac(201, "created", 102, BD1, "vlan-101", MAC1, "local,vpc-attached", "po3", E1));
        h.feed(mac(202, "created", 103, BD1, "", MAC1, "", "tunnel100", E1));
        List<MoveRecord> m = moves(BD1, MAC1);
        assertEquals(1, m.size());
        assertEquals(VPC_NODE, m.get(0).dst().node());
        assertEquals("vpc-384", m.get(0).dst().intfId());

        // from vPC 384 to vPC 385: same pseudo node, new interface
        h.feed(mac(300, "created", 102, BD1, "vlan-101", MAC1, "local,vpc-attached", "po5", E1));
        h.feed(mac(301, "created", 101, BD1, "vlan-101", MAC1, "local,vpc-attached", "po4", E1));
        m = moves(BD1, MAC1);
        assertEquals(2, m.size());
        assertEquals("vpc-385", m.get(0).dst().intfId());
        assertEquals("vpc-384", m.get(0).src().intfId());
    }

    @Test
    void duplicateMoveIsNotStoredAgain() {
        h.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        h.feed(mac(200, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        MoveRecord stored = moves(BD1, MAC1).get(0);
        // same src/dst locations as the newest stored move (timestamps differ): not written, no watch
        Harness again = new Harness(h.settings);
        again.feed(mac(500, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        var key = Harness.key(BD1, MAC1);
        var s = again.store.state(key);
        var withLastMove = new EndpointState(key, s.history(), s.endpoint(), stored);
        AnalysisResult r = again.analyzer.analyze(withLastMove,
                mac(600, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertEquals(2, r.endpoint().events().size());
        assertEquals(null, r.newMove());
        assertTrue(r.watchJobs().isEmpty());
        // a move back is new
        h.feed(mac(300, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/2", E1));
        assertEquals(2, moves(BD1, MAC1).size());
    }

    @Test
    void moveWatchSentEvenWhenNotificationsDisabledForTheFindingLogAndPublication() {
        Harness quiet = new Harness();
        quiet.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        quiet.feed(mac(200, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertEquals(1, quiet.store.moves(Harness.key(BD1, MAC1)).size());
        assertEquals(1, quiet.jobs(WatchMove.class).size());
    }

    @Test
    void moveAnalysisCanBeDisabled() {
        Harness off = new Harness(Settings.builder().analyzeRapid(false).analyzeMove(false).build());
        off.feed(mac(100, "created", 103, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        off.feed(mac(200, "created", 104, BD1, "vlan-101", MAC1, "local", "eth1/1", E1));
        assertTrue(off.store.moves(Harness.key(BD1, MAC1)).isEmpty());
    }
}
