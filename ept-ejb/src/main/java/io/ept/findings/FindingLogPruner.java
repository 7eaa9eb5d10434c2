package io.ept.findings;

import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import io.ept.platform.config.FindingsConfig;

import java.util.logging.Logger;

/** Every 10 minutes drops finding log entries older than {@code ept.findings.log-retention-days} (30). */
@Singleton
@Startup
public class FindingLogPruner {
    private static final Logger LOG = Logger.getLogger(FindingLogPruner.class.getName());

    @Inject
    Infrastructure infrastructure;

    @Inject
    FindingsConfig findingsConfig;

    @PostConstruct
    void index() {
        try {
            FindingLogRetention.ensureIndex(infrastructure.database());
        } catch (RuntimeException e) {
            LOG.warning("finding log time index not created: " + e.getMessage());
        }
    }

    @Schedule(minute = "*/10", hour = "*", persistent = false)
    void prune() {
        try {
            long gone = FindingLogRetention.prune(infrastructure.database(),
                    System.currentTimeMillis() / 1000.0 - findingsConfig.logRetentionDays * 86400.0);
            if (gone > 0) {
                LOG.info("finding log: " + gone + " entries older than " + findingsConfig.logRetentionDays
                        + " days removed");
            }
        } catch (RuntimeException e) {
            LOG.warning("finding log not pruned: " + e.getMessage());
        }
    }
}
