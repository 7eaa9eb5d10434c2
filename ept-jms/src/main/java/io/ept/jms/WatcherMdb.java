package io.ept.jms;

import io.ept.cluster.LeaseFence;

import io.ept.messaging.DeadLetters;
import io.ept.messaging.WorkHandler;
import io.ept.platform.DependencyHealth;
import io.ept.messaging.WorkQueues;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** The watcher: delayed rechecks, configuration-MO work and notifications from the watcher queue. */
@MessageDriven(name = "WatcherMdb", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = WorkQueues.WATCHER_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${ept.watcher.sessions:4}")
})
public class WatcherMdb implements MessageListener {

    @Inject
    WorkHandler handler;

    @Inject
    DependencyHealth health;

    @Inject
    DeadLetters deadLetters;

    @Inject
    LeaseFence fence;

    @Override
    public void onMessage(Message message) {
        JmsMessages.handle(message, handler, null, health, deadLetters, fence);
    }
}
