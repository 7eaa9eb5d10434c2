package io.ept.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ept.bench.client.EptClient;
import io.ept.bench.process.EptServer;
import io.ept.bench.process.Simulator;
import io.ept.bench.report.ResultTable;
import io.ept.bench.scenario.BuildScenario;
import io.ept.bench.scenario.EventScenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code ./ept soak}: a fresh EPT (own WildFly base directory and data, embedded Redis and MongoDB-protocol server)
 * monitoring a simulated fabric under a continuous event stream, with faults injected at random (seeded) times.
 * After the stream stops and EPT drained, every host's stored location is compared with the simulator's ground truth
 * and each node's history is checked for identical consecutive events. Prints one table and writes
 * {@code target/soak/results.{txt,json}} and {@code health.csv} (every health sample).
 */
public final class SoakMain {

    private static final Logger LOG = Logger.getLogger(SoakMain.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FABRIC = BuildScenario.FABRIC;
    private static final long RECOVERY_TARGET_MILLIS = 30_000;

    private final SoakOptions o;
    private final String password = "soak-" + java.util.UUID.randomUUID();
    private final AtomicReference<EptServer> ept = new AtomicReference<>();
    private final Set<String> movedMacs = ConcurrentHashMap.newKeySet();
    private final AtomicLong emitted = new AtomicLong();
    private final List<String> problems = new ArrayList<>();
    private Simulator sim;
    private Path work;

    private SoakMain(SoakOptions o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT soak: %5$s%6$s%n");
        SoakOptions o;
        try {
            o = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(SoakOptions.HELP);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        System.exit(new SoakMain(o).run());
    }

    private int run() throws Exception {
        Files.createDirectories(o.out);
        work = o.out.resolve("work");
        deleteTree(work);
        Files.createDirectories(work);
        Instant started = Instant.now();
        LOG.info("starting the simulator (" + o.topology + ") and EPT (port offset " + o.portOffset + ")");
        sim = Simulator.start(o.simJar, o.root, work, o.simPort, o.topology, "1g", Duration.ofMinutes(2));
        HealthWatch watch = null;
        ApiReader reader = null;
        try {
            ept.set(startEpt());
            createFabric();
            watch = new HealthWatch(() -> ept.get().client(), FABRIC);
            reader = new ApiReader(() -> ept.get().client(), FABRIC, () -> password);
            daemon("soak-health", watch);
            daemon("soak-api-reader", reader);

            long framesBefore = sim.client().status().path("framesSent").asLong();
            long streamStart = System.currentTimeMillis();
            long streamEnd = streamStart + o.streamSeconds() * 1000L;
            Thread stream = daemon("soak-stream", () -> stream(streamEnd));
            injectFaults(watch, plan(streamStart), streamEnd);
            stream.join(180_000);
            sim.client().call("DELETE", "/_sim/faults", null);
            LOG.info("stream over; waiting for EPT to drain");
            double drainSeconds = drain(watch);
            long sent = sim.client().status().path("framesSent").asLong() - framesBefore;
            watch.stop();
            reader.stop();
            Thread.sleep(600);

            Measured m = measure();
            ResultTable table = table(watch, reader, sent, drainSeconds, m);
            write(table, watch, reader, sent, drainSeconds, m, started);
            System.out.println(table.render());
            problems.forEach(p -> System.out.println("problem: " + p));
            return 0;
        } finally {
            if (watch != null) {
                watch.stop();
            }
            if (reader != null) {
                reader.stop();
            }
            EptServer server = ept.get();
            if (server != null) {
                server.close();
            }
            sim.close();
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private EptServer startEpt() throws IOException, InterruptedException {
        return EptServer.start(o.root, o.serverHome, o.ear, work, o.portOffset, "-Xms512m -Xmx1g", o.eptProperties, password,
                Duration.ofMinutes(5));
    }

    private void createFabric() throws IOException, InterruptedException {
        EptClient client = ept.get().client();
        client.call("POST", "/fabric", JSON.writeValueAsString(Map.of("fabric", FABRIC, "apic_hostname", sim.apicUrl(),
                "apic_username", "admin", "apic_password", "ept-sim"))).require();
        client.call("POST", "/uni/fb-" + FABRIC + "/start", "{\"reason\":\"soak\"}").require();
        awaitRunning(Duration.ofMinutes(5));
        LOG.info("fabric " + FABRIC + " running");
    }

    private void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            try {
                JsonNode s = ept.get().client().getJson("/uni/fb-" + FABRIC + "/status");
                if ("running".equals(s.path("status").asText())) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(500);
        }
        throw new IOException("fabric " + FABRIC + " not running within " + timeout.toSeconds() + " s");
    }

    /** The simulator's host moves at the offered rate, in 15 s chunks, until the end of the stream. */
    private void stream(long end) {
        while (System.currentTimeMillis() < end - 1000) {
            int seconds = (int) Math.max(1, Math.min(15, (end - System.currentTimeMillis()) / 1000));
            try {
                JsonNode report = sim.client().load(o.rate, seconds, 10_000);
                report.path("movedMacs").forEach(m -> movedMacs.add(m.asText().toUpperCase()));
                emitted.addAndGet(report.path("eventsEmitted").asLong());
            } catch (Exception e) {
                synchronized (problems) {
                    problems.add("event stream chunk failed: " + e.getMessage());
                }
            }
        }
    }

    private record Planned(long atMillis, FaultKind kind) {
    }

    /** Each kind's injections at uniformly random times of the stream (not in its first 15 or last 25 seconds). */
    private List<Planned> plan(long streamStart) {
        Random random = new Random(o.seed);
        long window = Math.max(1000, o.streamSeconds() * 1000L - 40_000);
        List<Planned> plan = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            for (int i = 0; i < kind.count(o.minutes, o.smoke); i++) {
                plan.add(new Planned(streamStart + 15_000 + (long) (random.nextDouble() * window), kind));
            }
        }
        plan.sort(Comparator.comparingLong(Planned::atMillis));
        return plan;
    }

    private void injectFaults(HealthWatch watch, List<Planned> plan, long streamEnd) throws InterruptedException {
        LOG.info("injecting " + plan.size() + " faults over " + o.streamSeconds() + " s");
        for (Planned p : plan) {
            long wait = p.atMillis() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            try {
                if (inject(p.kind(), watch)) {
                    LOG.info(() -> "injected: " + p.kind().label);
                }
            } catch (Exception e) {
                synchronized (problems) {
                    problems.add("injecting " + p.kind().label + " failed: " + e);
                }
            }
        }
        long rest = streamEnd - System.currentTimeMillis();
        if (rest > 0) {
            Thread.sleep(rest);
        }
    }

    private boolean inject(FaultKind kind, HealthWatch watch) throws Exception {
        switch (kind) {
            case WEBSOCKET_DROP -> simFaults(watch, kind, "{\"dropWebsockets\":true}");
            case TOKEN_EXPIRY -> simFaults(watch, kind, "{\"expireTokens\":true}");
            case APIC_503 -> simFaults(watch, kind, "{\"errorStatus\":503,\"errorSeconds\":5}");
            case APIC_429 -> simFaults(watch, kind, "{\"errorStatus\":429,\"errorSeconds\":5}");
            case REFUSED_LOGIN -> {
                simFaults(watch, kind, "{\"refuseLogins\":true,\"dropWebsockets\":true}");
                daemon("soak-accept-logins", () -> {
                    try {
                        Thread.sleep(10_000);
                        sim.client().call("POST", "/_sim/faults", "{\"refuseLogins\":false}");
                    } catch (Exception e) {
                        synchronized (problems) {
                            problems.add("accepting logins again failed: " + e);
                        }
                    }
                });
            }
            case MALFORMED_FRAMES -> {
                int n = kind.frames(o.smoke);
                watch.injected(kind);
                // half not JSON at all, half a record cut off in the middle
                sim.client().call("POST", "/_sim/websocket/frames", JSON.writeValueAsString(Map.of("text",
                        "{not json: [", "count", n / 2)));
                sim.client().call("POST", "/_sim/websocket/frames", JSON.writeValueAsString(Map.of("text",
                        "{\"subscriptionId\":[\"1\"],\"imdata\":[{\"epmMacEp\":{\"attributes\":{\"dn\":\"topology/pod-1/node-101/sys/ctx-[vxlan-",
                        "count", n - n / 2)));
            }
            case OVERSIZED_FRAME -> {
                watch.injected(kind);
                sim.client().call("POST", "/_sim/websocket/frames", "{\"padTo\":" + (9 << 20) + ",\"count\":1}");
            }
            case REDIS_KILL -> {
                Optional<Long> pid = ept.get().redisPid().or(this::redisOfDataDir);
                if (pid.isEmpty()) {
                    problems.add("kill -9 redis-server: no redis-server found");
                    return false;
                }
                watch.injected(kind);
                kill9(pid.get());
            }
            case WILDFLY_KILL -> {
                EptServer old = ept.get();
                Optional<Long> pid = old.jvmPid();
                if (pid.isEmpty()) {
                    problems.add("kill -9 WildFly: JVM not found");
                    return false;
                }
                watch.samplePipelineNow();
                watch.injected(kind);
                kill9(pid.get());
                watch.incarnationEnded();
                old.close(); // the wrapper script; its redis-server is left for the next JVM to clean up
                ept.set(startEpt());
            }
        }
        return true;
    }

    /** A redis-server restarted by EPT is no descendant of the JVM's wrapper: found by its pid file. */
    private Optional<Long> redisOfDataDir() {
        try {
            Path pidFile = work.resolve("data/redis/redis.pid");
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void simFaults(HealthWatch watch, FaultKind kind, String body) throws IOException, InterruptedException {
        watch.injected(kind);
        sim.client().call("POST", "/_sim/faults", body);
    }

    private static void kill9(long pid) throws Exception {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            throw new IOException("pid " + pid + " is gone already");
        }
        h.get().destroyForcibly(); // SIGKILL
        h.get().onExit().get(30, TimeUnit.SECONDS);
    }

    /**
     * Until the fabric runs, the work queues are empty, EPT processed what it received and the simulator sent
     * nothing for 5 s (bounce entries expire after the stream), all for 5 s in a row; at most 5 minutes.
     */
    private double drain(HealthWatch watch) throws InterruptedException, IOException {
        long start = System.currentTimeMillis();
        long deadline = start + 300_000;
        long lastFrames = -1;
        long framesQuietSince = start;
        long settledSince = 0;
        while (System.currentTimeMillis() < deadline) {
            long frames = sim.client().status().path("framesSent").asLong();
            if (frames != lastFrames) {
                lastFrames = frames;
                framesQuietSince = System.currentTimeMillis();
            }
            boolean settled = false;
            try {
                EptClient c = ept.get().client();
                String st = c.getJson("/uni/fb-" + FABRIC + "/status").path("status").asText();
                long queued = 0; // due work: rechecks scheduled for later are not a backlog
                for (JsonNode q : c.getJson("/app-status/manager").path("manager").path("queues")) {
                    if (!"EptDLQ".equals(q.path("queue").asText())) {
                        queued += q.path("queue_len").asLong() - q.path("scheduled").asLong();
                    }
                }
                JsonNode p = c.getJson("/app-status/pipeline");
                settled = "running".equals(st) && queued == 0
                        && p.path("liveProcessed").asLong() >= p.path("liveReceived").asLong()
                        && System.currentTimeMillis() - framesQuietSince >= 5000;
            } catch (IOException e) {
                settled = false;
            }
            if (!settled) {
                settledSince = 0;
            } else if (settledSince == 0) {
                settledSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - settledSince >= 5000) {
                return (settledSince - start) / 1000.0;
            }
            Thread.sleep(500);
        }
        problems.add("EPT did not drain within 300 s");
        return Double.NaN;
    }

    record Measured(int hostsChecked, int hostsMismatched, long duplicatedEvents, int hostsWithDuplicates,
                    long deadLetters, List<String> duplicateExamples) {
    }

    private Measured measure() throws IOException, InterruptedException {
        Set<String> macs = new LinkedHashSet<>(movedMacs);
        for (JsonNode e : sim.client().call("GET", "/_sim/topology", null).path("endpoints")) {
            if (e.hasNonNull("mac")) {
                macs.add(e.path("mac").asText().toUpperCase());
            }
        }
        EptClient client = ept.get().client();
        int[] compared = EventScenario.compareWithGroundTruth(FABRIC, new ArrayList<>(macs), client, sim);
        long duplicated = 0;
        int hostsWithDuplicates = 0;
        List<String> examples = new ArrayList<>();
        for (String mac : macs) {
            JsonNode page = client.get("/ept/history", Map.of("filter", "and(eq(\"fabric\",\"" + FABRIC
                    + "\"),eq(\"addr\",\"" + mac + "\"))", "page-size", "100")).require().json();
            long here = 0;
            for (JsonNode o : page.path("objects")) {
                JsonNode row = o.elements().next();
                JsonNode events = row.path("events");
                for (int i = 0; i + 1 < events.size(); i++) {
                    if (events.get(i).equals(events.get(i + 1))) {
                        here++;
                        if (examples.size() < 5) {
                            examples.add(mac + " node " + row.path("node").asInt() + ": " + events.get(i));
                        }
                    }
                }
            }
            duplicated += here;
            hostsWithDuplicates += here > 0 ? 1 : 0;
        }
        long dlq = client.getJson("/app-status/dead-letter").path("count").asLong();
        return new Measured(compared[0], compared[1], duplicated, hostsWithDuplicates, dlq, examples);
    }

    private ResultTable table(HealthWatch watch, ApiReader reader, long sent, double drainSeconds, Measured m) {
        ResultTable t = new ResultTable();
        Map<FaultKind, Integer> counts = watch.injectedCounts();
        Map<FaultKind, Long> recovery = watch.longestRecovery();
        for (FaultKind k : FaultKind.values()) {
            int n = counts.getOrDefault(k, 0);
            if (n == 0) {
                continue;
            }
            long r = recovery.getOrDefault(k, 0L);
            String injected = k == FaultKind.MALFORMED_FRAMES ? n * k.frames(o.smoke) + " frames" : String.valueOf(n);
            String longest = r == Long.MAX_VALUE ? "never recovered" : String.format("%.1f s", r / 1000.0);
            t.add("faults", k.label, injected + " injected; longest recovery " + longest, "<= 30 s",
                    r <= RECOVERY_TARGET_MILLIS);
        }
        t.add("faults", "outages no fault explains", String.valueOf(watch.unexplainedOutages()), "0",
                watch.unexplainedOutages() == 0);
        long[] unhealthy = watch.unhealthyMillis();
        t.add("faults", "time not healthy (app-status not 200 or fabric not running)", String.format("%.0f s of %.0f s",
                unhealthy[0] / 1000.0, unhealthy[1] / 1000.0));
        long received = watch.received();
        long processed = watch.processed();
        t.add("events", "sent by the simulator (websocket frames)", String.format("%,d", sent));
        t.add("events", "received by EPT (live)", String.format("%,d", received));
        t.add("events", "processed by EPT (live)", String.format("%,d", processed));
        t.add("events", "not received: sent while EPT was disconnected (state re-read by the rebuild or gap reconcile)",
                String.format("%,d", Math.max(0, sent - received)));
        long lost = Math.max(0, received - processed);
        long lostAtKills = Math.min(lost, watch.inMemoryAtKills());
        t.add("events", "lost: received, never processed", String.format("%,d", lost), "0", lost == 0);
        t.add("events", "  of which in memory at a kill -9 of the JVM (its restart's rebuild re-reads the state)",
                String.format("%,d", lostAtKills));
        t.add("events", "  lost otherwise", String.format("%,d", lost - lostAtKills), "0", lost == lostAtKills);
        t.add("events", "drain after the stream", Double.isNaN(drainSeconds) ? "did not drain" : String.format("%.1f s", drainSeconds));
        t.add("state", "duplicated: identical consecutive history events of a node",
                String.format("%,d (%d hosts)", m.duplicatedEvents(), m.hostsWithDuplicates()), "0", m.duplicatedEvents() == 0);
        t.add("state", "hosts mismatched with the simulator's ground truth",
                m.hostsMismatched() + " of " + m.hostsChecked(), "0", m.hostsMismatched() == 0);
        t.add("state", "dead-lettered messages at the end", String.valueOf(m.deadLetters()), "0", m.deadLetters() == 0);
        t.add("api", "HTTP 500s seen by the background reader",
                reader.errors500() + " of " + String.format("%,d", reader.requests()) + " requests", "0", reader.errors500() == 0);
        return t;
    }

    private void write(ResultTable table, HealthWatch watch, ApiReader reader, long sent, double drainSeconds, Measured m,
                       Instant started) throws IOException {
        Files.writeString(o.out.resolve("results.txt"), table.render());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("finished", Instant.now().toString());
        json.put("options", Map.of("minutes", o.minutes, "smoke", o.smoke, "rate", o.rate, "topology", o.topology,
                "seed", o.seed, "streamSeconds", o.streamSeconds(), "eptProperties", o.eptProperties));
        Map<String, Object> faults = new LinkedHashMap<>();
        Map<FaultKind, Long> recovery = watch.longestRecovery();
        watch.injectedCounts().forEach((k, n) -> faults.put(k.name(), Map.of("injected", n, "longestRecoveryMillis",
                recovery.getOrDefault(k, 0L))));
        json.put("faults", faults);
        json.put("unexplainedOutages", watch.unexplainedOutages());
        json.put("unhealthyMillis", watch.unhealthyMillis()[0]);
        json.put("injections", watch.injections().stream().map(i -> Map.of("millis", i.millis(), "kind", i.kind().name()))
                .toList());
        json.put("events", Map.of("emitted", emitted.get(), "sent", sent, "received", watch.received(),
                "processed", watch.processed(), "lost", Math.max(0, watch.received() - watch.processed()),
                "inMemoryAtKills", watch.inMemoryAtKills(),
                "drainSeconds", Double.isNaN(drainSeconds) ? -1 : drainSeconds));
        json.put("state", Map.of("hostsChecked", m.hostsChecked(), "hostsMismatched", m.hostsMismatched(),
                "duplicatedEvents", m.duplicatedEvents(), "hostsWithDuplicates", m.hostsWithDuplicates(),
                "duplicateExamples", m.duplicateExamples(), "deadLetters", m.deadLetters()));
        json.put("api", Map.of("requests", reader.requests(), "http500", reader.errors500(), "examples", reader.examples()));
        json.put("problems", problems);
        json.put("table", table.rows());
        Files.writeString(o.out.resolve("results.json"), JSON.writeValueAsString(json));
        StringBuilder csv = new StringBuilder("millis,healthy,detail\n");
        for (HealthWatch.Sample s : watch.samples()) {
            csv.append(s.millis()).append(',').append(s.healthy()).append(",\"").append(s.detail().replace("\"", "'"))
                    .append("\"\n");
        }
        Files.writeString(o.out.resolve("health.csv"), csv);
        LOG.info("results in " + o.out);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
