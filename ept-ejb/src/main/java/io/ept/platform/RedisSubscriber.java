package io.ept.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * EPT's pub/sub between components and nodes: listens on the Redis channels of {@link #CHANNELS} on every node and
 * fires each message as a {@link RedisMessage} CDI event. The subscription holds a dedicated connection on a
 * container thread and reconnects with back-off (1 s doubling to 5 s) while Redis is unreachable.
 */
@Singleton
@Startup
@DependsOn("Infrastructure")
public class RedisSubscriber {

    /** Cache flushes and settings reloads: {"fabric","cache"}. */
    public static final String FLUSH_CHANNEL = "ept.flush";
    /** Dataplane refresh requests: {"fabric","vnid","addr","type"}. */
    public static final String REFRESH_CHANNEL = "ept.refresh";
    /** Live events for UIs and event streams: fabric monitor events and findings (JSON with "fabric", "kind"). */
    public static final String EVENTS_CHANNEL = "ept.events";
    static final String[] CHANNELS = {FLUSH_CHANNEL, REFRESH_CHANNEL, EVENTS_CHANNEL};

    private static final Logger LOG = Logger.getLogger(RedisSubscriber.class.getName());
    /** Short enough that a restarted Redis is used again within seconds (issue 17: recovery within 30 s). */
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    @Inject
    Infrastructure infrastructure;

    @Inject
    Event<RedisMessage> messages;

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
        thread.setName("ept-redis-subscriber");
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
                        dispatch(channel, message);
                    }
                };
                LOG.fine("subscribed to Redis channels");
                backoff = 1000;
                jedis.subscribe(subscription, CHANNELS);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "Redis subscription lost (" + e.getMessage()
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

    void dispatch(String channel, String message) {
        try {
            messages.fire(new RedisMessage(channel, message));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handling " + channel + " message " + message + " failed", e);
        }
    }
}
