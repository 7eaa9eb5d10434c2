package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * ept.syslog.*: how notifications are sent to the syslog server.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.syslog")
@Dependent
public class SyslogConfig {

    /** udp or tcp. */
    public String protocol = "udp";

    /** bsd (RFC 3164) or rfc5424. */
    public String format = "bsd";
}
