package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.monitor.*: how the fabric manager supervises the fabric monitors.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.monitor")
@Dependent
public class MonitorConfig {

    /** Longest wait for the workers to finish an initial build. */
    @ConfigProperty(name = "max-build-seconds")
    public long maxBuildSeconds = 5400;

    /** No automatic restart this soon after a start or stop. */
    @ConfigProperty(name = "restart-suppression-seconds")
    public long restartSuppressionSeconds = 60;

    /** Period of the supervision of running fabrics. */
    @ConfigProperty(name = "supervise-seconds")
    public long superviseSeconds = 15;
}
