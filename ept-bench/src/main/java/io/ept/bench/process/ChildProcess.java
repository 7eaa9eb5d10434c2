package io.ept.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A process the harness started, with its output in a log file. Stopping ends it and every process it started
 * (for WildFly: standalone.sh, the server JVM and the embedded redis-server), by pid, gently first.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChildProcess.class.getName());
    /** Started and not yet stopped; a harness that is interrupted (Ctrl-C) stops them on its way out. */
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(p -> p.stop(Duration.ofSeconds(30))),
                "bench-stop-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        LOG.fine(() -> "starting " + name + ": " + String.join(" ", command));
        ChildProcess child = new ChildProcess(name, pb.start(), log);
        RUNNING.add(child);
        return child;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The first process of the tree (this one or a descendant) whose command line matches. */
    public Optional<Long> findPid(Predicate<String> commandLine) {
        if (commandLine.test(ProcessMemory.commandLine(process.pid()))) {
            return Optional.of(process.pid());
        }
        return process.descendants().map(ProcessHandle::pid).filter(p -> commandLine.test(ProcessMemory.commandLine(p)))
                .findFirst();
    }

    /** SIGTERM to the tree (deepest first is not needed: WildFly stops its children itself), SIGKILL after the grace. */
    public void stop(Duration grace) {
        RUNNING.remove(this);
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        // the server JVM first: it shuts its own children (embedded redis-server) down cleanly
        for (int i = tree.size() - 1; i >= 0; i--) {
            ProcessHandle h = tree.get(i);
            if (h.isAlive() && ProcessMemory.commandLine(h.pid()).contains("java")) {
                h.destroy();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still alive: killed below
            }
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                LOG.warning(() -> name + ": pid " + h.pid() + " did not stop within " + grace.toSeconds() + " s; killing it");
                h.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(60));
    }
}
