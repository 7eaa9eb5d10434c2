package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.Optional;

/**
 * ept.mongo.*: the MongoDB EPT stores into.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), an Optional field has none: it is empty when unset.
 */
@ConfigProperties(prefix = "ept.mongo")
@Dependent
public class MongoConfig {

    /** Connection string; unset or blank: an embedded MongoDB-protocol server. */
    public Optional<String> uri;

    /** Database name. */
    public String database = "ept";
}
