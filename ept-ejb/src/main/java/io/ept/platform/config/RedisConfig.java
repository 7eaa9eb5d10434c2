package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.redis.*: the Redis EPT publishes to.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class RedisConfig {

    /** e.g. redis://host:6379; unset or blank: an embedded redis-server. */
    @Inject
    @ConfigProperty(name = "ept.redis.uri")
    public Optional<String> uri;
}
