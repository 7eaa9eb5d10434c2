package io.ept.fabric;

import io.ept.endpoint.CacheFlush;
import io.ept.platform.Infrastructure;
import io.ept.platform.RedisSubscriber;
import io.ept.security.SecretCipher;
import io.ept.support.MongoTestServer;
import io.ept.watch.WatchRegistry;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 1: fabric creation, deletion and settings changes reach this node's caches before the call returns
 * and every node's through ept.flush (a real redis-server), whichever caller changed the repository.
 */
class FabricChangeAnnouncerTest {
    private RedisServer server;
    private RedisClient redis;
    private MongoTestServer mongo;
    private FabricRepository repository;
    private final List<CacheFlush> local = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<String> forgottenWatches = new CopyOnWriteArrayList<>();
    private JedisPubSub otherNode;
    private Thread otherNodeThread;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        redis = RedisClient.create(URI.create("redis://127.0.0.1:" + port));
        // another node: listens on ept.flush like RedisSubscriber does
        otherNode = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                published.add(message);
            }
        };
        RedisClient subscriber = RedisClient.create(URI.create("redis://127.0.0.1:" + port));
        otherNodeThread = new Thread(() -> subscriber.subscribe(otherNode, RedisSubscriber.FLUSH_CHANNEL));
        otherNodeThread.start();
        long deadline = System.currentTimeMillis() + 5000;
        while (!otherNode.isSubscribed() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }

        FabricChangeAnnouncer announcer = new FabricChangeAnnouncer();
        announcer.infrastructure = new Infrastructure() {
            @Override
            public RedisClient redis() {
                return redis;
            }
        };
        announcer.flushes = new Recorder();
        announcer.watches = new WatchRegistry() {
            @Override
            public long forgetFabric(String fabric) {
                forgottenWatches.add(fabric);
                return 0;
            }
        };
        mongo = new MongoTestServer();
        repository = new FabricRepository(mongo.database(), new SecretCipher(new byte[32]));
        repository.setChangeListener(announcer);
    }

    @AfterEach
    void stop() throws Exception {
        otherNode.unsubscribe();
        otherNodeThread.join(5000);
        redis.close();
        mongo.close();
        server.stop();
    }

    private void awaitPublished(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (published.size() < count && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String message(String fabric, String cache) {
        return "{\"fabric\":\"" + fabric + "\",\"cache\":\"" + cache + "\"}";
    }

    @Test
    void createSettingsChangeAndDeleteReachThisNodeAtOnceAndEveryNodeThroughRedis() throws Exception {
        repository.createFabric(FabricSchemas.FABRIC.validateInput(Map.of("fabric", "f1"), Set.of("fabric")));
        assertEquals(List.of(new CacheFlush("f1", CacheFlush.FABRIC_RESET)), local, "created: reset before return");

        repository.updateSettings("f1", FabricSchemas.SETTINGS.validateInput(Map.of("rapid_holdtime", 60), Set.of()));
        assertEquals(new CacheFlush("f1", "settings"), local.get(1), "settings: flushed before return");
        repository.updateSettings("f1", Map.of());
        assertEquals(2, local.size(), "no change, no flush");

        repository.deleteFabric("f1");
        assertEquals(new CacheFlush("f1", CacheFlush.FABRIC_RESET), local.get(2), "deleted: reset before return");
        assertTrue(local.get(2).concernsSettings());
        assertEquals(List.of("f1", "f1"), forgottenWatches, "pending rechecks forgotten on create and delete");

        awaitPublished(3);
        assertEquals(List.of(message("f1", CacheFlush.FABRIC_RESET), message("f1", "settings"),
                message("f1", CacheFlush.FABRIC_RESET)), published);
    }

    /** Records fired events (the CDI Event of this node). */
    private final class Recorder implements Event<CacheFlush> {
        @Override
        public void fire(CacheFlush event) {
            local.add(event);
        }

        @Override
        public <U extends CacheFlush> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends CacheFlush> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<CacheFlush> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends CacheFlush> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends CacheFlush> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
