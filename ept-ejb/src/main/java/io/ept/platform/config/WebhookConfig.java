package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.webhook.*: delivery of published events to webhooks.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class WebhookConfig {

    /** Deliveries tried per event, the first included. */
    @Inject
    @ConfigProperty(name = "ept.webhook.attempts", defaultValue = "5")
    public int attempts;

    /** Wait before the first retry; doubles up to max-retry-millis. */
    @Inject
    @ConfigProperty(name = "ept.webhook.first-retry-millis", defaultValue = "1000")
    public long firstRetryMillis;

    @Inject
    @ConfigProperty(name = "ept.webhook.max-retry-millis", defaultValue = "60000")
    public long maxRetryMillis;

    /** Connect and request timeout of one delivery. */
    @Inject
    @ConfigProperty(name = "ept.webhook.timeout-millis", defaultValue = "10000")
    public long timeoutMillis;
}
