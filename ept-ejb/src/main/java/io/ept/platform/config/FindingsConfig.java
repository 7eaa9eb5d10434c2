package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.findings.*: the log of finding actions.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.findings")
@Dependent
public class FindingsConfig {

    /** Days an entry of the finding log is kept. */
    @ConfigProperty(name = "log-retention-days")
    public int logRetentionDays = 30;
}
