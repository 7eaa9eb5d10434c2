package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.syslog.*: how notifications are sent to the syslog server.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class SyslogConfig {

    /** udp or tcp. */
    @Inject
    @ConfigProperty(name = "ept.syslog.protocol", defaultValue = "udp")
    public String protocol;

    /** bsd (RFC 3164) or rfc5424. */
    @Inject
    @ConfigProperty(name = "ept.syslog.format", defaultValue = "bsd")
    public String format;
}
