package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.Optional;

/**
 * ept.redis.*: the Redis EPT publishes to.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), an Optional field has none: it is empty when unset.
 */
@ConfigProperties(prefix = "ept.redis")
@Dependent
public class RedisConfig {

    /** e.g. redis://host:6379; unset or blank: an embedded redis-server. */
    public Optional<String> uri;
}
