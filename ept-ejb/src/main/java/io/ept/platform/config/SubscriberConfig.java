package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.subscriber.*: how a fabric's subscriber hands events to the workers.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.subscriber")
@Dependent
public class SubscriberConfig {

    /** How long live events are collected before they are sent (adds at most that much latency). */
    @ConfigProperty(name = "batch-millis")
    public long batchMillis = 100;

    /** How many records an initial build may read ahead of the workers; 0: no limit. */
    @ConfigProperty(name = "max-build-backlog")
    public long maxBuildBacklog = 100_000;
}
