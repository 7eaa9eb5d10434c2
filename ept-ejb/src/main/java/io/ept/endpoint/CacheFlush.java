package io.ept.endpoint;

/**
 * A Redis ept.flush message as a CDI event: the subscriber changed {@code cache} ("ept.epg", "ept.subnet", ...,
 * "settings" or "all") of {@code fabric}.
 */
public record CacheFlush(String fabric, String cache) {
    public static final String CHANNEL = io.ept.platform.RedisSubscriber.FLUSH_CHANNEL;

    public boolean concernsSettings() {
        return MongoFabricLookups.SETTINGS.equals(cache) || MongoFabricLookups.ALL.equals(cache);
    }
}
