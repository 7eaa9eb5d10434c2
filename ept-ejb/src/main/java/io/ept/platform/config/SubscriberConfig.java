package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.subscriber.*: how a fabric's subscriber hands events to the workers.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class SubscriberConfig {

    /** How long live events are collected before they are sent (adds at most that much latency). */
    @Inject
    @ConfigProperty(name = "ept.subscriber.batch-millis", defaultValue = "100")
    public long batchMillis;

    /** How many records an initial build may read ahead of the workers; 0: no limit. */
    @Inject
    @ConfigProperty(name = "ept.subscriber.max-build-backlog", defaultValue = "100000")
    public long maxBuildBacklog;
}
