package io.ept.jms;

import io.ept.cluster.LeaseFence;
import io.ept.messaging.WorkQueues;

import io.ept.messaging.DeadLetters;
import io.ept.messaging.UnprocessableWorkException;
import io.ept.messaging.WorkHandler;
import io.ept.messaging.WorkTypes;
import io.ept.platform.DependencyHealth;
import io.ept.status.PipelineMetrics;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Unwraps a JMS message for the {@link WorkHandler}. Work waits at the {@link DependencyHealth} gate while MongoDB or
 * Redis is down, before it starts and after it failed because of one, so an outage costs a delivery attempt at most;
 * other failures roll back and Artemis redelivers with back-off. On the last attempt the work runs in its own
 * transaction and, when it fails, the message is parked on EptDLQ with the reason.
 */
final class JmsMessages {

    private static final Logger LOG = Logger.getLogger(JmsMessages.class.getName());

    /** max-delivery-attempts of EPT's queues (wildfly-config ept-messaging.cli): the last one parks the message. */
    static final int MAX_DELIVERY_ATTEMPTS = 10;
    /**
     * Longest wait at the gate per delivery; within the transaction timeout (300 s), and with the attempts and the
     * redelivery delays it lets work survive an outage of more than ten minutes.
     */
    static final Duration GATE_WAIT = Duration.ofSeconds(60);

    private JmsMessages() {
    }

    /**
     * @param metrics counts the events of epm work that is given up (dropped), or null
     */
    static void handle(Message message, WorkHandler handler, PipelineMetrics metrics, DependencyHealth health,
                       DeadLetters deadLetters, LeaseFence fence) {
        String type = null;
        String events = null;
        int attempt = deliveryCount(message);
        try {
            if (!(message instanceof TextMessage text)) {
                throw new UnprocessableWorkException("expected a TextMessage, got " + message.getClass().getName());
            }
            type = message.getStringProperty(WorkTypes.PROPERTY);
            events = message.getStringProperty(WorkTypes.EVENTS_PROPERTY);
            awaitDependencies(health);
            if (fenced(message, fence, type, events, metrics)) {
                return;
            }
            if (attempt >= MAX_DELIVERY_ATTEMPTS || isUnprocessable(type)) {
                lastAttempt(message, text, type, events, attempt, handler, metrics, health, deadLetters);
            } else {
                handler.handle(type, text.getText(), events);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read JMS message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (health.isDependencyFailure(e)) {
                // wait for the dependency here rather than in Artemis' redelivery back-off, which counts attempts
                health.probe();
                LOG.warning("work of type " + type + " failed (delivery " + attempt + ") on a dependency ("
                        + rootMessage(e) + "); waiting for it before the redelivery");
                awaitDependencies(health);
            } else {
                LOG.log(Level.WARNING, "work of type " + type + " failed (delivery " + attempt + " of "
                        + MAX_DELIVERY_ATTEMPTS + "); it will be redelivered: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Work a subscriber sent after its lease had passed to another node (see LeaseFence): dropped, because the new
     * holder re-reads the fabric's endpoints itself; counted as dropped events.
     */
    private static boolean fenced(Message message, LeaseFence fence, String type, String events,
                                  PipelineMetrics metrics) throws JMSException {
        String fabric = message.getStringProperty(WorkQueues.LEASE_FABRIC_PROPERTY);
        if (fabric == null || !message.propertyExists(WorkQueues.LEASE_TOKEN_PROPERTY)) {
            return false;
        }
        long token = message.getLongProperty(WorkQueues.LEASE_TOKEN_PROPERTY);
        if (fence.admits(fabric, token, message.getJMSTimestamp())) {
            return false;
        }
        LOG.warning(() -> "fabric " + fabric + ": refusing work of type " + type + " sent under lease token " + token
                + " after the lease had passed to another holder");
        if (metrics != null && events != null) {
            WorkTypes.eventsCounts(events).forEach((cls, n) -> metrics.dropped(fabric, cls, n));
        }
        return true;
    }

    /** A message no attempt can process: parked at once instead of retried. */
    private static boolean isUnprocessable(String type) {
        return type == null || !WorkTypes.isKnown(type);
    }

    private static void lastAttempt(Message message, TextMessage text, String type, String events, int attempt,
                                    WorkHandler handler, PipelineMetrics metrics, DependencyHealth health,
                                    DeadLetters deadLetters) throws JMSException {
        try {
            if (type == null) {
                throw new UnprocessableWorkException("message without " + WorkTypes.PROPERTY + " property");
            }
            handler.handleAlone(type, text.getText(), events);
        } catch (RuntimeException e) {
            String reason = (health.isDependencyFailure(e) ? "dependency unavailable: " : "")
                    + e.getClass().getSimpleName() + ": " + rootMessage(e);
            LOG.log(Level.SEVERE, "giving up work of type " + type + " after delivery " + attempt
                    + "; parked on EptDLQ (replay it from the Queues page or POST /api/queues/dead-letter/replay): " + reason, e);
            deadLetters.park(message, reason, attempt);
            if (metrics != null && events != null) {
                String fabric = WorkTypes.eventsFabric(events);
                WorkTypes.eventsCounts(events).forEach((cls, n) -> metrics.dropped(fabric, cls, n));
            }
        }
    }

    private static void awaitDependencies(DependencyHealth health) {
        if (health.healthy()) {
            return;
        }
        try {
            if (!health.awaitHealthy(GATE_WAIT)) {
                LOG.warning("dependencies still down after " + GATE_WAIT.toSeconds() + " s (" + health.describeProblems()
                        + "); trying the work anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }

    private static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return -1;
        }
    }
}
