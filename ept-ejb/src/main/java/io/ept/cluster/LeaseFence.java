package io.ept.cluster;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The workers' side of the fencing token: work a subscriber sent under an older lease than the fabric's current
 * one is refused if it was sent after the current lease was issued, i.e. by a subscriber that went on after its
 * lease lapsed (a paused JVM, a node cut off). Work sent while its lease was valid is still applied after a
 * handover. The current lease of each fabric is re-read at most once a second.
 */
@ApplicationScoped
public class LeaseFence {

    private static final Logger LOG = Logger.getLogger(LeaseFence.class.getName());
    private static final long REREAD_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    Infrastructure infrastructure;

    private record Current(long token, long acquired, long readNanos) {
    }

    private final Map<String, Current> current = new ConcurrentHashMap<>();

    /**
     * @param token      the fencing token the work carries (0: not subscriber work, always admitted)
     * @param sentMillis when it was sent (JMSTimestamp)
     */
    public boolean admits(String fabric, long token, long sentMillis) {
        if (fabric == null || token <= 0) {
            return true;
        }
        Current lease = current.get(fabric);
        if (lease == null || token > lease.token() || System.nanoTime() - lease.readNanos() > REREAD_NANOS) {
            lease = read(fabric).orElse(lease);
            if (lease == null) {
                return true; // the store does not answer: the work itself will wait for it
            }
        }
        return admits(token, sentMillis, lease.token(), lease.acquired());
    }

    static boolean admits(long token, long sentMillis, long currentToken, long currentAcquired) {
        return token >= currentToken || sentMillis < currentAcquired;
    }

    private Optional<Current> read(String fabric) {
        try {
            Optional<Current> read = new FabricLeases(infrastructure.database()).find(fabric)
                    .map(l -> new Current(l.token(), l.acquired(), System.nanoTime()));
            read.ifPresent(c -> current.put(fabric, c));
            return read;
        } catch (RuntimeException e) {
            LOG.fine(() -> "lease of " + fabric + " not readable: " + e.getMessage());
            return Optional.empty();
        }
    }
}
