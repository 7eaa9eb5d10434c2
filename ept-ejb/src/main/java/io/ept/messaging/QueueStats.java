package io.ept.messaging;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ept.monitor.NodeRegistry;
import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Queue statistics of this node (ept-reference 1.7): messages sent to and consumed from the worker and watcher
 * queues, sampled every minute into collection {@code ept.queue} keyed (proc = this node, queue). Each sample is
 * pushed, newest first, onto {@code stats_1min} (360 kept); every 5, 15, 60, 1440 and 10080 samples an aggregate
 * is pushed onto {@code stats_5min}, {@code stats_15min}, {@code stats_1hour}, {@code stats_1day} and
 * {@code stats_1week} (72 kept each). A record holds {@code timestamp, total_tx_msg, total_rx_msg, tx_msg, rx_msg,
 * tx_msg_rate, rx_msg_rate} (rates per second) and, on 1-minute records, {@code qlen} (pending messages, counted up
 * to {@link #QLEN_CAP}).
 */
@Singleton
@Startup
@DependsOn({"Infrastructure", "NodeRegistry"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueueStats {

    public static final String COLLECTION = "ept.queue";
    public static final String WORKER = "worker";
    public static final String WATCHER = "watcher";
    public static final int QLEN_CAP = 100_000;

    /** A statistics series: its field, how many samples one record spans, and how many records are kept. */
    public record Interval(String field, String label, int samples, int cap) {
    }

    public static final List<Interval> INTERVALS = List.of(
            new Interval("stats_1min", "1 minute", 1, 360),
            new Interval("stats_5min", "5 minutes", 5, 72),
            new Interval("stats_15min", "15 minutes", 15, 72),
            new Interval("stats_1hour", "1 hour", 60, 72),
            new Interval("stats_1day", "1 day", 1440, 72),
            new Interval("stats_1week", "1 week", 10080, 72));

    private static final Logger LOG = Logger.getLogger(QueueStats.class.getName());

    @Inject
    Infrastructure infrastructure;

    @Inject
    NodeRegistry nodes;

    @Inject
    WorkQueues queues;

    @Inject
    @ConfigProperty(name = "ept.queue.stats-seconds", defaultValue = "60")
    long sampleSeconds;

    @Resource
    TimerService timers;

    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    /** Totals at the previous record of each (queue, interval): the base of the next record's deltas. */
    private final Map<String, long[]> previous = new ConcurrentHashMap<>();
    private final double started = now();
    private long samples;

    @PostConstruct
    void init() {
        long period = Math.max(1, sampleSeconds) * 1000;
        timers.createIntervalTimer(period, period, new TimerConfig("queue statistics", false));
    }

    public void sent(String queue, int messages) {
        sent.computeIfAbsent(queue, q -> new AtomicLong()).addAndGet(messages);
    }

    /** One message of the given work type was consumed. */
    public void received(String workType) {
        received.computeIfAbsent(queueOf(workType), q -> new AtomicLong()).incrementAndGet();
    }

    public static String queueOf(String workType) {
        return workType != null && workType.startsWith("watch_") ? WATCHER : WORKER;
    }

    /** The id under which this node's statistics are stored ({@code proc}). */
    public String proc() {
        return nodes.nodeId();
    }

    @Timeout
    void sample() {
        samples++;
        double ts = now();
        for (String queue : List.of(WORKER, WATCHER)) {
            try {
                record(queue, ts);
            } catch (RuntimeException e) {
                LOG.fine(() -> "queue statistics of " + queue + " not recorded: " + e.getMessage());
            }
        }
    }

    private void record(String queue, double ts) {
        long tx = sent.getOrDefault(queue, new AtomicLong()).get();
        long rx = received.getOrDefault(queue, new AtomicLong()).get();
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("start_timestamp", started),
                Updates.set("total_tx_msg", tx), Updates.set("total_rx_msg", rx)));
        for (Interval interval : INTERVALS) {
            if (samples % interval.samples() != 0) {
                continue;
            }
            long[] before = previous.getOrDefault(queue + "/" + interval.field(), new long[]{tx, rx, (long) (started * 1000)});
            double seconds = Math.max(1, ts - before[2] / 1000.0);
            Document entry = new Document("timestamp", ts).append("total_tx_msg", tx).append("total_rx_msg", rx)
                    .append("tx_msg", tx - before[0]).append("rx_msg", rx - before[1])
                    .append("tx_msg_rate", (tx - before[0]) / seconds).append("rx_msg_rate", (rx - before[1]) / seconds);
            if (interval.samples() == 1) {
                entry.append("qlen", queues.pending(queue, QLEN_CAP));
            }
            previous.put(queue + "/" + interval.field(), new long[]{tx, rx, (long) (ts * 1000)});
            updates.add(Updates.pushEach(interval.field(), List.of(entry), new PushOptions().position(0).slice(interval.cap())));
        }
        infrastructure.database().getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("proc", proc()), Filters.eq("queue", queue)), Updates.combine(updates),
                new UpdateOptions().upsert(true));
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
