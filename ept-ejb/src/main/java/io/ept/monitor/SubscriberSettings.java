package io.ept.monitor;

import io.ept.fabric.FabricRepository;
import org.bson.Document;

import java.time.Duration;
import java.util.List;

/** A fabric's connectivity and session settings (ept-reference 2.1), read when its subscriber starts. */
public record SubscriberSettings(String fabric, String hostname, String username, String password,
                                 List<String> controllers, int subscriptionRefreshSeconds, int sessionTimeoutSeconds,
                                 int heartbeatIntervalSeconds, int heartbeatMaxRetries, int heartbeatTimeoutSeconds,
                                 boolean queueInitEvents, boolean queueInitEpmEvents, boolean verifyTls,
                                 Duration maxBuildTime) {

    public static SubscriberSettings of(Document fabric, Document settings, FabricRepository repository,
                                        boolean verifyTls, Duration maxBuildTime) {
        return new SubscriberSettings(fabric.getString("fabric"), fabric.getString("apic_hostname"),
                fabric.getString("apic_username"), repository.secret(fabric, "apic_password"),
                fabric.getList("controllers", String.class, List.of()),
                num(fabric, "subscription_refresh_time", 60), num(fabric, "session_timeout", 5400),
                num(fabric, "heartbeat_interval", 300), num(fabric, "heartbeat_max_retries", 3),
                num(fabric, "heartbeat_timeout", 10),
                settings.getBoolean("queue_init_events", true), settings.getBoolean("queue_init_epm_events", true),
                verifyTls, maxBuildTime);
    }

    private static int num(Document doc, String key, int fallback) {
        Number n = doc.get(key, Number.class);
        return n == null ? fallback : n.intValue();
    }
}
