package io.ept.web.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.web.*: browser sessions and cross-origin requests.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), an Optional field has none: it is empty when unset.
 */
@ConfigProperties(prefix = "ept.web")
@Dependent
public class WebConfig {

    /** How often a node looks for sessions ended on other nodes (logout, password change). */
    @ConfigProperty(name = "session-check-seconds")
    public int sessionCheckSeconds = 5;

    /** Comma-separated origins allowed besides EPT's own (e.g. a reverse proxy's). */
    @ConfigProperty(name = "allowed-origins")
    public Optional<String> allowedOrigins;
}
