package io.ept.jms;

import io.ept.messaging.UnprocessableWorkException;
import io.ept.messaging.WorkHandler;
import io.ept.messaging.WorkTypes;
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

    static void handle(Message message, WorkHandler handler) {
        String type = null;
        try {
            if (!(message instanceof TextMessage text)) {
                throw new UnprocessableWorkException("expected a TextMessage, got " + message.getClass().getName());
            }
            type = message.getStringProperty(WorkTypes.PROPERTY);
            handler.handle(type, text.getText());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read JMS message: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            int attempt = deliveryCount(message);
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
