package io.ept.web.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.login.*: throttling of failed logins, per username and per client address.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.login")
@Dependent
public class LoginConfig {

    /** Failures of one username without a wait, within window-seconds. */
    @ConfigProperty(name = "user-free-failures")
    public int userFreeFailures = 5;

    /** Failures from one client address without a wait, within window-seconds. */
    @ConfigProperty(name = "address-free-failures")
    public int addressFreeFailures = 50;

    @ConfigProperty(name = "window-seconds")
    public long windowSeconds = 900;

    /** First wait once the free failures are used; it doubles with each further failure. */
    @ConfigProperty(name = "base-wait-seconds")
    public long baseWaitSeconds = 5;

    @ConfigProperty(name = "max-wait-seconds")
    public long maxWaitSeconds = 900;
}
