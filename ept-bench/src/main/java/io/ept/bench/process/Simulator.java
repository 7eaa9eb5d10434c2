package io.ept.bench.process;

import io.ept.bench.client.SimClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** ept-apic-sim as a separate JVM (plain HTTP) with a generated or demo topology. */
public final class Simulator implements AutoCloseable {

    private final ChildProcess process;
    private final SimClient client;
    private final int port;

    private Simulator(ChildProcess process, SimClient client, int port) {
        this.process = process;
        this.client = client;
        this.port = port;
    }

    public static Simulator start(Path root, Path work, int port, String topology, String heap, Duration timeout)
            throws IOException, InterruptedException {
        return start(root.resolve("ept-apic-sim/target/ept-apic-sim.jar"), root, work, port, topology, heap, timeout);
    }

    public static Simulator start(Path jar, Path root, Path work, int port, String topology, String heap, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("build first: missing " + jar);
        }
        ChildProcess p = ChildProcess.start("ept-apic-sim", List.of("java", "-Xmx" + heap, "-XX:+UseParallelGC", "-jar",
                        jar.toString(), "--host", "127.0.0.1", "--http-port", Integer.toString(port), "--https-port", "-1",
                        "--topology", topology),
                Map.of(), root, work.resolve("apic-sim.log"));
        SimClient client = new SimClient("http://127.0.0.1:" + port);
        Simulator sim = new Simulator(p, client, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("the simulator exited; see " + p.log());
            }
            try {
                client.status();
                return sim;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    sim.close();
                    throw new IOException("the simulator did not answer within " + timeout.toSeconds() + " s; see " + p.log());
                }
                Thread.sleep(1000);
            }
        }
    }

    public SimClient client() {
        return client;
    }

    /** The APIC address EPT is given. */
    public String apicUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
