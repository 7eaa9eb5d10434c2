package io.ept.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ept.cluster.NodeRegistry;
import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** Every minute appends the JMS queues' counters to ept.queue, keyed by this node and the queue name. */
@Singleton
@Startup
@DependsOn("Infrastructure")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueueStatsRecorder {

    public static final String COLLECTION = "ept.queue";
    private static final Logger LOG = Logger.getLogger(QueueStatsRecorder.class.getName());

    @Inject
    Infrastructure infrastructure;

    @Inject
    QueueStatistics statistics;

    @Inject
    NodeRegistry nodes;

    private volatile boolean failing;

    @PostConstruct
    void start() {
        collection().createIndex(Indexes.ascending("proc", "queue"), new IndexOptions().unique(true));
    }

    @Schedule(hour = "*", minute = "*", persistent = false)
    public void record() {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Integer> due = QueueStatsIntervals.due(now / 60);
        try {
            for (QueueCounters counters : statistics.read()) {
                Bson key = and(eq("proc", nodes.nodeId()), eq("queue", counters.queue()));
                Document existing = collection().find(key).first();
                List<Bson> updates = new ArrayList<>();
                updates.add(Updates.set("total_tx_msg", counters.txTotal()));
                updates.add(Updates.set("total_rx_msg", counters.rxTotal()));
                updates.add(Updates.set("qlen", counters.length()));
                updates.add(Updates.setOnInsert("start_timestamp", now));
                due.forEach((interval, minutes) -> {
                    Document previous = latest(existing, interval);
                    Document record = QueueStatsIntervals.record(now, counters, previous, minutes == 1);
                    int keep = minutes == 1 ? QueueStatsIntervals.KEEP_1MIN : QueueStatsIntervals.KEEP_OTHER;
                    updates.add(Updates.pushEach(interval, List.of(record), new PushOptions().position(0).slice(keep)));
                });
                collection().updateOne(key, Updates.combine(updates), new UpdateOptions().upsert(true));
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning("queue statistics not recorded: " + e.getMessage());
                failing = true;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Document latest(Document existing, String interval) {
        if (existing == null || !(existing.get(interval) instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        return (Document) ((List<Object>) list).get(0);
    }

    private MongoCollection<Document> collection() {
        return infrastructure.database().getCollection(COLLECTION);
    }
}
