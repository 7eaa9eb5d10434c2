package io.ept.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.transaction.Transactional;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the real counters of EPT's JMS queues from the broker that holds them. Single node: WildFly's embedded
 * broker, through the messaging subsystem's JMX view of its model. Cluster ({@code ./ept cluster}, configured by
 * wildfly-config's ept-cluster-messaging.cli, which binds the broker's management address as
 * {@value #BROKER_MANAGEMENT}): the shared Artemis broker, with Artemis management messages (a request naming a
 * queue and an attribute, sent to the management address; the broker answers on the request's reply-to queue with
 * the value as a JSON array), so every node shows the same, shared queue depths.
 */
@ApplicationScoped
public class QueueStatistics {

    public static final List<String> QUEUES = List.of("EptWorkerQueue", "EptWatcherQueue", "EptDLQ");
    /** The shared broker's management address, bound only on cluster nodes. */
    static final String BROKER_MANAGEMENT = "java:/jms/queue/EptBrokerManagement";
    private static final List<String> ATTRIBUTES = List.of("messageCount", "messagesAdded", "deliveringCount",
            "scheduledCount", "consumerCount");
    private static final long BROKER_ANSWER_MILLIS = 5000;

    /**
     * Not in the caller's transaction: a request sent in one would only leave at its commit, after the wait for
     * the answer.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<QueueCounters> read() {
        Queue management = brokerManagementQueue();
        List<QueueCounters> counters = new ArrayList<>();
        for (String queue : QUEUES) {
            Map<String, Long> values = management == null ? fromLocalServer(queue) : fromBroker(management, queue);
            long length = values.get("messageCount");
            long added = values.get("messagesAdded");
            counters.add(new QueueCounters(queue, length, added, Math.max(0, added - length),
                    values.get("deliveringCount"), values.get("scheduledCount"), values.get("consumerCount").intValue()));
        }
        return counters;
    }

    /** Messages waiting or in flight on the work queues (the dead-letter queue is not pending work). */
    public long pendingWork() {
        return read().stream().filter(c -> !"EptDLQ".equals(c.queue())).mapToLong(QueueCounters::length).sum();
    }

    private static Map<String, Long> fromLocalServer(String queue) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            ObjectName name = new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + queue);
            for (String attribute : ATTRIBUTES) {
                values.put(attribute, number(server.getAttribute(name, attribute)));
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the counters of JMS queue " + queue + ": " + e.getMessage(), e);
        }
        return values;
    }

    private static Map<String, Long> fromBroker(Queue management, String queue) {
        Map<String, Long> values = new LinkedHashMap<>();
        try (JMSContext jms = connectionFactory().createContext()) {
            TemporaryQueue replies = jms.createTemporaryQueue();
            try (JMSConsumer answers = jms.createConsumer(replies)) {
                JMSProducer producer = jms.createProducer().setJMSReplyTo(replies);
                for (String attribute : ATTRIBUTES) {
                    Message request = jms.createMessage();
                    // core queue names carry WildFly's 1.x prefix (enable-amq1-prefix)
                    request.setStringProperty("_AMQ_ResourceName", "queue.jms.queue." + queue);
                    request.setStringProperty("_AMQ_Attribute", attribute);
                    producer.send(management, request);
                    Message answer = answers.receive(BROKER_ANSWER_MILLIS);
                    values.put(attribute, brokerValue(answer, queue, attribute));
                }
            } finally {
                replies.delete();
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw new IllegalStateException("cannot read the counters of JMS queue " + queue + " from the broker: "
                    + e.getMessage(), e);
        }
        return values;
    }

    /** The broker's answer: {@code [value]} when {@code _AMQ_OperationSucceeded}, else the failure's text. */
    static long brokerValue(Message answer, String queue, String attribute) throws JMSException {
        if (answer == null) {
            throw new IllegalStateException("the broker did not answer for " + attribute + " of JMS queue " + queue
                    + " within " + BROKER_ANSWER_MILLIS + " ms");
        }
        String body = answer instanceof TextMessage text ? text.getText() : null;
        if (!answer.getBooleanProperty("_AMQ_OperationSucceeded") || body == null) {
            throw new IllegalStateException("the broker refused " + attribute + " of JMS queue " + queue + ": " + body);
        }
        String value = body.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the broker answered '" + body + "' for " + attribute + " of JMS queue " + queue, e);
        }
    }

    private static Queue brokerManagementQueue() {
        try {
            return (Queue) new InitialContext().lookup(BROKER_MANAGEMENT);
        } catch (NameNotFoundException e) {
            return null;
        } catch (NamingException e) {
            throw new IllegalStateException("cannot look up " + BROKER_MANAGEMENT + ": " + e.getMessage(), e);
        }
    }

    private static ConnectionFactory connectionFactory() {
        try {
            return (ConnectionFactory) new InitialContext().lookup("java:/JmsXA");
        } catch (NamingException e) {
            throw new IllegalStateException("cannot look up the JMS connection factory java:/JmsXA: " + e.getMessage(), e);
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
