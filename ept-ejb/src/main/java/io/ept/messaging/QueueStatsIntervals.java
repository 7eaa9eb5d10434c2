package io.ept.messaging;

import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate records of ept.queue (ept-reference 1.7): every minute a {@code stats_1min} record (360 kept) and, on
 * their boundaries, {@code stats_5min} ... {@code stats_1week} records (72 kept), each with totals, the change since
 * the interval's previous record and the per-second rate.
 */
public final class QueueStatsIntervals {

    /** Interval name to its length in minutes, shortest first. */
    public static final Map<String, Integer> INTERVALS = intervals();
    public static final int KEEP_1MIN = 360;
    public static final int KEEP_OTHER = 72;

    private QueueStatsIntervals() {
    }

    /** The intervals whose boundary falls on this minute since the epoch. */
    public static Map<String, Integer> due(long epochMinute) {
        Map<String, Integer> due = new LinkedHashMap<>();
        INTERVALS.forEach((name, minutes) -> {
            if (epochMinute % minutes == 0) {
                due.put(name, minutes);
            }
        });
        return due;
    }

    /**
     * One record. {@code previous} is the interval's last record (null for the first one); the rate is over the real
     * time elapsed since it, so a missed tick does not inflate it.
     */
    public static Document record(long timestamp, QueueCounters counters, Document previous, boolean withLength) {
        long previousTx = previous != null ? previous.get("total_tx_msg", Number.class).longValue() : counters.txTotal();
        long previousRx = previous != null ? previous.get("total_rx_msg", Number.class).longValue() : counters.rxTotal();
        // the broker's counters restart with it; a drop means a restart, not negative traffic
        long tx = counters.txTotal() >= previousTx ? counters.txTotal() - previousTx : counters.txTotal();
        long rx = counters.rxTotal() >= previousRx ? counters.rxTotal() - previousRx : counters.rxTotal();
        long elapsed = previous != null ? Math.max(1, timestamp - previous.get("timestamp", Number.class).longValue()) : 60;
        Document record = new Document("timestamp", timestamp)
                .append("total_tx_msg", counters.txTotal()).append("total_rx_msg", counters.rxTotal())
                .append("tx_msg", tx).append("rx_msg", rx)
                .append("tx_msg_rate", round((double) tx / elapsed)).append("rx_msg_rate", round((double) rx / elapsed));
        if (withLength) {
            record.append("qlen", counters.length());
        }
        return record;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Map<String, Integer> intervals() {
        Map<String, Integer> intervals = new LinkedHashMap<>();
        intervals.put("stats_1min", 1);
        intervals.put("stats_5min", 5);
        intervals.put("stats_15min", 15);
        intervals.put("stats_1hour", 60);
        intervals.put("stats_1day", 1440);
        intervals.put("stats_1week", 10080);
        return intervals;
    }
}
