package io.ept.fabric;

import io.ept.endpoint.CacheFlush;
import io.ept.endpoint.MongoFabricLookups;
import io.ept.platform.Infrastructure;
import io.ept.platform.JsonSupport;
import io.ept.platform.RedisSubscriber;
import io.ept.watch.WatchRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Makes every node follow a fabric's creation, deletion and settings changes at once: this node's caches through a
 * local {@link CacheFlush} event before the call returns, every node's (this one again, harmlessly) through the
 * ept.flush Redis channel. A created or deleted fabric gets {@link CacheFlush#FABRIC_RESET}, so nothing an earlier
 * fabric of the same name left in memory (rapid counters, endpoint states, lookups, settings) reaches the new one, and
 * its pending watch rechecks are forgotten.
 */
@ApplicationScoped
public class FabricChangeAnnouncer implements FabricRepository.ChangeListener {

    private static final Logger LOG = Logger.getLogger(FabricChangeAnnouncer.class.getName());

    @Inject
    Infrastructure infrastructure;

    @Inject
    Event<CacheFlush> flushes;

    @Inject
    WatchRegistry watches;

    @Override
    public void fabricCreated(String fabric) {
        reset(fabric);
    }

    @Override
    public void fabricDeleted(String fabric) {
        reset(fabric);
    }

    @Override
    public void settingsChanged(String fabric) {
        announce(fabric, MongoFabricLookups.SETTINGS);
    }

    private void reset(String fabric) {
        try {
            long pending = watches.forgetFabric(fabric);
            if (pending > 0) {
                LOG.info(() -> "fabric " + fabric + ": " + pending + " pending watch rechecks dropped");
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "fabric " + fabric + ": pending watch rechecks not dropped: " + e.getMessage());
        }
        announce(fabric, CacheFlush.FABRIC_RESET);
    }

    private void announce(String fabric, String cache) {
        flushes.fire(new CacheFlush(fabric, cache));
        try {
            infrastructure.redis().publish(RedisSubscriber.FLUSH_CHANNEL, JsonSupport.JSON.createObjectBuilder()
                    .add("fabric", fabric).add("cache", cache).build().toString());
        } catch (RuntimeException e) {
            LOG.warning(() -> "fabric " + fabric + ": " + cache + " broadcast to the other nodes failed: " + e.getMessage());
        }
    }
}
