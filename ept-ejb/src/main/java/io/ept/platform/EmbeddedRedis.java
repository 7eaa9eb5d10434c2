package io.ept.platform;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A real redis-server process (the binary shipped in embedded-redis), started when no external Redis is configured.
 * Bound to loopback only; its pid file lives in the data directory so {@code ./ept stop} can clean up after a crash.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

    private final RedisServer server;
    private final String uri;

    private EmbeddedRedis(RedisServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    static EmbeddedRedis start(Path dataDir, int requestedPort) throws IOException {
        Files.createDirectories(dataDir);
        int port = requestedPort > 0 ? requestedPort : freePort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("pidfile " + dataDir.resolve("redis.pid").toAbsolutePath())
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        String uri = "redis://127.0.0.1:" + port;
        LOG.info(() -> "embedded redis-server listening on " + uri);
        return new EmbeddedRedis(server, uri);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
