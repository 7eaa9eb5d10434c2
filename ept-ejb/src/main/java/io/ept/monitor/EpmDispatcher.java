package io.ept.monitor;

import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.parse.EpmEventParser;
import io.ept.apic.ApicMo;
import io.ept.messaging.EpmBatch;
import io.ept.messaging.EpmWork;
import io.ept.messaging.WorkItem;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Turns epm objects (websocket events, class-query rows, synthetic deletes) into worker messages and sends them
 * in batches: each flush sends one {@link EpmBatch} per worker message group (a hash bucket of endpoint keys), so a
 * key's events stay in order and a worker analyses many events per message. An object whose dn cannot be parsed is
 * kept in {@code ept.rejected} with the reason, so nothing is dropped silently.
 */
public final class EpmDispatcher {

    private static final Logger LOG = Logger.getLogger(EpmDispatcher.class.getName());
    static final int BATCH = 1000;

    private final String fabric;
    private final MonitorEnvironment env;
    private final EpmEventParser parser;
    private final RejectedRecords rejectedRecords;
    private record Pending(EpmWork work, int priority) {
    }

    private final List<Pending> pending = new ArrayList<>(BATCH);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong buildMessages = new AtomicLong();
    private int pendingBuildMessages;
    /** When the oldest queued event was queued (0: none queued). */
    private long firstPendingMillis;

    public EpmDispatcher(String fabric, MonitorEnvironment env, int overlayVnid) {
        this(fabric, env, overlayVnid, new RejectedRecords(fabric, env.database(), RejectedRecords.DEFAULT_MAX_PER_FABRIC));
    }

    public EpmDispatcher(String fabric, MonitorEnvironment env, int overlayVnid, RejectedRecords rejectedRecords) {
        this.rejectedRecords = rejectedRecords;
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
        return dispatch(parse(mo, ts), force, priority, build);
    }

    /**
     * An epm object parsed, possibly on another thread than the one that dispatches it (a build decodes pages
     * ahead): its event, or the object and why it is rejected.
     */
    public record Parsed(EpmEvent event, ApicMo rejected, String reason, double ts) {
    }

    /** Parses one epm object; thread-safe, queues nothing. */
    public Parsed parse(ApicMo mo, double ts) {
        try {
            return new Parsed(parser.parse(mo.className(), mo.attributes(), ts), null, null, ts);
        } catch (RuntimeException e) {
            return new Parsed(null, mo, e.getMessage(), ts);
        }
    }

    /** Queues a parsed object (or records its rejection); returns its event, or null if it was rejected. */
    public EpmEvent dispatch(Parsed parsed, boolean force, int priority, String build) {
        if (parsed.event() == null) {
            reject(parsed.rejected(), parsed.ts(), parsed.reason());
            return null;
        }
        if (build == null) {
            env.metrics().liveReceived(fabric, parsed.event().epmClass().className(), 1);
        }
        queue(new EpmWork(fabric, parsed.event().withForce(force), build), priority);
        return parsed.event();
    }

    /** Queues an already parsed event (build deletes, refresh results). */
    public void queue(EpmWork work, int priority) {
        if (pending.isEmpty()) {
            firstPendingMillis = System.currentTimeMillis();
        }
        pending.add(new Pending(work, priority));
        if (work.build() != null) {
            buildMessages.incrementAndGet();
            pendingBuildMessages++;
        }
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    /** Milliseconds until the queued events must be sent ({@link Long#MAX_VALUE} when none are queued). */
    public long millisUntilDue() {
        if (pending.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, firstPendingMillis + env.workerGroups().batchMillis() - System.currentTimeMillis());
    }

    /** Sends the queued events once the oldest has waited the batching window (or a full batch is queued). */
    public void flushIfDue() {
        if (!pending.isEmpty() && (pending.size() >= BATCH || millisUntilDue() == 0)) {
            flush();
        }
    }

    /** Sends what is queued, one message per (priority, message group, build); all in one JMS transaction. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Integer, List<EpmWork>> byPriority = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (Pending p : pending) {
            byPriority.computeIfAbsent(p.priority(), k -> new ArrayList<>()).add(p.work());
        }
        List<WorkItem> messages = new ArrayList<>();
        byPriority.forEach((priority, works) -> messages.addAll(EpmBatch.workItems(works, priority,
                env.workerGroups().groups(), env.workerGroups().batchEvents())));
        env.sendToWorkers(messages);
        sent.addAndGet(pending.size());
        env.metrics().queued(pending.size(), pendingBuildMessages);
        pending.clear();
        pendingBuildMessages = 0;
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
        long n = rejected.incrementAndGet();
        if (n <= 100 || n % 1000 == 0) { // a flood of bad objects must not flood the log either
            LOG.warning(() -> "fabric " + fabric + ": rejected " + mo.className() + " "
                    + RejectedRecords.truncate(mo.dn(), 300) + ": " + RejectedRecords.truncate(reason, 300)
                    + " (" + n + " rejected so far)");
        }
        rejectedRecords.object(mo.className(), mo.attributes(), reason, ts);
        env.metrics().dropped(fabric, io.ept.status.PipelineMetrics.boundedClass(mo.className()), 1);
    }
}
