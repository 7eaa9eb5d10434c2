package io.ept.web.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.contact.*: contact details shown by app-status/version and the About dialog.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class ContactConfig {

    @Inject
    @ConfigProperty(name = "ept.contact.url")
    public Optional<String> url;

    @Inject
    @ConfigProperty(name = "ept.contact.email")
    public Optional<String> email;
}
