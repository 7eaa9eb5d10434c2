package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.worker.*: how endpoint work is spread over and kept by the worker pool.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), but for 0 and false, which it takes for none: those say defaultValue.
 */
@ConfigProperties(prefix = "ept.worker")
@Dependent
public class WorkerConfig {

    /** Message groups per fabric; every node of a cluster must use the same number. */
    public int groups = 32;

    /** Most events in one worker message. */
    @ConfigProperty(name = "batch-events")
    public int batchEvents = 500;

    /**
     * Whether epm work is sent persistent (journalled by the broker). Off by default: every epm message can be
     * recreated from the APIC, and a restarted monitor rebuilds the fabric anyway, so journalling the whole event
     * stream (a disk write per send and per acknowledgement) buys nothing.
     */
    @ConfigProperty(name = "persistent-epm", defaultValue = "false")
    public boolean persistentEpm;

    /**
     * Rapid counters kept in memory per fabric (LRU). The original kept 1024 per worker process; one shared tracker
     * of that size made every event of a large build evict (and write) another endpoint's counters.
     */
    @ConfigProperty(name = "rapid-cache-size")
    public int rapidCacheSize = 65536;

    /** Endpoint keys whose analysis state is kept between worker batches (0: always read the store). */
    @ConfigProperty(name = "state-cache-size")
    public int stateCacheSize = 5000;
}
