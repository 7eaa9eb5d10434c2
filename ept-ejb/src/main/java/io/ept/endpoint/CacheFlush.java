package io.ept.endpoint;

/**
 * A Redis ept.flush message as a CDI event: the subscriber changed {@code cache} ("ept.epg", "ept.subnet", ...,
 * "settings" or "all") of {@code fabric}.
 */
public record CacheFlush(String fabric, String cache) {
    public static final String CHANNEL = io.ept.platform.RedisSubscriber.FLUSH_CHANNEL;

    /** Cache name announcing that another writer changed an endpoint's row (workers drop its cached state). */
    public static final String ENDPOINT_PREFIX = "endpoint:";

    public static String endpointCache(io.ept.analysis.model.EndpointKey key) {
        return ENDPOINT_PREFIX + key.vnid() + "|" + key.addr();
    }

    /** The endpoint key of an {@link #endpointCache} flush, or null. */
    public io.ept.analysis.model.EndpointKey endpointKey() {
        if (!cache.startsWith(ENDPOINT_PREFIX)) {
            return null;
        }
        String rest = cache.substring(ENDPOINT_PREFIX.length());
        int bar = rest.indexOf('|');
        try {
            return bar < 0 ? null : new io.ept.analysis.model.EndpointKey(fabric, Integer.parseInt(rest.substring(0, bar)),
                    rest.substring(bar + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean concernsSettings() {
        return MongoFabricLookups.SETTINGS.equals(cache) || MongoFabricLookups.ALL.equals(cache);
    }
}
