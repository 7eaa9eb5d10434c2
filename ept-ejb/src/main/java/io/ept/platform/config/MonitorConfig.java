package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.monitor.*: how the fabric manager supervises the fabric monitors.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class MonitorConfig {

    /** Longest wait for the workers to finish an initial build. */
    @Inject
    @ConfigProperty(name = "ept.monitor.max-build-seconds", defaultValue = "5400")
    public long maxBuildSeconds;

    /** No automatic restart this soon after a start or stop. */
    @Inject
    @ConfigProperty(name = "ept.monitor.restart-suppression-seconds", defaultValue = "60")
    public long restartSuppressionSeconds;

    /** Period of the supervision of running fabrics. */
    @Inject
    @ConfigProperty(name = "ept.monitor.supervise-seconds", defaultValue = "15")
    public long superviseSeconds;
}
