package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.apic.*: how EPT trusts the APIC.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), but for 0 and false, which it takes for none: those say defaultValue.
 */
@ConfigProperties(prefix = "ept.apic")
@Dependent
public class ApicConfig {

    /** Verify the APIC's TLS certificate against the JVM's CAs; false: pin it on first use. */
    @ConfigProperty(name = "verify-tls", defaultValue = "false")
    public boolean verifyTls;
}
