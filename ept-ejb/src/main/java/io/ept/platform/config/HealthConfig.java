package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.health.*: when EPT reports itself unhealthy.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.health")
@Dependent
public class HealthConfig {

    /** Work waiting this long without progress makes the liveness check fail. */
    @ConfigProperty(name = "stall-seconds")
    public long stallSeconds = 600;
}
