package io.ept.platform;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A real redis-server process (the binary shipped in embedded-redis), started when no external Redis is configured.
 * Bound to loopback only, on a port kept for its whole life so clients reconnect to the same address after a restart.
 * Its data (append-only file) and pid file live in the data directory: a server that died is restarted on its data
 * ({@link #restartIfDead}), one left behind by a JVM that was killed is stopped before a new one starts, and
 * {@code ./ept stop} finds it by pid.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedis.class.getName());

    private final Path dataDir;
    private final int port;
    private RedisServer server;
    private long pid;
    private int restarts;
    private long deadSince;
    /** Set by {@link #close}: a supervisor tick that comes after it must not start the server again. */
    private boolean closed;

    private EmbeddedRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static EmbeddedRedis start(Path dataDir, int requestedPort) throws IOException {
        Files.createDirectories(dataDir);
        stopLeftover(dataDir.resolve("redis.pid"));
        EmbeddedRedis redis = new EmbeddedRedis(dataDir, requestedPort > 0 ? requestedPort : freePort());
        redis.launch();
        LOG.info(() -> "embedded redis-server (pid " + redis.pid + ") listening on " + redis.uri());
        return redis;
    }

    private void launch() throws IOException {
        Path pidFile = dataDir.resolve("redis.pid");
        Files.deleteIfExists(pidFile);
        server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("pidfile " + pidFile.toAbsolutePath())
                // the append-only file, synced every second, is the data a restarted server comes back with
                .setting("save \"\"")
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .build();
        server.start();
        pid = readPid(pidFile).orElse(0L);
    }

    /** A redis-server of this data directory that outlived its JVM (kill -9): stopped by the pid in its pid file. */
    private static void stopLeftover(Path pidFile) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(EmbeddedRedis::isRedisServer).ifPresent(h -> {
            LOG.warning(() -> "stopping a redis-server left by an earlier run (pid " + h.pid() + ")");
            h.destroy();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }

    private static boolean isRedisServer(ProcessHandle h) {
        return h.isAlive() && h.info().command().map(c -> c.contains("redis-server")).orElse(false);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the server process is alive. */
    synchronized boolean alive() {
        return pid > 0 && ProcessHandle.of(pid).map(EmbeddedRedis::isRedisServer).orElse(false);
    }

    /**
     * Restarts the server on the same port and data when its process is gone, once {@code restartDelayMillis} passed
     * since that was first seen (a server that crashes at once is not restarted in a tight loop).
     *
     * @return the pid of the process that died, or 0 when it is alive
     */
    synchronized long restartIfDead(long restartDelayMillis) throws IOException {
        if (closed || alive()) {
            deadSince = 0;
            return 0;
        }
        long dead = pid;
        if (jvmShuttingDown()) {
            return 0; // the server went with the rest (SIGTERM); one started now would outlive this JVM
        }
        if (deadSince == 0) {
            deadSince = System.currentTimeMillis();
            LOG.warning(() -> "embedded redis-server (pid " + dead + ") is gone; restarting it in " + restartDelayMillis + " ms");
        }
        if (System.currentTimeMillis() - deadSince < restartDelayMillis) {
            return 0;
        }
        deadSince = 0;
        try {
            server.stop();
        } catch (IOException | RuntimeException e) {
            // the process is gone already; stop only resets the wrapper
        }
        launch();
        restarts++;
        LOG.warning(() -> "embedded redis-server (pid " + dead + ") was gone; restarted on " + uri() + " with its data (pid "
                + pid + ", restart " + restarts + ")");
        return dead;
    }

    /**
     * Whether the JVM is shutting down: the library registers a shutdown hook to stop a server it starts, which fails
     * then, after the process has started, leaving it running.
     */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    synchronized long pid() {
        return pid;
    }

    synchronized int restarts() {
        return restarts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        server.stop();
    }
}
