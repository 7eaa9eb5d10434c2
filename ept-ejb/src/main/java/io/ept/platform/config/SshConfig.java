package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.ssh.*: the SSH connection that clears endpoints on the leafs through the APIC.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class SshConfig {

    /** The APIC's SSH port. */
    @Inject
    @ConfigProperty(name = "ept.ssh.port", defaultValue = "22")
    public int port;
}
