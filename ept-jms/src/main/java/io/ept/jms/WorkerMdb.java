package io.ept.jms;

import io.ept.cluster.LeaseFence;

import io.ept.messaging.DeadLetters;
import io.ept.messaging.WorkHandler;
import io.ept.platform.DependencyHealth;
import io.ept.messaging.WorkQueues;
import io.ept.status.PipelineMetrics;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The worker pool: consumes the worker queue with {@code ept.worker.sessions} concurrent sessions (default 8).
 * Artemis message groups pin each endpoint key to one session, so a key's events are analysed in order while
 * different keys run in parallel.
 */
@MessageDriven(name = "WorkerMdb", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = WorkQueues.WORKER_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${ept.worker.sessions:8}")
})
public class WorkerMdb implements MessageListener {

    @Inject
    WorkHandler handler;

    @Inject
    PipelineMetrics metrics;

    @Inject
    DependencyHealth health;

    @Inject
    DeadLetters deadLetters;

    @Inject
    LeaseFence fence;

    @Override
    public void onMessage(Message message) {
        JmsMessages.handle(message, handler, metrics, health, deadLetters, fence);
    }
}
