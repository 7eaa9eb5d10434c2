package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.health.*: when EPT reports itself unhealthy.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class HealthConfig {

    /** Work waiting this long without progress makes the liveness check fail. */
    @Inject
    @ConfigProperty(name = "ept.health.stall-seconds", defaultValue = "600")
    public long stallSeconds;
}
