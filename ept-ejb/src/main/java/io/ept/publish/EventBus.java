package io.ept.publish;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Publishes events to the JMS topic EptEvents on WildFly's Artemis broker (core address
 * {@value #ADDRESS}; AMQP 1.0 clients reach it through the broker's AMQP acceptor). Each message is a persistent
 * text message with the JSON body and the properties {@code fabric}, {@code kind}, {@code type}, {@code schema} and
 * {@code id}, so subscribers route with selectors such as {@code fabric = 'f1' AND kind IN ('stale','move')}; a
 * durable subscription keeps events while its consumer is away.
 */
@Stateless
public class EventBus {
    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
    public static final String TOPIC_JNDI = "java:/jms/topic/EptEvents";
    public static final String ADDRESS = "jms.topic.EptEvents";
    private static volatile boolean missingLogged;

    /**
     * Publishes {@code messages} in order through one pooled JMS context (a watcher batch's findings: one context
     * instead of one per finding), in a transaction of its own: inside a transaction the broker takes the sends
     * without answering each (a persistent send outside one waits for the broker's answer), and the commit is one
     * round trip; no two-phase commit either, the transaction holding only this context, not the watcher's inbound
     * message. Events are therefore published even if the watcher's work is later rolled back and redelivered.
     * A message that cannot be sent is reported in the log and the others still go; a context that cannot be made
     * or a failed commit is thrown to the caller, which reports the batch.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void publishAll(List<EventMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Topic topic;
        ConnectionFactory factory;
        try {
            InitialContext naming = new InitialContext();
            topic = (Topic) naming.lookup(TOPIC_JNDI);
            factory = (ConnectionFactory) naming.lookup("java:/JmsXA");
        } catch (NamingException e) {
            // a server configured before the topic existed: publish to webhooks only, and say so once
            if (!missingLogged) {
                missingLogged = true;
                LOG.warning("JMS topic " + TOPIC_JNDI + " is not configured (re-run wildfly-config configure.sh): "
                        + "events are not published to the message bus");
            }
            return;
        }
        try (JMSContext jms = factory.createContext()) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (EventMessage m : messages) {
                try {
                    producer.send(topic, message(jms, m));
                } catch (RuntimeException | JMSException e) {
                    LOG.warning("fabric " + m.fabric() + ": event " + m.id() + " not published to the bus: " + e);
                }
            }
        }
    }

    private static TextMessage message(JMSContext jms, EventMessage m) throws JMSException {
        TextMessage message = jms.createTextMessage(m.body());
        message.setStringProperty("fabric", m.fabric());
        message.setStringProperty("kind", m.kind());
        message.setStringProperty("type", m.type());
        message.setStringProperty("schema", EventMessage.SCHEMA);
        message.setStringProperty("id", m.id());
        return message;
    }
}
