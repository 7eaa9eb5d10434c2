package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * ept.ssh.*: the SSH connection that clears endpoints on the leafs through the APIC.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.ssh")
@Dependent
public class SshConfig {

    /** The APIC's SSH port. */
    public int port = 22;
}
