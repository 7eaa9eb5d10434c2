package io.ept.it;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Starts the external services the integration tests give EPT, before Arquillian boots WildFly: a real
 * redis-server process and a MongoDB-wire-protocol server, each on a free loopback port. Their addresses reach
 * WildFly through system properties that arquillian.xml substitutes.
 */
public class TestInfrastructure implements LauncherSessionListener {

    private static MongoServer mongo;
    private static RedisServer redis;
    private static int redisPort;
    private static SimClient simulator;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        AwaitDefaults.apply();
        if (mongo != null) {
            return;
        }
        mongo = new MongoServer(new MemoryBackend());
        String mongoUri = mongo.bindAndGetConnectionString();
        redisPort = freePort();
        startRedis();
        simulator = SimClient.start(new java.io.File(System.getProperty("ept.it.sim.jar", "target/deployments/ept-apic-sim.jar")),
                new java.io.File("target/apic-sim.log"));
        System.setProperty("ept.it.sim.ssh.port", String.valueOf(simulator.sshPort()));
        int offset = Integer.getInteger("ept.it.port.offset", 100);
        System.setProperty("ept.it.mongo.uri", mongoUri);
        System.setProperty("ept.it.redis.uri", "redis://127.0.0.1:" + redisPort);
        System.setProperty("ept.it.management.port", String.valueOf(9990 + offset));
        System.setProperty("ept.it.http.port", String.valueOf(8080 + offset));
        System.setProperty("ept.it.data.dir", System.getProperty("ept.it.data.dir", "target/ept-data"));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (simulator != null) {
            simulator.stop();
            simulator = null;
        }
        stopRedis();
        if (mongo != null) {
            mongo.shutdownNow();
            mongo = null;
        }
    }

    /** The simulated APIC (demo topology), shared by the tests; tests restore what they change. */
    static SimClient simulator() {
        return simulator;
    }

    public static String mongoUri() {
        return System.getProperty("ept.it.mongo.uri");
    }

    public static String redisUri() {
        return System.getProperty("ept.it.redis.uri");
    }

    public static String apiUrl() {
        return "http://localhost:" + System.getProperty("ept.it.http.port") + "/ept/api/";
    }

    /** Simulates a Redis outage: the redis-server process goes away. */
    public static synchronized void stopRedis() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            redis = null;
        }
    }

    /** Brings Redis back on the same port. */
    public static synchronized void startRedis() {
        try {
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
