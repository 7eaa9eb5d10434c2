package io.ept.endpoint;

import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listens on the Redis channel {@value CacheFlush#CHANNEL} on every node and turns each message
 * {@code {"fabric":"f","cache":"ept.epg"|...|"settings"|"all"}} into a {@link CacheFlush} CDI event. The
 * subscription holds a dedicated connection on a container thread and reconnects with back-off (1 s doubling to
 * 30 s) while Redis is unreachable.
 */
@Singleton
@Startup
public class FlushSubscriber {
    private static final Logger LOG = Logger.getLogger(FlushSubscriber.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    @Inject
    Infrastructure infrastructure;

    @Inject
    Event<CacheFlush> flushes;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private volatile boolean running;
    private volatile Jedis connection;
    private volatile JedisPubSub subscription;
    private Thread thread;

    @PostConstruct
    void start() {
        running = true;
        thread = threads.newThread(this::run);
        thread.setName("ept-flush-subscriber");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        JedisPubSub s = subscription;
        if (s != null && s.isSubscribed()) {
            s.unsubscribe();
        }
        Jedis c = connection;
        if (c != null) {
            c.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long backoff = 1000;
        while (running) {
            try (Jedis jedis = new Jedis(infrastructure.redisUri())) {
                connection = jedis;
                subscription = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        dispatch(message);
                    }
                };
                LOG.fine("subscribed to " + CacheFlush.CHANNEL);
                backoff = 1000;
                jedis.subscribe(subscription, CacheFlush.CHANNEL);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "Redis subscription to " + CacheFlush.CHANNEL + " lost (" + e.getMessage()
                        + "), retrying in " + backoff + " ms");
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    void dispatch(String message) {
        CacheFlush flush = parse(message);
        if (flush == null) {
            LOG.warning("ignoring malformed " + CacheFlush.CHANNEL + " message: " + message);
            return;
        }
        try {
            flushes.fire(flush);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cache flush " + flush + " failed", e);
        }
    }

    static CacheFlush parse(String message) {
        try (var reader = Json.createReader(new StringReader(message))) {
            JsonObject json = reader.readObject();
            return new CacheFlush(json.getString("fabric"), json.getString("cache"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
