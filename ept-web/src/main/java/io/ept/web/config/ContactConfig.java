package io.ept.web.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.Optional;

/**
 * ept.contact.*: contact details shown by app-status/version and the About dialog.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), an Optional field has none: it is empty when unset.
 */
@ConfigProperties(prefix = "ept.contact")
@Dependent
public class ContactConfig {

    public Optional<String> url;

    public Optional<String> email;
}
