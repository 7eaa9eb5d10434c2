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
 * container thread and reconnects with back-off ({@link #RECONNECT}) while Redis is unreachable.
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
    /** Start/stop requests for the node that runs a fabric (cluster mode: the API may answer on another node). */
    public static final String FABRIC_CONTROL_CHANNEL = "ept.fabric-control";
    static final String[] CHANNELS = {FLUSH_CHANNEL, REFRESH_CHANNEL, EVENTS_CHANNEL, FABRIC_CONTROL_CHANNEL};

    private static final Logger LOG = Logger.getLogger(RedisSubscriber.class.getName());
    /** 1 s doubling to 5 s: a restarted Redis is used again within seconds (issue 17: recovery within 30 s). */
    static final Backoff RECONNECT = Backoff.unlimited(1_000, 5_000);

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
        Backoff.Streak failures = RECONNECT.streak();
        while (running) {
            RuntimeException lost = null;
            try (Jedis jedis = new Jedis(infrastructure.redisUri())) {
                connection = jedis;
                subscription = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        dispatch(channel, message);
                    }
                };
                LOG.fine("subscribed to Redis channels");
                failures.succeeded();
                jedis.subscribe(subscription, CHANNELS);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lost = e;
            }
            long wait = failures.failed();
            if (lost != null) {
                LOG.log(Level.WARNING, "Redis subscription lost (" + lost.getMessage() + "), retrying in " + wait + " ms");
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
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
