package io.ept.web.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.login.*: throttling of failed logins, per username and per client address.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class LoginConfig {

    /** Failures of one username without a wait, within window-seconds. */
    @Inject
    @ConfigProperty(name = "ept.login.user-free-failures", defaultValue = "5")
    public int userFreeFailures;

    /** Failures from one client address without a wait, within window-seconds. */
    @Inject
    @ConfigProperty(name = "ept.login.address-free-failures", defaultValue = "50")
    public int addressFreeFailures;

    @Inject
    @ConfigProperty(name = "ept.login.window-seconds", defaultValue = "900")
    public long windowSeconds;

    /** First wait once the free failures are used; it doubles with each further failure. */
    @Inject
    @ConfigProperty(name = "ept.login.base-wait-seconds", defaultValue = "5")
    public long baseWaitSeconds;

    @Inject
    @ConfigProperty(name = "ept.login.max-wait-seconds", defaultValue = "900")
    public long maxWaitSeconds;
}
