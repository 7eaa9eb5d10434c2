package io.ept.bench.process;

import io.ept.bench.client.EptClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A WildFly running ept.ear for the benchmark, isolated from a developer's instance: the provisioned server of
 * wildfly-config with its own base directory (configuration copy, deployments, Artemis journal, logs) and its own
 * EPT data directory under the work directory, a port offset, and a fixed port for the embedded MongoDB-protocol
 * server so the harness can measure the raw write rate of the very same store.
 */
public final class EptServer implements AutoCloseable {

    private final ChildProcess process;
    private final int httpPort;
    private final int mongoPort;
    private final EptClient client;
    private String password;

    /** The admin password the server was started with (for a new login after its sessions are gone). */
    public String password() {
        return password;
    }

    private EptServer(ChildProcess process, int httpPort, int mongoPort, EptClient client) {
        this.process = process;
        this.httpPort = httpPort;
        this.mongoPort = mongoPort;
        this.client = client;
    }

    /**
     * @param root     the EPT worktree (server in wildfly-config/target, ear in ept-ear/target)
     * @param work     an empty directory for this instance
     * @param javaOpts JVM options of the server (heap etc.)
     */
    public static EptServer start(Path root, Path work, int portOffset, String javaOpts, Map<String, String> systemProperties,
                                  Duration timeout) throws IOException, InterruptedException {
        return start(root, root.resolve("wildfly-config/target/wildfly-39.0.1.Final"), root.resolve("ept-ear/target/ept.ear"),
                work, portOffset, javaOpts, systemProperties, benchPassword(root), timeout);
    }

    /**
     * The admin password of a harness's EPT: the operator's if known, else one made up for this run (the harness's
     * EPT has its own data, where it creates the admin account).
     */
    static String benchPassword(Path root) {
        String known = EptClient.adminPassword(root);
        return known != null ? known : "bench-" + java.util.UUID.randomUUID();
    }

    /**
     * @param home     a provisioned, configured WildFly
     * @param password the admin password: it creates the admin account on the first start of {@code work}'s data, so
     *                 a server restarted on the same data needs the same one
     */
    public static EptServer start(Path root, Path home, Path ear, Path work, int portOffset, String javaOpts,
                                  Map<String, String> systemProperties, String password, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(home) || !Files.isRegularFile(ear)) {
            throw new IOException("build first: missing " + (Files.isDirectory(home) ? ear : home));
        }
        Path base = work.resolve("server");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(ear, base.resolve("deployments/ept.ear"), StandardCopyOption.REPLACE_EXISTING);
        int mongoPort = freePort();
        int httpPort = 8080 + portOffset;

        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Dept.data.dir=" + work.resolve("data"),
                "-Dept.embedded.mongo.port=" + mongoPort));
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_OPTS", javaOpts + " -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman"
                + " -Djava.awt.headless=true");
        env.put("JBOSS_HOME", home.toString());
        env.put("EPT_ADMIN_PASSWORD", password);
        ChildProcess process = ChildProcess.start("wildfly", cmd, env, root, work.resolve("wildfly-console.log"));
        EptClient client = new EptClient("http://127.0.0.1:" + httpPort + "/ept/api");
        EptServer server = new EptServer(process, httpPort, mongoPort, client);
        server.password = password;
        try {
            server.awaitReady(timeout, base);
            client.login(password);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout, Path base) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("WildFly exited during start-up; see " + process.log());
            }
            if (Files.exists(base.resolve("deployments/ept.ear.failed"))) {
                throw new IOException("ept.ear failed to deploy: " + Files.readString(base.resolve("deployments/ept.ear.failed")));
            }
            try {
                if (client.call("GET", "/app-status", null).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IOException("EPT did not answer within " + timeout.toSeconds() + " s; see " + process.log());
    }

    public EptClient client() {
        return client;
    }

    public int httpPort() {
        return httpPort;
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    /** The server JVM (not the standalone.sh wrapper). */
    public Optional<Long> jvmPid() {
        return process.findPid(c -> c.contains("java") && c.contains("jboss-modules"));
    }

    public Optional<Long> redisPid() {
        return process.findPid(c -> c.contains("redis-server"));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(60));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.toString().contains("standalone_xml_history")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
