package io.ept.watch;

import io.ept.platform.Infrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real redis-server. */
class WatchRegistryTest {
    private RedisServer server;
    private RedisClient redis;
    private final WatchRegistry registry = new WatchRegistry();

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
        redis = RedisClient.create(URI.create("redis://127.0.0.1:" + port));
        registry.infrastructure = new Infrastructure() {
            @Override
            public RedisClient redis() {
                return redis;
            }
        };
    }

    @AfterEach
    void stop() throws IOException {
        redis.close();
        server.stop();
    }

    @Test
    void aBatchRemembersHowFarItGotUntilItExpires() {
        assertEquals(0, registry.batchProgress("b1"));
        registry.saveBatchProgress("b1", 3);
        assertEquals(3, registry.batchProgress("b1"));
        assertEquals(0, registry.batchProgress("b2"));
        redis.set(WatchRegistry.BATCH_PREFIX + "b3", "garbage");
        assertEquals(0, registry.batchProgress("b3"), "an unreadable mark starts the batch over");
        assertTrue(redis.pttl(WatchRegistry.BATCH_PREFIX + "b1") > 0);
    }

    @Test
    void forgettingAFabricDropsItsPendingRechecksOnly() {
        registry.markLatest("f1,2916352,10.1.1.1,101", "a", 60_000);
        registry.markLatest("f1,15007697,00:00:40:01:01:01", "b", 60_000);
        registry.markLatest("f10,2916352,10.1.1.1,101", "c", 60_000);
        registry.markLatest("f1.a,2916352,10.1.1.1,101", "d", 60_000);
        redis.set(WatchRegistry.PAUSED_PREFIX + "f1", "1");

        assertEquals(2, registry.forgetFabric("f1"));
        assertFalse(registry.isLatest("f1,2916352,10.1.1.1,101", "a"), "a due job of the old fabric is dropped");
        assertFalse(registry.isPending("f1,15007697,00:00:40:01:01:01"));
        assertFalse(registry.isPaused("f1"));
        assertTrue(registry.isLatest("f10,2916352,10.1.1.1,101", "c"), "another fabric whose name starts alike");
        assertTrue(registry.isLatest("f1.a,2916352,10.1.1.1,101", "d"));
        assertEquals(0, registry.forgetFabric("f1"));
    }
}
