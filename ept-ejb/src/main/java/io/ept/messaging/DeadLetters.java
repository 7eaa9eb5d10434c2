package io.ept.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The dead-letter queue EptDLQ: work the consumers gave up on, each with why, and the way back. A consumer that gives
 * up parks the message itself with the failure as properties ({@link #park}); a message Artemis moved after its last
 * delivery carries Artemis' own properties (_AMQ_ORIG_QUEUE ...). An admin replays messages onto their original
 * queue once the cause is fixed ({@link #replay}).
 */
@Stateless
public class DeadLetters {

    public static final String DLQ = "java:/jms/queue/EptDLQ";
    /** Why the consumer gave up: the failure of the last delivery. */
    public static final String REASON_PROPERTY = "ept_failure_reason";
    public static final String FAILED_AT_PROPERTY = "ept_failed_at";
    public static final String ATTEMPTS_PROPERTY = "ept_delivery_attempts";
    public static final String ORIGINAL_QUEUE_PROPERTY = "ept_original_queue";
    public static final String ORIGINAL_TIMESTAMP_PROPERTY = "ept_original_timestamp";
    private static final String ARTEMIS_ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    private static final String ARTEMIS_ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** Messages shown by {@link #list}: the queue is for inspection, not a data store. */
    public static final int LIST_LIMIT = 500;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    @Inject
    JMSContext jms;

    @Resource(lookup = DLQ)
    Queue deadLetterQueue;

    @Resource(lookup = WorkQueues.WORKER_QUEUE)
    Queue workerQueue;

    @Resource(lookup = WorkQueues.WATCHER_QUEUE)
    Queue watcherQueue;

    /** One parked message as the API and the Queues page show it. */
    public record DeadLetter(String id, String type, String originalQueue, String reason, long originalTimestamp,
                             long failedAt, int attempts, String group, int bodyLength) {
    }

    public record Summary(long count, long oldestMillis) {
        /** Age of the oldest message in seconds, 0 when the queue is empty. */
        public long oldestAgeSeconds(long nowMillis) {
            return count == 0 || oldestMillis == 0 ? 0 : Math.max(0, (nowMillis - oldestMillis) / 1000);
        }
    }

    /**
     * Puts a copy of {@code original} on EptDLQ with the failure; in the consumer's transaction, so the message leaves
     * its queue exactly when its copy is parked.
     */
    public void park(Message original, String reason, int attempts) {
        try {
            if (!(original instanceof TextMessage text)) {
                throw new IllegalStateException("only text messages are parked, not " + original.getClass().getName());
            }
            TextMessage copy = jms.createTextMessage(text.getText());
            for (String name : Collections.list(propertyNames(original))) {
                if (!name.startsWith("JMSX") || "JMSXGroupID".equals(name)) {
                    copy.setObjectProperty(name, original.getObjectProperty(name));
                }
            }
            copy.setStringProperty(REASON_PROPERTY, reason == null ? "unknown" : truncate(reason, 2000));
            copy.setLongProperty(FAILED_AT_PROPERTY, System.currentTimeMillis());
            copy.setIntProperty(ATTEMPTS_PROPERTY, attempts);
            copy.setStringProperty(ORIGINAL_QUEUE_PROPERTY, queueName(original.getJMSDestination()));
            copy.setLongProperty(ORIGINAL_TIMESTAMP_PROPERTY, original.getJMSTimestamp());
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(deadLetterQueue, copy);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot park the message on EptDLQ: " + e.getMessage(), e);
        }
    }

    /** Count and the original timestamp of the oldest message (browses the whole queue: it is small by design). */
    public Summary summary() {
        long count = 0;
        long oldest = 0;
        try (QueueBrowser browser = jms.createBrowser(deadLetterQueue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                count++;
                long ts = originalTimestamp(m);
                if (ts > 0 && (oldest == 0 || ts < oldest)) {
                    oldest = ts;
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse EptDLQ: " + e.getMessage(), e);
        }
        return new Summary(count, oldest);
    }

    /** The parked messages, oldest first, at most {@link #LIST_LIMIT}. */
    public List<DeadLetter> list() {
        List<DeadLetter> out = new ArrayList<>();
        try (QueueBrowser browser = jms.createBrowser(deadLetterQueue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && out.size() < LIST_LIMIT) {
                out.add(describe((Message) messages.nextElement()));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse EptDLQ: " + e.getMessage(), e);
        }
        return out;
    }

    /** Whether {@code id} looks like a JMSMessageID (checked before it becomes part of a message selector). */
    public static boolean isMessageId(String id) {
        return id != null && id.matches("ID:[0-9A-Za-z:_-]{1,100}");
    }

    /**
     * Puts parked messages back on their original queues (without the failure properties) and removes them from
     * EptDLQ, in one transaction. Messages whose original queue is not one of EPT's stay parked (skipped).
     *
     * @param id a JMSMessageID from {@link #list} ({@link #isMessageId}), or null for every parked message
     * @return the numbers replayed and skipped; both 0 when {@code id} is not (or no longer) parked
     */
    public ReplayResult replay(String id) {
        if (id != null && !isMessageId(id)) {
            return new ReplayResult(0, 0);
        }
        int replayed = 0;
        int skipped = 0;
        try {
            List<String> ids = new ArrayList<>();
            try (QueueBrowser browser = id == null ? jms.createBrowser(deadLetterQueue)
                    : jms.createBrowser(deadLetterQueue, "JMSMessageID = '" + id + "'")) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    Message m = (Message) messages.nextElement();
                    if (target(m) == null) {
                        skipped++;
                    } else {
                        ids.add(m.getJMSMessageID());
                    }
                }
            }
            for (String one : ids) {
                try (JMSConsumer consumer = jms.createConsumer(deadLetterQueue, "JMSMessageID = '" + one + "'")) {
                    Message m = consumer.receive(5000);
                    if (m != null) {
                        resend(m);
                        replayed++;
                    }
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot replay from EptDLQ: " + e.getMessage(), e);
        }
        int n = replayed;
        int s = skipped;
        LOG.info(() -> "replayed " + n + " message(s) from EptDLQ" + (id == null ? "" : " (" + id + ")")
                + (s > 0 ? "; " + s + " from an unknown queue left parked" : ""));
        return new ReplayResult(replayed, skipped);
    }

    public record ReplayResult(int replayed, int skipped) {
    }

    private Queue target(Message m) throws JMSException {
        return switch (originalQueue(m)) {
            case "EptWorkerQueue" -> workerQueue;
            case "EptWatcherQueue" -> watcherQueue;
            default -> null;
        };
    }

    private void resend(Message m) throws JMSException {
        if (!(m instanceof TextMessage text)) {
            throw new IllegalStateException("message " + m.getJMSMessageID() + " is not a text message");
        }
        Queue target = target(m);
        TextMessage copy = jms.createTextMessage(text.getText());
        for (String name : Collections.list(propertyNames(m))) {
            boolean failureInfo = name.startsWith("ept_failure") || name.startsWith("ept_failed") || name.startsWith("ept_original")
                    || name.equals(ATTEMPTS_PROPERTY) || name.startsWith("_AMQ_") || name.startsWith("JMSX") && !"JMSXGroupID".equals(name);
            if (!failureInfo) {
                copy.setObjectProperty(name, m.getObjectProperty(name));
            }
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setPriority(m.getJMSPriority()).send(target, copy);
    }

    private static DeadLetter describe(Message m) throws JMSException {
        String reason = m.propertyExists(REASON_PROPERTY) ? m.getStringProperty(REASON_PROPERTY)
                : "moved by the broker after its last delivery attempt (no reason recorded)";
        long failedAt = m.propertyExists(FAILED_AT_PROPERTY) ? m.getLongProperty(FAILED_AT_PROPERTY) : 0;
        int attempts = m.propertyExists(ATTEMPTS_PROPERTY) ? m.getIntProperty(ATTEMPTS_PROPERTY) : 0;
        String group = m.propertyExists("JMSXGroupID") ? m.getStringProperty("JMSXGroupID") : null;
        int length = m instanceof TextMessage t && t.getText() != null ? t.getText().length() : 0;
        return new DeadLetter(m.getJMSMessageID(), m.getStringProperty(WorkTypes.PROPERTY), originalQueue(m), reason,
                originalTimestamp(m), failedAt, attempts, group, length);
    }

    private static long originalTimestamp(Message m) throws JMSException {
        return m.propertyExists(ORIGINAL_TIMESTAMP_PROPERTY) ? m.getLongProperty(ORIGINAL_TIMESTAMP_PROPERTY) : m.getJMSTimestamp();
    }

    /** EptWorkerQueue / EptWatcherQueue, from EPT's or Artemis' properties. */
    static String originalQueue(Message m) throws JMSException {
        for (String p : List.of(ORIGINAL_QUEUE_PROPERTY, ARTEMIS_ORIGINAL_QUEUE, ARTEMIS_ORIGINAL_ADDRESS)) {
            if (m.propertyExists(p)) {
                return shortQueueName(String.valueOf(m.getObjectProperty(p)));
            }
        }
        return "unknown";
    }

    static String shortQueueName(String name) {
        return name.startsWith("jms.queue.") ? name.substring("jms.queue.".length()) : name;
    }

    private static String queueName(jakarta.jms.Destination destination) throws JMSException {
        return destination instanceof Queue q ? shortQueueName(q.getQueueName()) : String.valueOf(destination);
    }

    @SuppressWarnings("unchecked")
    private static Enumeration<String> propertyNames(Message m) throws JMSException {
        return (Enumeration<String>) m.getPropertyNames();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
