package io.ept.bench.process;

import io.ept.bench.client.EptClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * An EPT cluster on this machine, started and stopped through {@code ./ept cluster} (the cluster contract of issue
 * 18): N WildFly nodes plus the MongoDB-protocol store, redis-server and Artemis broker as their own processes, in a
 * cluster directory of the benchmark's work directory, on the benchmark's port offset, without the demo simulator
 * (the benchmark's own simulator is the fabric's APIC). CPU time and resident memory are summed over every process
 * of the cluster, read from the pid files the command leaves in the cluster directory.
 */
public final class EptCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EptCluster.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final Path dir;
    private final Map<String, String> env;
    private final Path log;
    private final int size;
    private final Thread stopOnExit = new Thread(this::stop, "bench-stop-cluster");
    private volatile EptClient client;
    private volatile boolean stopped;

    private EptCluster(Path root, Path dir, Map<String, String> env, Path log, int size) {
        this.root = root;
        this.dir = dir;
        this.env = env;
        this.log = log;
        this.size = size;
    }

    /**
     * Runs {@code ./ept cluster start size} and waits for it (it returns when every node answers), then logs in on
     * every node.
     *
     * @param work          an empty directory: the cluster directory and the command logs go there
     * @param javaOpts      JVM options of each node; {@code properties} are added as -D options
     */
    public static EptCluster start(Path root, Path work, int size, int portOffset, String javaOpts,
                                   Map<String, String> properties, Duration timeout)
            throws IOException, InterruptedException {
        String password = EptServer.benchPassword(root);
        Path script = root.resolve("ept");
        if (!Files.isRegularFile(script)) {
            throw new IOException("no ./ept script in " + root);
        }
        StringBuilder opts = new StringBuilder(javaOpts);
        properties.forEach((k, v) -> opts.append(" -D").append(k).append('=').append(v));
        Map<String, String> env = new LinkedHashMap<>();
        Path dir = work.resolve("cluster");
        env.put("EPT_CLUSTER_DIR", dir.toString());
        env.put("EPT_SKIP_BUILD", "1");
        env.put("EPT_PORT_OFFSET", Integer.toString(portOffset));
        env.put("EPT_DEMO", "0");
        env.put("EPT_ADMIN_PASSWORD", password);
        env.put("EPT_JAVA_OPTS", opts.toString());
        // the services on free ports: the defaults (e.g. broker 61716 + offset) may collide with other users or,
        // with a large offset, pass 65535
        env.put("EPT_CLUSTER_MONGO_PORT", Integer.toString(EptServer.freePort()));
        env.put("EPT_CLUSTER_REDIS_PORT", Integer.toString(EptServer.freePort()));
        env.put("EPT_CLUSTER_BROKER_PORT", Integer.toString(EptServer.freePort()));
        Path log = work.resolve("cluster-command.log");
        EptCluster cluster = new EptCluster(root, dir, env, log, size);
        // a harness interrupted (Ctrl-C) stops the cluster on its way out
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            int exit = cluster.run(timeout, "start", Integer.toString(size));
            if (exit != 0) {
                throw new IOException("./ept cluster start " + size + " failed (exit " + exit + "); see " + log);
            }
            Map<String, String> clusterEnv = cluster.clusterEnv();
            int base = Integer.parseInt(clusterEnv.getOrDefault("BASE_OFFSET", Integer.toString(portOffset)));
            int nodes = Integer.parseInt(clusterEnv.getOrDefault("NODES", Integer.toString(size)));
            if (nodes != size) {
                throw new IOException("asked for " + size + " nodes, " + dir.resolve("cluster.env") + " says " + nodes);
            }
            List<String> apis = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                apis.add("http://127.0.0.1:" + (8080 + base + 100 * i) + "/ept/api");
            }
            EptClient client = EptClient.cluster(apis);
            for (EptClient node : client.nodes()) {
                node.call("GET", "/app-status", null).require();
            }
            client.login(password);
            cluster.client = client;
            LOG.info(() -> "cluster of " + size + " up: " + apis + ", processes " + cluster.processes());
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Runs {@code ./ept cluster <args>} with this cluster's environment, output appended to the log; its exit code. */
    private int run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("ept").toString(), "cluster"));
        cmd.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Files.writeString(log, "\n$ " + String.join(" ", cmd) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            throw new IOException("./ept cluster " + String.join(" ", args) + " did not finish within "
                    + timeout.toSeconds() + " s; see " + log);
        }
        return p.exitValue();
    }

    /** KEY=value lines of {@code cluster.env}. */
    private Map<String, String> clusterEnv() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path file = dir.resolve("cluster.env");
        if (!Files.isRegularFile(file)) {
            throw new IOException("./ept cluster start left no " + file);
        }
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return out;
    }

    public EptClient client() {
        return client;
    }

    public int size() {
        return size;
    }

    /** The cluster's processes by name (node-0.., store, redis, broker) from their pid files; absent ones left out. */
    public Map<String, Long> processes() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            files.put("node-" + i, dir.resolve("node-" + i + "/wildfly.pid"));
        }
        for (String service : List.of("store", "redis", "broker")) {
            files.put(service, dir.resolve(service + ".pid"));
        }
        Map<String, Long> out = new LinkedHashMap<>();
        files.forEach((name, file) -> readPid(file).ifPresent(pid -> out.put(name, pid)));
        return out;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU time used so far by every node JVM, the store, redis and the broker, each with its descendants (a wrapper
     * script's JVM); -1 when any of them cannot be read, so that a partial sum is never reported as the cluster's.
     */
    public long cpuMillis() {
        Map<String, Long> processes = processes();
        if (processes.size() < size + 3) {
            return -1;
        }
        long total = 0;
        for (long pid : processes.values()) {
            for (long p : withDescendants(pid)) {
                OptionalLong ms = ProcessCpu.millis(p);
                if (ms.isEmpty()) {
                    return -1;
                }
                total += ms.getAsLong();
            }
        }
        return total;
    }

    /** Resident memory of every process of the cluster now (bytes; 0 for parts not found). */
    public long rssBytes() {
        long total = 0;
        for (long pid : processes().values()) {
            for (long p : withDescendants(pid)) {
                total += ProcessMemory.of(p).map(ProcessMemory::rssBytes).orElse(0L);
            }
        }
        return total;
    }

    private static List<Long> withDescendants(long pid) {
        List<Long> out = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
        return out;
    }

    /** {@code ./ept cluster stop}; a process of the cluster still alive afterwards is killed (by its pid) and logged. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Map<String, Long> processes = processes();
        List<ProcessHandle> tree = new ArrayList<>();
        processes.values().forEach(pid -> withDescendants(pid).forEach(p -> ProcessHandle.of(p).ifPresent(tree::add)));
        try {
            int exit = run(STOP_TIMEOUT, "stop");
            if (exit != 0) {
                LOG.warning("./ept cluster stop exited with " + exit + "; see " + log);
            }
        } catch (IOException e) {
            LOG.warning("./ept cluster stop failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillAlive) {
                // killed below
            }
            if (h.isAlive()) {
                LOG.warning(() -> "cluster process " + h.pid() + " (" + ProcessMemory.commandLine(h.pid()).strip()
                        + ") survived ./ept cluster stop; killing it");
                h.destroyForcibly();
            }
        }
    }

    /**
     * After {@link #stop()}: deletes what the cluster stored (the store's, broker's and redis's data, each node's data
     * directory), gigabytes after a 32K run that would fill the disk over a few runs; logs and configuration stay.
     */
    public void deleteData() throws IOException {
        if (!stopped) {
            throw new IllegalStateException("stop the cluster before deleting its data");
        }
        List<Path> bulky = new ArrayList<>(List.of(dir.resolve("store"), dir.resolve("redis"), dir.resolve("broker/data")));
        for (int i = 0; i < size; i++) {
            bulky.add(dir.resolve("node-" + i + "/data"));
        }
        for (Path p : bulky) {
            if (Files.exists(p)) {
                try (var paths = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or the JVM is exiting: nothing to remove
        }
    }
}
