package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.mongo.*: the MongoDB EPT stores into.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class MongoConfig {

    /** Connection string; unset or blank: an embedded MongoDB-protocol server. */
    @Inject
    @ConfigProperty(name = "ept.mongo.uri")
    public Optional<String> uri;

    /** Database name. */
    @Inject
    @ConfigProperty(name = "ept.mongo.database", defaultValue = "ept")
    public String database;
}
