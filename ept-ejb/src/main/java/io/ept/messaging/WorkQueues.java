package io.ept.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.ept.platform.config.WorkerConfig;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import java.util.List;

/**
 * Sends work to the JMS queues. Items sent in one call are committed together with the caller's transaction, so a
 * batch becomes visible to consumers atomically.
 */
@Stateless
public class WorkQueues {

    public static final String WORKER_QUEUE = "java:/jms/queue/EptWorkerQueue";
    public static final String WATCHER_QUEUE = "java:/jms/queue/EptWatcherQueue";

    @Inject
    JMSContext jms;

    @Resource(lookup = WORKER_QUEUE)
    Queue workerQueue;

    @Resource(lookup = WATCHER_QUEUE)
    Queue watcherQueue;

    @Inject
    WorkerConfig workerConfig;

    /** JMS properties of work a fabric's subscriber sends: its fabric and the fencing token of its lease. */
    public static final String LEASE_FABRIC_PROPERTY = "EptLeaseFabric";
    public static final String LEASE_TOKEN_PROPERTY = "EptLeaseToken";

    public void toWorkers(List<WorkItem> items) {
        send(workerQueue, items, 0, null, 0);
    }

    /** Work of a fabric's subscriber, stamped with its lease's fencing token (see io.ept.cluster.LeaseFence). */
    public void toWorkers(List<WorkItem> items, String fabric, long leaseToken) {
        send(workerQueue, items, 0, fabric, leaseToken);
    }

    /** Watcher work; a delay schedules a recheck (JMS delivery delay) instead of a timer in memory. */
    public void toWatcher(List<WorkItem> items, long deliveryDelayMillis) {
        send(watcherQueue, items, deliveryDelayMillis, null, 0);
    }

    public void toWatcher(List<WorkItem> items, long deliveryDelayMillis, String fabric, long leaseToken) {
        send(watcherQueue, items, deliveryDelayMillis, fabric, leaseToken);
    }

    @Resource(lookup = "java:/jms/queue/EptDLQ")
    Queue deadLetterQueue;

    /**
     * The JMSTimestamp (epoch millis) of the first message in delivery order of each of EPT's queues, absent when the
     * queue is empty. Browses one message per queue (scheduled rechecks are not visible until they are due).
     */
    public java.util.Map<String, Long> firstMessageTimestamps() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        java.util.Map<String, Queue> queues = new java.util.LinkedHashMap<>();
        queues.put("EptWorkerQueue", workerQueue);
        queues.put("EptWatcherQueue", watcherQueue);
        queues.put("EptDLQ", deadLetterQueue);
        queues.forEach((name, queue) -> {
            try (jakarta.jms.QueueBrowser browser = jms.createBrowser(queue)) {
                java.util.Enumeration<?> messages = browser.getEnumeration();
                if (messages.hasMoreElements() && messages.nextElement() instanceof jakarta.jms.Message m
                        && m.getJMSTimestamp() > 0) {
                    out.put(name, m.getJMSTimestamp());
                }
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException("cannot browse JMS queue " + name + ": " + e.getMessage(), e);
            }
        });
        return out;
    }

    /** Opens a browser on each queue: proves the broker and both destinations are there. */
    public void checkQueues() {
        try {
            jms.createBrowser(workerQueue).close();
            jms.createBrowser(watcherQueue).close();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("JMS queue check failed: " + e.getMessage(), e);
        }
    }

    private void send(Queue queue, List<WorkItem> items, long deliveryDelayMillis, String leaseFabric, long leaseToken) {
        JMSProducer producer = jms.createProducer();
        if (deliveryDelayMillis > 0) {
            producer.setDeliveryDelay(deliveryDelayMillis);
        }
        for (WorkItem item : items) {
            boolean epm = WorkTypes.EPM_BATCH.equals(item.type()) || WorkTypes.EPM.equals(item.type());
            producer.setDeliveryMode(epm && !workerConfig.persistentEpm ? DeliveryMode.NON_PERSISTENT
                    : DeliveryMode.PERSISTENT);
            TextMessage message = jms.createTextMessage(item.body());
            try {
                message.setStringProperty(WorkTypes.PROPERTY, item.type());
                message.setStringProperty("JMSXGroupID", item.groupKey());
                if (item.events() != null) {
                    message.setStringProperty(WorkTypes.EVENTS_PROPERTY, item.events());
                }
                if (leaseFabric != null && leaseToken > 0) {
                    message.setStringProperty(LEASE_FABRIC_PROPERTY, leaseFabric);
                    message.setLongProperty(LEASE_TOKEN_PROPERTY, leaseToken);
                }
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException("cannot set message properties: " + e.getMessage(), e);
            }
            producer.setPriority(item.priority()).send(queue, message);
        }
    }
}
