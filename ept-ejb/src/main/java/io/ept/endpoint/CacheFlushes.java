package io.ept.endpoint;

import io.ept.platform.RedisMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.util.logging.Logger;

/** Turns {@value CacheFlush#CHANNEL} messages into {@link CacheFlush} events for this node's caches. */
@ApplicationScoped
public class CacheFlushes {

    private static final Logger LOG = Logger.getLogger(CacheFlushes.class.getName());

    @Inject
    Event<CacheFlush> flushes;

    void onMessage(@Observes RedisMessage message) {
        if (!CacheFlush.CHANNEL.equals(message.channel())) {
            return;
        }
        JsonObject json = message.json();
        if (json == null || !json.containsKey("fabric") || !json.containsKey("cache")) {
            LOG.warning(() -> "ignoring malformed " + CacheFlush.CHANNEL + " message: " + message.message());
            return;
        }
        flushes.fire(new CacheFlush(json.getString("fabric"), json.getString("cache")));
    }
}
