package io.ept.status;

import io.ept.messaging.QueueCounters;
import io.ept.messaging.QueueStatistics;
import io.ept.monitor.FabricManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.ept.platform.config.HealthConfig;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Is this node wedged? Only what a restart of the node would cure: deadlocked threads, a fabric supervision that no
 * longer ticks, or a worker pool that takes nothing off a waiting worker queue for {@code ept.health.stall-seconds}.
 * A dependency that is down (MongoDB, Redis, the broker) is not: readiness reports it.
 */
@ApplicationScoped
public class Liveness {

    @Inject
    FabricManager manager;

    @Inject
    QueueStatistics queues;

    @Inject
    PipelineMetrics pipeline;

    @Inject
    HealthConfig healthConfig;

    private final StallDetector workers = new StallDetector();

    /** Null when alive, else why the node is wedged. */
    public String problem() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        if (deadlocked != null && deadlocked.length > 0) {
            return deadlocked.length + " deadlocked threads";
        }
        long now = System.currentTimeMillis();
        long tick = manager.lastSupervisionMillis();
        long maxGap = Math.max(120_000, 8_000 * manager.superviseSeconds());
        if (tick > 0 && now - tick > maxGap) {
            return "the fabric supervision has not run for " + (now - tick) / 1000 + " s";
        }
        List<QueueCounters> counters;
        try {
            counters = queues.read();
        } catch (RuntimeException e) {
            return null; // the broker's counters unreadable: readiness reports the broker
        }
        QueueCounters worker = counters.stream().filter(c -> c.queue().equals("EptWorkerQueue")).findFirst().orElse(null);
        boolean waiting = worker != null && worker.length() > 0 && worker.consumers() > 0;
        return workers.check(waiting, pipeline.workerMessages(), now, healthConfig.stallSeconds * 1000);
    }

    /** Work waiting while the processed count does not move, for longer than a limit. */
    static final class StallDetector {
        private long lastCount = -1;
        private long sinceMillis;

        synchronized String check(boolean waiting, long processed, long now, long limitMillis) {
            if (!waiting || processed != lastCount) {
                lastCount = processed;
                sinceMillis = now;
                return null;
            }
            long stalled = now - sinceMillis;
            return stalled > limitMillis
                    ? "the worker queue has waiting messages and consumers but nothing was processed for " + stalled / 1000 + " s"
                    : null;
        }
    }
}
