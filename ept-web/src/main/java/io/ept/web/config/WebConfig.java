package io.ept.web.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.web.*: browser sessions and cross-origin requests.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class WebConfig {

    /** How often a node looks for sessions ended on other nodes (logout, password change). */
    @Inject
    @ConfigProperty(name = "ept.web.session-check-seconds", defaultValue = "5")
    public int sessionCheckSeconds;

    /** Comma-separated origins allowed besides EPT's own (e.g. a reverse proxy's). */
    @Inject
    @ConfigProperty(name = "ept.web.allowed-origins")
    public Optional<String> allowedOrigins;
}
