package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.worker.*: how endpoint work is spread over and kept by the worker pool.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class WorkerConfig {

    /**
     * Message groups per fabric; every node of a cluster must use the same number. As many as the worker sessions:
     * each worker message then carries several times the events of 32 groups, and a message (its transaction, its
     * broker round trips) costs more than the analysis of its events (issue 16: 1,109 → 1,372 events/s sustained).
     */
    @Inject
    @ConfigProperty(name = "ept.worker.groups", defaultValue = "8")
    public int groups;

    /** Most events in one worker message. */
    @Inject
    @ConfigProperty(name = "ept.worker.batch-events", defaultValue = "500")
    public int batchEvents;

    /**
     * Whether epm work is sent persistent (journalled by the broker). Off by default: every epm message can be
     * recreated from the APIC, and a restarted monitor rebuilds the fabric anyway, so journalling the whole event
     * stream (a disk write per send and per acknowledgement) buys nothing. When on, nothing acknowledged may be lost
     * either: workers also wait for the embedded store to write their changes to its file before acknowledging
     * (see {@code Infrastructure#awaitStoreWritten}).
     */
    @Inject
    @ConfigProperty(name = "ept.worker.persistent-epm", defaultValue = "false")
    public boolean persistentEpm;

    /**
     * Rapid counters kept in memory per fabric (LRU). The original kept 1024 per worker process; one shared tracker
     * of that size made every event of a large build evict (and write) another endpoint's counters.
     */
    @Inject
    @ConfigProperty(name = "ept.worker.rapid-cache-size", defaultValue = "65536")
    public int rapidCacheSize;

    /** Endpoint keys whose analysis state is kept between worker batches (0: always read the store). */
    @Inject
    @ConfigProperty(name = "ept.worker.state-cache-size", defaultValue = "5000")
    public int stateCacheSize;

    /**
     * For the crash test only (unset in production): the address of an endpoint whose live event makes the worker halt
     * the JVM right after its batch is stored, before the broker's acknowledgement, so that the test can check the
     * redelivery adds nothing twice.
     */
    @Inject
    @ConfigProperty(name = "ept.worker.halt-after-store-write")
    public java.util.Optional<String> haltAfterStoreWrite = java.util.Optional.empty();
}
