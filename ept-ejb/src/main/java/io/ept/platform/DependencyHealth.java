package io.ept.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The gate work waits at while a dependency is down: MongoDB and Redis are probed every second (and at once when a
 * consumer reports a connection failure); {@link #awaitHealthy} blocks a consumer until both answer again, so a brief
 * outage costs a delivery attempt at most instead of burning them all into the dead-letter queue. The same state makes
 * the fabrics' status {@code degraded}. The embedded redis-server is supervised on the same tick.
 */
@Singleton
@Startup
@DependsOn("Infrastructure")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class DependencyHealth {

    private static final Logger LOG = Logger.getLogger(DependencyHealth.class.getName());
    private static final long PROBE_PERIOD_MILLIS = 1000;

    /** Fired (synchronously, on the probe's thread) when the set of dependencies that do not answer changes. */
    public record Change(Map<String, Problem> problems) {
        public boolean healthy() {
            return problems.isEmpty();
        }
    }

    /** A dependency that does not answer, since when (epoch millis). */
    public record Problem(String component, String reason, long sinceMillis) {
        public String describe() {
            return component + ": " + reason;
        }
    }

    @Inject
    Infrastructure infrastructure;

    @Resource
    TimerService timers;

    @Inject
    jakarta.enterprise.event.Event<Change> changes;

    private final Object monitor = new Object();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Map<String, Problem> problems = Map.of();
    private volatile long lastProbeMillis;

    @PostConstruct
    void init() {
        schedule();
    }

    /** One tick a second after the last one ended: a probe held up by a dead server does not pile ticks up. */
    private void schedule() {
        timers.createSingleActionTimer(PROBE_PERIOD_MILLIS, new TimerConfig("dependency health", false));
    }

    @Timeout
    void tick() {
        try {
            infrastructure.superviseEmbeddedServers();
            probe();
        } finally {
            try {
                schedule();
            } catch (IllegalStateException | jakarta.ejb.EJBException e) {
                LOG.fine(() -> "dependency health not rescheduled (shutting down): " + e.getMessage());
            }
        }
    }

    /** Probes MongoDB and Redis now (one probe at a time; a caller arriving during one returns at once). */
    public void probe() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        try {
            Map<String, Problem> before = problems;
            Map<String, Problem> now = new LinkedHashMap<>();
            // Redis first: a MongoDB that is down holds the probe for its server-selection timeout
            check(now, before, "redis", () -> {
                String answer = infrastructure.redis().ping();
                if (!"PONG".equalsIgnoreCase(answer)) {
                    throw new IllegalStateException("unexpected answer to PING: " + answer);
                }
            });
            check(now, before, "mongodb", () -> infrastructure.database().runCommand(new Document("ping", 1)));
            problems = Collections.unmodifiableMap(now);
            lastProbeMillis = System.currentTimeMillis();
            for (String c : now.keySet()) {
                if (!before.containsKey(c)) {
                    LOG.warning(() -> "dependency down: " + now.get(c).describe() + "; work waits until it answers");
                }
            }
            for (String c : before.keySet()) {
                if (!now.containsKey(c)) {
                    LOG.info(() -> "dependency back: " + c + " answers again after "
                            + (System.currentTimeMillis() - before.get(c).sinceMillis()) + " ms");
                }
            }
            if (now.isEmpty()) {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
            if (!now.keySet().equals(before.keySet())) {
                try {
                    changes.fire(new Change(problems));
                } catch (RuntimeException e) {
                    LOG.warning(() -> "reporting the dependency change failed: " + e.getMessage());
                }
            }
        } finally {
            probing.set(false);
        }
    }

    private static void check(Map<String, Problem> now, Map<String, Problem> before, String component, Runnable probe) {
        try {
            probe.run();
        } catch (RuntimeException e) {
            Problem earlier = before.get(component);
            now.put(component, new Problem(component, rootMessage(e), earlier != null ? earlier.sinceMillis()
                    : System.currentTimeMillis()));
        }
    }

    /** The dependencies that did not answer the last probe; empty when all do. */
    public Map<String, Problem> problems() {
        return problems;
    }

    public boolean healthy() {
        return problems.isEmpty();
    }

    /** "redis: Connection refused; mongodb: ..." or null when healthy. */
    public String describeProblems() {
        Map<String, Problem> p = problems;
        if (p.isEmpty()) {
            return null;
        }
        return String.join("; ", p.values().stream().map(Problem::describe).toList());
    }

    /**
     * Blocks until every dependency answers or {@code max} passed.
     *
     * @return whether they all answer
     */
    public boolean awaitHealthy(Duration max) throws InterruptedException {
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (!problems.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            synchronized (monitor) {
                if (!problems.isEmpty()) {
                    monitor.wait(Math.min(left, PROBE_PERIOD_MILLIS));
                }
            }
        }
        return true;
    }

    /**
     * Whether a failure was caused by a dependency that could not be reached (rather than by the work itself); a
     * consumer that saw one re-probes at once so the gate closes without waiting for the next tick.
     */
    public boolean isDependencyFailure(Throwable failure) {
        return ConnectionFailures.isConnectionFailure(failure);
    }

    public long lastProbeMillis() {
        return lastProbeMillis;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
