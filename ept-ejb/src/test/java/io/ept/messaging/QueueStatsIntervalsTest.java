package io.ept.messaging;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueStatsIntervalsTest {

    @Test
    void intervalsFallDueOnTheirBoundaries() {
        assertEquals(List.of("stats_1min"), List.copyOf(QueueStatsIntervals.due(7).keySet()));
        assertEquals(List.of("stats_1min", "stats_5min", "stats_15min"), List.copyOf(QueueStatsIntervals.due(45).keySet()));
        assertEquals(6, QueueStatsIntervals.due(0).size());
    }

    @Test
    void ratesAreOverTheElapsedTimeAndSurviveABrokerRestart() {
        QueueCounters first = new QueueCounters("q", 5, 100, 95, 1, 0, 8);
        Document r1 = QueueStatsIntervals.record(1_000, first, null, true);
        assertEquals(0L, r1.get("rx_msg"));
        assertEquals(5L, r1.get("qlen"));
        QueueCounters second = new QueueCounters("q", 0, 220, 220, 0, 0, 8);
        Document r2 = QueueStatsIntervals.record(1_120, second, r1, false);
        assertEquals(120L, r2.get("rx_msg"));
        assertEquals(125L, r2.get("tx_msg"));
        assertEquals(1.0, r2.getDouble("rx_msg_rate"));
        assertFalse(r2.containsKey("qlen"));
        QueueCounters restarted = new QueueCounters("q", 0, 10, 10, 0, 0, 8);
        Document r3 = QueueStatsIntervals.record(1_180, restarted, r2, true);
        assertEquals(10L, r3.get("rx_msg"), "a counter that went down restarted from zero");
    }

    @Test
    void workerHashFollowsTheOriginalFormula() {
        WorkerHash.Result mac = WorkerHash.of(1, "00:00:00:00:00:01", 10);
        BigInteger expected = BigInteger.ONE.shiftLeft(128).add(BigInteger.ONE).xor(BigInteger.valueOf(1_000_003));
        assertEquals(expected, mac.hash());
        assertEquals(expected.mod(BigInteger.TEN).intValue(), mac.workerIndex());
        WorkerHash.Result ip = WorkerHash.of(0, "10.0.0.1", 7);
        assertEquals(BigInteger.valueOf(0x0A000001L ^ 1_000_003L), ip.hash());
        assertTrue(WorkerHash.of(5, "2001:db8::1", 3).workerIndex() < 3);
    }
}
