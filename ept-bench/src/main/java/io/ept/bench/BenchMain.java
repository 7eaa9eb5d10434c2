package io.ept.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ept.bench.client.EptClient;
import io.ept.bench.process.EptCluster;
import io.ept.bench.process.EptServer;
import io.ept.bench.process.ProcessCpu;
import io.ept.bench.process.ProcessMemory;
import io.ept.bench.process.Simulator;
import io.ept.bench.report.ResultTable;
import io.ept.bench.report.TextTable;
import io.ept.bench.report.TimelinePlot;
import io.ept.bench.scenario.AnalysisScenario;
import io.ept.bench.scenario.BuildScenario;
import io.ept.bench.scenario.EventScenario;
import io.ept.bench.scenario.PipelineSample;
import io.ept.bench.scenario.RawStoreScenario;
import io.ept.bench.scenario.Timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code ./ept bench}: for every scale a fresh EPT (own WildFly base directory and empty data) and a simulator
 * with that topology; times the initial build; on the events scale also runs the sustained and latency scenarios
 * and measures the raw store; then the JMH analysis benchmark. Prints one table and writes it as JSON and CSV, plus a
 * PNG of throughput and latency over time, to {@code target/bench/}.
 */
public final class BenchMain {

    private static final Logger LOG = Logger.getLogger(BenchMain.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    /** Memory of every process at one moment. */
    record Memory(String when, long eptRss, long eptPeakRss, long eptHeapUsed, long eptHeapCommitted, long eptHeapMax,
                  long redisRss, long simRss, long simHeapUsed, long simHeapCommitted) {
        long eptTotalRss() {
            return eptRss + redisRss;
        }
    }

    private final BenchOptions o;
    private final ResultTable table = new ResultTable();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<BuildScenario.Result> builds = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    private final List<EventScenario.Result> events = new ArrayList<>();
    private final List<ClusterRun> clusterRuns = new ArrayList<>();
    private RawStoreScenario.Result raw;
    private Map<String, Double> jmh;
    private final List<String> problems = new ArrayList<>();

    private BenchMain(BenchOptions o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT bench: %5$s%6$s%n");
        System.setProperty("java.awt.headless", "true");
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(BenchOptions.HELP);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        new BenchMain(o).run();
    }

    private void run() throws Exception {
        Files.createDirectories(o.out);
        Path work = o.out.resolve("work");
        details.put("started", Instant.now().toString());
        details.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version"), "java", System.getProperty("java.version")));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("scales", o.scales);
        options.put("eventsScale", o.eventsScale);
        options.put("eptJavaOpts", o.eptJavaOpts != null ? o.eptJavaOpts
                : BenchOptions.DEFAULT_JAVA_OPTS + " (design: " + BenchOptions.DESIGN_JAVA_OPTS + ")");
        options.put("eptProperties", o.eptProperties);
        options.put("buildCapSeconds", o.buildCapSeconds);
        options.put("sustainedSeconds", o.sustainedSeconds);
        options.put("store", o.mongoUri != null ? "external MongoDB" : "embedded MongoDB-protocol server");
        if (!o.nodes.isEmpty()) {
            options.put("store", "the cluster's MongoDB-protocol store process");
            options.put("nodes", o.nodes);
            options.put("latencyRates", o.latencyRates);
            options.put("sustainedRate", o.sustainedRate);
        }
        details.put("options", options);
        try (Timeline timeline = new Timeline()) {
            if (o.nodes.isEmpty()) {
                for (String scale : o.scales) {
                    runScale(scale, work.resolve(safeName(scale)), timeline);
                }
            } else {
                for (int size : o.nodes) {
                    runCluster(size, work.resolve("cluster-" + size), timeline);
                }
            }
            timeline.phase(null, "");
            if (o.jmh) {
                try {
                    LOG.info("JMH: the pure analysis path on one thread");
                    jmh = AnalysisScenario.run(o.smoke);
                } catch (Exception e) {
                    problems.add("JMH benchmark failed: " + e);
                }
            }
            buildTable(timeline);
            write(timeline.points());
        }
    }

    private void runScale(String scale, Path work, Timeline timeline) throws IOException, InterruptedException {
        deleteTree(work);
        Files.createDirectories(work);
        String topology = BenchOptions.topology(scale);
        LOG.info("scale " + scale + ": starting the simulator (" + topology + ")");
        try (Simulator sim = Simulator.start(o.root, work, o.simPort, topology, simHeap(scale), Duration.ofMinutes(10))) {
            String javaOpts = o.javaOpts(scale);
            Map<String, String> properties = new LinkedHashMap<>(o.eptProperties);
            String database = null;
            if (o.mongoUri != null) {
                // a fresh database per scale on the operator's server, so runs never see each other's (or EPT's) data
                database = "ept_bench_" + System.currentTimeMillis() / 1000 + "_" + safeName(scale).replace('.', '_');
                properties.put("ept.mongo.uri", o.mongoUri);
                properties.put("ept.mongo.database", database);
            }
            LOG.info("scale " + scale + ": starting EPT (WildFly, port offset " + o.portOffset + ", " + javaOpts
                    + (database != null ? ", external MongoDB database " + database : "") + ")");
            try (EptServer ept = EptServer.start(o.root, work, o.portOffset, javaOpts, properties,
                    Duration.ofMinutes(5))) {
                timeline.memory(() -> eptRss(ept));
                boolean eventsHere = scale.equals(o.eventsScale);
                if (raw == null) {
                    // the raw rate of the store, on the first EPT of the run while it is idle: before any build, whose
                    // delayed watch jobs would compete with it, and on a server whose memory is not measured later
                    try {
                        raw = RawStoreScenario.run(storeUri(ept), o.rawThreads, o.rawSeconds);
                    } catch (Exception e) {
                        problems.add("raw store measurement failed: " + e);
                    }
                }
                BuildScenario.Result build = BuildScenario.run(scale, topology, ept.client(), sim,
                        Duration.ofSeconds(o.buildCapSeconds), timeline);
                builds.add(build);
                memories.add(memory("after build " + scale, ept, sim));
                if (eventsHere && !build.completed()) {
                    problems.add("event scenarios skipped: the build of " + scale + " did not complete");
                } else if (eventsHere) {
                    runEvents(ept, sim, timeline);
                    memories.add(memory("after events " + scale, ept, sim));
                }
                timeline.phase(null, "");
            } finally {
                timeline.memory(() -> 0);
                if (database != null) {
                    dropDatabase(database);
                }
            }
        } catch (IOException e) {
            problems.add("scale " + scale + ": " + e.getMessage());
            LOG.severe("scale " + scale + " failed: " + e.getMessage());
        }
    }

    private static String simHeap(String scale) {
        return "design".equals(scale) ? "10g" : "500k".equals(scale) ? "3g" : "1g";
    }

    /**
     * One cluster size of {@code --nodes}.
     *
     * @param build            its initial build (null when the cluster did not start)
     * @param events           its latency and sustained scenarios
     * @param sustainedPeakRss highest total resident memory of the cluster's processes sampled during the sustained load
     * @param subscriberNode   the node that ran the fabric's subscriber at the end (its status's node), or null
     * @param failure          why it ended early, or null
     */
    record ClusterRun(int nodes, String scale, BuildScenario.Result build, List<EventScenario.Result> events,
                      long sustainedPeakRss, String subscriberNode, String failure) {
        Optional<EventScenario.Result> sustained() {
            return events.stream().filter(e -> e.label().endsWith(SUSTAINED)).findFirst();
        }

        Optional<EventScenario.Result> latencyAt(int rate) {
            return events.stream().filter(e -> !e.label().endsWith(SUSTAINED) && !e.label().contains(WARMUP) && e.offeredRate() == rate).findFirst();
        }
    }

    private static final String SUSTAINED = "sustained";
    /** The unmeasured load before the latency phases (its row has no targets). */
    private static final String WARMUP = "warm-up";

    /**
     * {@code --nodes}: a fresh simulator and an N-node cluster (./ept cluster start) on the events scale, its build,
     * the same latency and sustained scenarios as the single server, then ./ept cluster stop.
     */
    private void runCluster(int size, Path work, Timeline timeline) throws IOException, InterruptedException {
        deleteTree(work);
        Files.createDirectories(work);
        String scale = o.eventsScale;
        String topology = BenchOptions.topology(scale);
        String label = size + (size == 1 ? " node" : " nodes");
        BuildScenario.Result build = null;
        List<EventScenario.Result> results = new ArrayList<>();
        String subscriberNode = null;
        String failure = null;
        LOG.info(label + ": starting the simulator (" + topology + ") and ./ept cluster start " + size);
        EptCluster started = null;
        try (Simulator sim = Simulator.start(o.root, work, o.simPort, topology, simHeap(scale), Duration.ofMinutes(10));
             EptCluster cluster = EptCluster.start(o.root, work, size, o.portOffset, o.javaOpts(scale), o.eptProperties,
                     Duration.ofMinutes(10))) {
            started = cluster;
            timeline.memory(cluster::rssBytes);
            build = BuildScenario.run(scale + ", " + label, topology, cluster.client(), sim,
                    Duration.ofSeconds(o.buildCapSeconds), timeline);
            if (build.completed()) {
                results.addAll(eventPhases(label + ": ", cluster.client(), sim, timeline, cluster::cpuMillis));
                subscriberNode = cluster.client().getJson("/uni/fb-" + BuildScenario.FABRIC + "/status").path("node")
                        .asText(null);
            } else {
                failure = "the build did not complete: event scenarios skipped";
            }
            timeline.phase(null, "");
        } catch (IOException e) {
            failure = e.getMessage();
            LOG.severe(label + " failed: " + e.getMessage());
        } finally {
            timeline.phase(null, "");
            timeline.memory(() -> 0);
        }
        if (started != null) {
            try {
                started.deleteData();
            } catch (IOException e) {
                problems.add(label + ": could not delete the cluster's data: " + e.getMessage());
            }
        }
        if (failure != null) {
            problems.add(label + ": " + failure);
        }
        String sustainedPhase = label + ": " + SUSTAINED;
        clusterRuns.add(new ClusterRun(size, scale, build, results, timeline.maxRss(sustainedPhase::equals), subscriberNode,
                failure));
    }

    private String storeUri(EptServer ept) {
        return o.mongoUri != null ? o.mongoUri : ept.mongoUri();
    }

    private void dropDatabase(String database) {
        try (MongoClient client = MongoClients.create(o.mongoUri)) {
            client.getDatabase(database).drop();
        } catch (RuntimeException e) {
            problems.add("could not drop the benchmark database " + database + ": " + e.getMessage());
        }
    }

    /** CPU time EPT's JVM has used (ms), -1 if unknown. */
    private static long eptCpuMillis(EptServer ept) {
        return ept.jvmPid().stream().mapToLong(pid -> ProcessCpu.millis(pid).orElse(-1)).findFirst().orElse(-1);
    }

    /** EPT's resident memory now: the WildFly JVM plus the embedded redis-server (0 for parts not found). */
    private static long eptRss(EptServer ept) {
        long jvm = ept.jvmPid().flatMap(ProcessMemory::of).map(ProcessMemory::rssBytes).orElse(0L);
        long redis = ept.redisPid().flatMap(ProcessMemory::of).map(ProcessMemory::rssBytes).orElse(0L);
        return jvm + redis;
    }

    /**
     * Latency at the fixed rates first (lowest first), then the sustained load: each phase leaves delayed watch jobs
     * (stale and offsubnet rechecks 45 s later) that keep the watcher busy, so the heaviest phase comes last.
     */
    private void runEvents(EptServer ept, Simulator sim, Timeline timeline) throws IOException, InterruptedException {
        events.addAll(eventPhases("", ept.client(), sim, timeline, () -> eptCpuMillis(ept)));
    }

    /** The latency scenarios and the sustained one, labels prefixed with {@code prefix}. */
    private List<EventScenario.Result> eventPhases(String prefix, EptClient ept, Simulator sim, Timeline timeline,
                                                   LongSupplier cpuMillis) throws IOException, InterruptedException {
        List<EventScenario.Result> out = new ArrayList<>();
        if (o.warmupSeconds > 0) {
            int rate = o.latencyRates.stream().min(Integer::compare).orElse(1000);
            out.add(EventScenario.run(prefix + WARMUP + " @" + rate + "/s", rate, o.warmupSeconds, o.endpoints, false,
                    ept, sim, timeline, Duration.ofMinutes(10), cpuMillis));
        }
        for (int rate : o.latencyRates.stream().sorted().toList()) {
            out.add(EventScenario.run(prefix + "latency @" + rate + "/s", rate, o.latencySeconds, o.endpoints, false,
                    ept, sim, timeline, Duration.ofMinutes(10), cpuMillis));
        }
        out.add(EventScenario.run(prefix + SUSTAINED, o.sustainedRate, o.sustainedSeconds, o.endpoints, true, ept, sim,
                timeline, Duration.ofSeconds(o.drainCapSeconds), cpuMillis));
        return out;
    }

    private Memory memory(String when, EptServer ept, Simulator sim) {
        ProcessMemory none = new ProcessMemory(0, 0);
        ProcessMemory jvm = ept.jvmPid().flatMap(ProcessMemory::of).orElse(none);
        ProcessMemory redis = ept.redisPid().flatMap(ProcessMemory::of).orElse(none);
        ProcessMemory simMem = ProcessMemory.of(sim.pid()).orElse(none);
        long heapUsed = 0;
        long heapCommitted = 0;
        long heapMax = 0;
        try {
            PipelineSample s = PipelineSample.read(ept.client());
            heapUsed = s.heapUsed();
            heapCommitted = s.heapCommitted();
            heapMax = s.heapMax();
        } catch (IOException | InterruptedException e) {
            problems.add("heap of EPT not readable: " + e.getMessage());
        }
        long simUsed = 0;
        long simCommitted = 0;
        try {
            JsonNode st = sim.client().status();
            simUsed = st.path("heapUsedBytes").asLong();
            simCommitted = st.path("heapCommittedBytes").asLong();
        } catch (IOException | InterruptedException e) {
            problems.add("heap of the simulator not readable: " + e.getMessage());
        }
        Memory m = new Memory(when, jvm.rssBytes(), jvm.peakRssBytes(), heapUsed, heapCommitted, heapMax,
                redis.rssBytes(), simMem.rssBytes(), simUsed, simCommitted);
        LOG.info(() -> String.format("memory %s: EPT JVM RSS %s (peak %s), heap %s of %s; redis %s; simulator %s", when,
                mib(m.eptRss()), mib(m.eptPeakRss()), mib(m.eptHeapUsed()), mib(m.eptHeapCommitted()), mib(m.redisRss()),
                mib(m.simRss())));
        return m;
    }

    // ------------------------------------------------------------------------------------------------ report

    /** Issue 16's memory targets: 2 GiB throughout for the 32K-record fabric, 6 GiB for the design target. */
    private static final long RSS_TARGET_32K = 2 * GIB;
    private static final long RSS_TARGET_DESIGN = 6 * GIB;

    private void buildTable(Timeline timeline) {
        for (BuildScenario.Result b : builds) {
            String s = "build " + b.scale();
            table.add(s, "epm records (tunnels, hosts)", String.format("%,d (%,d, %,d)", b.records(), b.tunnels(), b.hosts()));
            String time = b.completed() ? String.format("%.1f s", b.seconds())
                    : b.failure() != null ? String.format("failed after %.0f s (%s): %,d of %,d processed", b.seconds(),
                    b.failure(), b.processedRecords(), b.queuedRecords())
                    : String.format("not done in %.0f s: %,d of %,d processed", b.seconds(), b.processedRecords(),
                    b.queuedRecords());
            if ("design".equals(b.scale())) {
                table.add(s, "initial build time", time, "<= 600 s", b.completed() && b.seconds() <= 600);
            } else {
                table.add(s, "initial build time", time);
            }
            table.add(s, b.completed() ? "records/s" : "records/s so far", String.format("%,.0f", b.recordsPerSecond()));
            if (!Double.isNaN(b.dispatchSeconds())) {
                table.add(s, "APIC read + queueing part", String.format("%.1f s", b.dispatchSeconds()));
            }
            addPeakRss(s, "EPT total RSS, highest sampled during the build", timeline.maxRss(("build " + b.scale())::equals),
                    b.scale());
        }
        for (Memory m : memories) {
            String s = "memory " + m.when().replace("after ", "");
            table.add(s, "EPT WildFly JVM RSS (peak)", mib(m.eptRss()) + " (" + mib(m.eptPeakRss()) + ")");
            table.add(s, "EPT heap used / committed / max", mib(m.eptHeapUsed()) + " / " + mib(m.eptHeapCommitted()) + " / "
                    + mib(m.eptHeapMax()));
            table.add(s, "embedded redis-server RSS", mib(m.redisRss()));
            if (m.when().equals("after build 32k")) {
                table.add(s, "EPT total RSS (JVM + redis)", mib(m.eptTotalRss()), "<= 2048 MiB", m.eptTotalRss() <= RSS_TARGET_32K);
            } else if (m.when().equals("after build design")) {
                table.add(s, "EPT total RSS (JVM + redis)", mib(m.eptTotalRss()), "<= 6144 MiB",
                        m.eptTotalRss() <= RSS_TARGET_DESIGN);
            } else {
                table.add(s, "EPT total RSS (JVM + redis)", mib(m.eptTotalRss()));
            }
            table.add(s, "simulator RSS / heap used", mib(m.simRss()) + " / " + mib(m.simHeapUsed()));
        }
        for (EventScenario.Result e : events) {
            addEventRows(e.label() + " (" + o.eventsScale + ")", e, timeline, false);
        }
        for (ClusterRun c : clusterRuns) {
            addClusterRows(c, timeline);
        }
        if (raw != null) {
            String s = "store (same run)";
            table.add(s, "raw inserts/s, one per call, 1 thread", String.format("%,.0f", raw.singleThreadInsertsPerSecond()));
            table.add(s, "raw inserts/s, one per call, " + raw.threads() + " threads",
                    String.format("%,.0f", raw.singleInsertsPerSecond()));
            table.add(s, "raw inserts/s, 1000 per call (the store's best)", String.format("%,.0f", raw.batchedInsertsPerSecond()));
            table.add(s, "raw updates/s of small rows by _id, 1000 per call", String.format("%,.0f", raw.batchedUpdatesPerSecond()));
            Optional<EventScenario.Result> sustained = events.stream().filter(e -> e.label().equals("sustained")).findFirst();
            if (sustained.isPresent() && raw.batchedInsertsPerSecond() > 0) {
                double ratio = sustained.get().throughput() / raw.batchedInsertsPerSecond();
                table.add(s, "pipeline events/s / raw batched inserts/s", String.format("%.2f", ratio), ">= 0.5", ratio >= 0.5);
                table.add(s, "pipeline events/s / raw inserts/s (1 per call, 1 thread)",
                        String.format("%.2f", sustained.get().throughput() / Math.max(1, raw.singleThreadInsertsPerSecond())));
            }
        }
        if (jmh != null) {
            jmh.forEach((name, score) -> table.add("analysis (JMH, 1 thread)", name + " events/s", String.format("%,.0f", score)));
        }
    }

    /** The rows of one event scenario; {@code cluster}: its CPU and memory are those of every process of a cluster. */
    private void addEventRows(String s, EventScenario.Result e, Timeline timeline, boolean cluster) {
        table.add(s, "offered / achieved by the simulator", String.format("%,d / %,.0f events/s for %d s", e.offeredRate(),
                e.achievedRate(), e.seconds()));
        table.add(s, "sent / received / processed", String.format("%,d / %,d / %,d", e.sent(), e.received(), e.processed()));
        if (e.label().endsWith(SUSTAINED)) {
            table.add(s, "end-to-end rate", String.format("%,.0f events/s", e.throughput()),
                    ">= 10,000 events/s (long-term 20,000)", e.throughput() >= 10_000);
            String lost = String.format("%,d", e.lost()) + (e.backlog() > 0
                    ? String.format(" (%,d still queued at the drain cap: not checked)", e.backlog()) : "");
            table.add(s, "lost (never received, or never processed)", lost, "0", e.lost() == 0 && e.backlog() == 0);
            String state = String.format("%d of %d", e.stateMismatches(), e.stateChecked())
                    + (e.backlog() > 0 ? " (backlog not drained)" : "");
            table.add(s, "hosts whose stored location differs from the simulator", state, "0",
                    e.stateMismatches() == 0 && e.backlog() == 0);
        } else {
            table.add(s, "end-to-end rate", String.format("%,.0f events/s", e.throughput()));
            table.add(s, "lost (never received, or never processed)", String.format("%,d", e.lost())
                    + (e.backlog() > 0 ? String.format(" (%,d still queued at the drain cap)", e.backlog()) : ""));
        }
        table.add(s, "drain after the load", String.format("%.1f s", e.drainSeconds()));
        table.add(s, "latency p50 / p90 / max", String.format("%s / %s / %s", ms(e.p50()), ms(e.p90()), ms(e.max())));
        if (e.label().contains(WARMUP)) {
            table.add(s, "latency p99 (receipt to stored)", ms(e.p99()) + " (warm-up: no target)");
        } else if (e.offeredRate() == 5000) {
            table.add(s, "latency p99 (receipt to stored)", ms(e.p99()), "<= 1 s", e.latencySamples() > 0 && e.p99() <= 1000);
        } else if (e.offeredRate() == 1000) {
            table.add(s, "latency p99 (receipt to stored)", ms(e.p99()), "<= 0.5 s", e.latencySamples() > 0 && e.p99() <= 500);
        } else {
            table.add(s, "latency p99 (receipt to stored)", ms(e.p99()));
        }
        long messages = Math.max(1, e.workerMillis().getOrDefault("messages", 1L));
        table.add(s, "worker ms/event: load / analyze / store / all", String.format("%.3f / %.3f / %.3f / %.3f",
                e.workerMillis().get("load") / (double) messages, e.workerMillis().get("analyze") / (double) messages,
                e.workerMillis().get("store") / (double) messages, e.workerMillis().get("total") / (double) messages));
        table.add(s, "events per worker message / store writes per event / watch jobs",
                String.format("%.1f / %.2f / %,d",
                        e.workerMillis().get("messages") / (double) Math.max(1, e.workerMillis().get("workerMessages")),
                        e.workerMillis().get("storeWrites") / (double) messages, e.workerMillis().get("watchJobs")));
        long cpu = e.workerMillis().getOrDefault("eptCpu", -1L);
        if (cpu >= 0 && e.processed() > 0) {
            table.add(s, cluster ? "CPU ms per processed event (all node JVMs, store, broker, redis)"
                    : "EPT JVM CPU ms per processed event (all threads, embedded store included)",
                    String.format("%.3f", cpu / (double) e.processed()));
        }
        addPeakRss(s, cluster ? "cluster total RSS (nodes, store, broker, redis), highest sampled during the load"
                : "EPT total RSS, highest sampled during the load", timeline.maxRss(e.label()::equals), cluster ? "" : o.eventsScale);
        if (e.rapidEndpoints() > 0) {
            table.add(s, "endpoints flagged rapid (events dropped by design)", Long.toString(e.rapidEndpoints()));
        }
    }

    private void addClusterRows(ClusterRun c, Timeline timeline) {
        String label = c.nodes() + (c.nodes() == 1 ? " node" : " nodes");
        String s = "cluster, " + label + " (" + c.scale() + ")";
        BuildScenario.Result b = c.build();
        if (b != null) {
            table.add(s, "initial build time", b.completed() ? String.format("%.1f s (%,d records)", b.seconds(), b.records())
                    : String.format("not completed after %.0f s", b.seconds()));
        }
        if (c.subscriberNode() != null) {
            table.add(s, "node running the fabric's subscriber", c.subscriberNode());
        }
        if (c.failure() != null) {
            table.add(s, "failed", c.failure());
        }
        for (EventScenario.Result e : c.events()) {
            addEventRows(e.label() + " (" + c.scale() + ")", e, timeline, true);
        }
    }

    /** One row per cluster size: the figures issue 18 asks for. */
    private String clusterSummary() {
        List<String> header = new ArrayList<>(List.of("nodes", "sustained events/s"));
        List<Integer> rates = o.latencyRates.stream().sorted().toList();
        rates.forEach(r -> header.add("p99 @" + String.format("%,d", r) + "/s"));
        header.addAll(List.of("CPU ms/event (sustained)", "RSS total (peak, sustained)", "lost", "state mismatches"));
        TextTable t = new TextTable(header);
        for (ClusterRun c : clusterRuns) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(c.nodes())));
            Optional<EventScenario.Result> sustained = c.sustained();
            row.add(sustained.map(e -> String.format("%,.0f", e.throughput())).orElse("-"));
            for (int r : rates) {
                row.add(c.latencyAt(r).map(e -> e.latencySamples() > 0 ? ms(e.p99()) : "no samples").orElse("-"));
            }
            row.add(sustained.map(e -> {
                long cpu = e.workerMillis().getOrDefault("eptCpu", -1L);
                return cpu >= 0 && e.processed() > 0 ? String.format("%.3f", cpu / (double) e.processed()) : "unknown";
            }).orElse("-"));
            row.add(c.sustainedPeakRss() > 0 ? mib(c.sustainedPeakRss()) : "-");
            row.add(sustained.map(e -> String.format("%,d", e.lost()) + (e.backlog() > 0 ? " (+" + e.backlog() + " queued)" : ""))
                    .orElse("-"));
            row.add(sustained.map(e -> e.stateMismatches() + " of " + e.stateChecked()).orElse(c.failure() == null ? "-"
                    : "failed: " + c.failure()));
            t.add(row);
        }
        return t.render();
    }

    /** A peak RSS row, against the target of its scale where issue 16 sets one. */
    private void addPeakRss(String section, String what, long bytes, String scale) {
        if (bytes <= 0) {
            return;
        }
        if ("32k".equals(scale)) {
            table.add(section, what, mib(bytes), "<= 2048 MiB", bytes <= RSS_TARGET_32K);
        } else if ("design".equals(scale)) {
            table.add(section, what, mib(bytes), "<= 6144 MiB", bytes <= RSS_TARGET_DESIGN);
        } else {
            table.add(section, what, mib(bytes));
        }
    }

    private void write(List<Timeline.Point> points) throws IOException {
        String text = table.render();
        if (!clusterRuns.isEmpty()) {
            text += "\nEPT cluster on this machine, " + o.eventsScale + " scale, sustained " + String.format("%,d", o.sustainedRate)
                    + " events/s offered for " + o.sustainedSeconds + " s:\n" + clusterSummary();
        }
        System.out.println();
        System.out.print(text);
        for (String p : problems) {
            System.out.println("problem: " + p);
        }
        Map<String, Object> json = new LinkedHashMap<>(details);
        json.put("finished", Instant.now().toString());
        json.put("table", table.rows());
        json.put("builds", builds);
        json.put("memory", memories);
        json.put("events", events);
        if (!clusterRuns.isEmpty()) {
            json.put("clusters", clusterRuns);
        }
        json.put("rawStore", raw);
        json.put("jmh", jmh);
        json.put("problems", problems);
        Files.writeString(o.out.resolve("results.txt"), text);
        JSON.writeValue(o.out.resolve("results.json").toFile(), json);
        Files.writeString(o.out.resolve("results.csv"), table.csv());
        TimelinePlot.write(points, o.out.resolve("timeline.png"));
        System.out.println("written: " + o.out.resolve("results.json") + ", results.csv, results.txt, timeline.png");
    }

    private static String mib(long bytes) {
        return String.format("%,d MiB", bytes / MIB);
    }

    private static String ms(double millis) {
        return millis >= 10_000 ? String.format("%.0f s", millis / 1000) : millis >= 1000 ? String.format("%.1f s", millis / 1000)
                : String.format("%.1f ms", millis);
    }

    private static String safeName(String scale) {
        return scale.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
