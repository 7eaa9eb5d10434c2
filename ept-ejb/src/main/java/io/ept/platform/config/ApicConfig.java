package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.apic.*: how EPT trusts the APIC.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class ApicConfig {

    /** Verify the APIC's TLS certificate against the JVM's CAs; false: pin it on first use. */
    @Inject
    @ConfigProperty(name = "ept.apic.verify-tls", defaultValue = "false")
    public boolean verifyTls;
}
