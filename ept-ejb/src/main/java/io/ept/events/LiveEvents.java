package io.ept.events;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes {@link LiveEvent}s on Redis so that every node's UI (and any other listener) sees them: the web UI's
 * live feed observes them as {@link io.ept.platform.RedisMessage}s. Publishing is best effort: a feed entry is
 * never worth failing the analysis that produced it.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String CHANNEL = io.ept.platform.RedisSubscriber.EVENTS_CHANNEL;
    private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());

    @Inject
    Infrastructure infrastructure;

    public void publish(LiveEvent event) {
        try {
            infrastructure.redis().publish(CHANNEL, event.toJson());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "live event not published: " + e.getMessage());
        }
    }
}
