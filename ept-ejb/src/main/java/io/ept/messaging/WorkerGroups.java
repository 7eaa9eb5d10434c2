package io.ept.messaging;

import io.ept.analysis.model.EndpointKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.ept.platform.config.SubscriberConfig;
import io.ept.platform.config.WorkerConfig;

/**
 * How endpoint work is spread over the worker pool: every message about an endpoint key goes to the message group
 * {@code <fabric>|<hash of the key modulo ept.worker.groups>}, so a key's events are analysed in order while
 * different groups run in parallel. Every node of a cluster must use the same number.
 *
 * <ul>
 *   <li>{@code ept.worker.groups} (default 8): message groups per fabric, as many as the worker sessions; fewer
 *       groups make bigger messages, and each message costs a transaction and broker round trips</li>
 *   <li>{@code ept.worker.batch-events} (default 500): most events in one worker message</li>
 *   <li>{@code ept.subscriber.batch-millis} (default 100): how long the subscriber collects live events before
 *       sending them; adds at most that much latency and makes worker messages carry many events</li>
 *   <li>{@code ept.subscriber.max-build-backlog} (default 100000): how many records an initial build may read ahead
 *       of the workers (0: no limit)</li>
 * </ul>
 */
@ApplicationScoped
public class WorkerGroups {

    @Inject
    WorkerConfig workerConfig = new WorkerConfig();

    @Inject
    SubscriberConfig subscriberConfig = new SubscriberConfig();

    public long maxBuildBacklog() {
        return subscriberConfig.maxBuildBacklog;
    }

    /** Fixed values, outside CDI (tests, tools). */
    public static WorkerGroups of(int groups, int batchEvents, long batchMillis) {
        WorkerGroups g = new WorkerGroups();
        g.workerConfig.groups = groups;
        g.workerConfig.batchEvents = batchEvents;
        g.subscriberConfig.batchMillis = batchMillis;
        g.subscriberConfig.maxBuildBacklog = 100_000;
        return g;
    }

    public long batchMillis() {
        return subscriberConfig.batchMillis;
    }

    public int groups() {
        return workerConfig.groups;
    }

    public int batchEvents() {
        return workerConfig.batchEvents;
    }

    public String messageGroup(EndpointKey key) {
        return EpmBatch.messageGroup(key, workerConfig.groups);
    }
}
