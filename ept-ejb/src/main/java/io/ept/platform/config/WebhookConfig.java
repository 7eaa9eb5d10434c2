package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.webhook.*: delivery of published events to webhooks.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it).
 */
@ConfigProperties(prefix = "ept.webhook")
@Dependent
public class WebhookConfig {

    /** Deliveries tried per event, the first included. */
    public int attempts = 5;

    /** Wait before the first retry; doubles up to max-retry-millis. */
    @ConfigProperty(name = "first-retry-millis")
    public long firstRetryMillis = 1000;

    @ConfigProperty(name = "max-retry-millis")
    public long maxRetryMillis = 60_000;

    /** Connect and request timeout of one delivery. */
    @ConfigProperty(name = "timeout-millis")
    public long timeoutMillis = 10_000;
}
