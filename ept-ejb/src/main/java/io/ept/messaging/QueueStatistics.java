package io.ept.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Reads the real counters of EPT's JMS queues from WildFly's messaging subsystem (its JMX view of the model). */
@ApplicationScoped
public class QueueStatistics {

    public static final List<String> QUEUES = List.of("EptWorkerQueue", "EptWatcherQueue", "EptDLQ");

    public List<QueueCounters> read() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<QueueCounters> counters = new ArrayList<>();
        for (String queue : QUEUES) {
            try {
                ObjectName name = new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + queue);
                long length = number(server.getAttribute(name, "messageCount"));
                long added = number(server.getAttribute(name, "messagesAdded"));
                counters.add(new QueueCounters(queue, length, added, Math.max(0, added - length),
                        number(server.getAttribute(name, "deliveringCount")),
                        number(server.getAttribute(name, "scheduledCount")),
                        (int) number(server.getAttribute(name, "consumerCount"))));
            } catch (JMException e) {
                throw new IllegalStateException("cannot read the counters of JMS queue " + queue + ": " + e.getMessage(), e);
            }
        }
        return counters;
    }

    /** Messages waiting or in flight on the work queues (the dead-letter queue is not pending work). */
    public long pendingWork() {
        return read().stream().filter(c -> !"EptDLQ".equals(c.queue())).mapToLong(QueueCounters::length).sum();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
