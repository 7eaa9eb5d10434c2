package io.ept.jms;

import io.ept.messaging.UnprocessableWorkException;
import io.ept.messaging.WorkHandler;
import io.ept.messaging.WorkTypes;
import io.ept.status.PipelineMetrics;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Unwraps a JMS message for the {@link WorkHandler}; failures roll back so Artemis redelivers, then dead-letters. */
final class JmsMessages {

    private static final Logger LOG = Logger.getLogger(JmsMessages.class.getName());

    private JmsMessages() {
    }

    /** max-delivery-attempts of EPT's queues (wildfly-config ept-messaging.cli): the last one dead-letters. */
    static final int MAX_DELIVERY_ATTEMPTS = 5;

    static void handle(Message message, WorkHandler handler) {
        handle(message, handler, null);
    }

    /** @param metrics counts the events of epm work that fails its last delivery (dropped), or null */
    static void handle(Message message, WorkHandler handler, PipelineMetrics metrics) {
        String type = null;
        String events = null;
        try {
            if (!(message instanceof TextMessage text)) {
                throw new UnprocessableWorkException("expected a TextMessage, got " + message.getClass().getName());
            }
            type = message.getStringProperty(WorkTypes.PROPERTY);
            events = message.getStringProperty(WorkTypes.EVENTS_PROPERTY);
            handler.handle(type, text.getText(), events);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read JMS message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            int attempt = deliveryCount(message);
            if (metrics != null && events != null && attempt >= MAX_DELIVERY_ATTEMPTS) {
                String fabric = WorkTypes.eventsFabric(events);
                WorkTypes.eventsCounts(events).forEach((cls, n) -> metrics.dropped(fabric, cls, n));
            }
            LOG.log(Level.WARNING, "work of type " + type + " failed (delivery " + attempt
                    + "); it will be redelivered and, after the last attempt, moved to EptDLQ: " + e.getMessage(), e);
            throw e;
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return -1;
        }
    }
}
