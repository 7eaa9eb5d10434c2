package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.findings.*: the log of finding actions.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class FindingsConfig {

    /** Days an entry of the finding log is kept. */
    @Inject
    @ConfigProperty(name = "ept.findings.log-retention-days", defaultValue = "30")
    public int logRetentionDays;
}
