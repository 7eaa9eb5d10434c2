package io.ept.monitor;

import com.mongodb.client.MongoCollection;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.parse.EpmEventParser;
import io.ept.apic.ApicMo;
import io.ept.messaging.WorkItem;
import io.ept.messaging.EpmWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Turns epm objects (websocket events, class-query rows, synthetic deletes) into worker messages grouped by
 * endpoint key, and sends them in batches. An object whose dn cannot be parsed is kept in {@code ept.rejected}
 * with the reason, so nothing is dropped silently.
 */
public final class EpmDispatcher {

    private static final Logger LOG = Logger.getLogger(EpmDispatcher.class.getName());
    static final int BATCH = 1000;

    private final String fabric;
    private final MonitorEnvironment env;
    private final EpmEventParser parser;
    private final List<WorkItem> pending = new ArrayList<>(BATCH);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong buildMessages = new AtomicLong();

    public EpmDispatcher(String fabric, MonitorEnvironment env, int overlayVnid) {
        this.fabric = fabric;
        this.env = env;
        this.parser = new EpmEventParser(overlayVnid);
    }

    /**
     * Queues one epm object; returns its parsed event (for build bookkeeping) or null if it was rejected.
     *
     * @param build end-of-build barrier id, or null for live events
     */
    public EpmEvent dispatch(ApicMo mo, double ts, boolean force, int priority, String build) {
        EpmEvent event;
        try {
            event = parser.parse(mo.className(), mo.attributes(), ts);
        } catch (RuntimeException e) {
            reject(mo, ts, e.getMessage());
            return null;
        }
        queue(new EpmWork(fabric, event.withForce(force), build), priority);
        return event;
    }

    /** Queues an already parsed event (build deletes, refresh results). */
    public void queue(EpmWork work, int priority) {
        pending.add(work.toWorkItem(priority));
        if (work.build() != null) {
            buildMessages.incrementAndGet();
        }
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    /** Sends what is queued; the batch is one JMS transaction. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        env.sendToWorkers(List.copyOf(pending));
        sent.addAndGet(pending.size());
        pending.clear();
    }

    public long sent() {
        return sent.get();
    }

    /** Messages sent with a build id: the count the workers must acknowledge before the build is complete. */
    public long buildMessages() {
        return buildMessages.get();
    }

    public long rejected() {
        return rejected.get();
    }

    private void reject(ApicMo mo, double ts, String reason) {
        rejected.incrementAndGet();
        LOG.warning(() -> "fabric " + fabric + ": rejected " + mo.className() + " " + mo.dn() + ": " + reason);
        MongoCollection<Document> collection = env.database().getCollection("ept.rejected");
        collection.insertOne(new Document("fabric", fabric).append("classname", mo.className())
                .append("attributes", new Document(Map.copyOf(mo.attributes()))).append("reason", reason)
                .append("ts", ts));
    }
}
