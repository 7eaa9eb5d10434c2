package io.ept.endpoint;

/**
 * A Redis ept.flush message as a CDI event: the subscriber changed {@code cache} ("ept.epg", "ept.subnet", ...,
 * "settings" or "all") of {@code fabric}, or the fabric itself was deleted or created ({@link #FABRIC_RESET}).
 */
public record CacheFlush(String fabric, String cache) {
    public static final String CHANNEL = io.ept.platform.RedisSubscriber.FLUSH_CHANNEL;

    /**
     * Cache name announcing that the fabric was deleted or created: every node drops everything it keeps in memory of
     * a fabric of that name (settings, lookups, analyzers, rapid counters, endpoint states, queued notifications).
     */
    public static final String FABRIC_RESET = "fabric-reset";

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
        return MongoFabricLookups.SETTINGS.equals(cache) || MongoFabricLookups.ALL.equals(cache) || resetsFabric();
    }

    public boolean resetsFabric() {
        return FABRIC_RESET.equals(cache);
    }
}
