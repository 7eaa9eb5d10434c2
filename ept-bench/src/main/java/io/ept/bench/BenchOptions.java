package io.ept.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command line of {@code ./ept bench}; see {@link #HELP}. */
public final class BenchOptions {

    /** Named scales: epm record counts of about 50 (demo), 32K, 500K and the design target (about 4.2M). */
    public static final Map<String, String> SCALES = new LinkedHashMap<>();

    static {
        SCALES.put("demo", "demo");
        SCALES.put("32k", "leaves=20,vpc-pairs=10,endpoints=780");
        SCALES.put("500k", "leaves=100,vpc-pairs=50,endpoints=11400");
        SCALES.put("design", "leaves=400,vpc-pairs=200,endpoints=100000,remote-leaves=20");
    }

    static final String HELP = String.join("\n",
            "Usage: ./ept bench [options]      (java -jar ept-bench/target/ept-bench.jar --root . [options])",
            "  --scale LIST            scales to build, comma separated: demo, 32k, 500k, design, or a simulator",
            "                          generator spec in quotes (default demo,32k,500k,design)",
            "  --events-scale NAME     scale on which the event scenarios run after its build (default 32k; none = skip)",
            "  --build-cap S           longest wait for one initial build, seconds (default 900)",
            "  --sustained-rate N      offered events/s of the sustained scenario (default 25000)",
            "  --sustained-seconds S   its duration (default 30: a rate, not a burst)",
            "  --drain-cap S           longest wait for EPT to process the sustained load, seconds (default 1800)",
            "  --latency-rates LIST    offered events/s of the latency scenarios (default 1000,5000)",
            "  --latency-seconds S     duration of each (default 15)",
            "  --warmup-seconds S      load at the lowest latency rate before the measured phases, reported on its own",
            "                          row without a target: the first seconds after a start run the worker path",
            "                          interpreted while the JIT compiles it; methods run once per message reach",
            "                          the optimising compiler only after a minute or two (default 90; 0 = none)",
            "  --endpoints N           hosts the load moves (default 100000, i.e. all of the scale)",
            "  --raw-seconds S         duration of each raw store measurement (default 10)",
            "  --raw-threads N         threads of the single-insert measurement (default 8 = EPT's worker sessions)",
            "  --nodes LIST            cluster sizes, comma separated (e.g. 1,2,3): for each, a fresh simulator and an",
            "                          N-node cluster (./ept cluster start N, its own store, redis and broker) on ONE scale",
            "                          (--scale, default 32k), its build, the latency and sustained scenarios, then",
            "                          ./ept cluster stop; one table row per size. No raw store measurement, no JMH",
            "  --no-jmh                skip the JMH analysis benchmark",
            "  --smoke                 minutes-free check that the harness works: demo scale, short runs, quick JMH",
            "  --port-offset N         WildFly port offset of the benchmark instance (default $EPT_BENCH_PORT_OFFSET or 300)",
            "  --sim-port N            simulator HTTP port (default 18544)",
            "  --ept-java-opts OPTS    JVM options of WildFly (default $EPT_JAVA_OPTS or -Xms256m -Xmx1280m -XX:G1PeriodicGCInterval=15000; the design",
            "                          scale runs with -Xms1g -Xmx4g unless this option is given)",
            "  --mongo-uri URI         run against this MongoDB instead of the embedded store (each scale uses a fresh",
            "                          database ept_bench_<time>_<scale>, dropped afterwards); default $EPT_MONGO_URI",
            "  --ept-property K=V      extra system property for EPT (repeatable), e.g. ept.worker.sessions=16",
            "  --out DIR               reports directory (default <root>/target/bench)",
            "  --root DIR              the EPT worktree (set by ./ept)");

    Path root = Path.of(".").toAbsolutePath().normalize();
    Path out;
    List<String> scales = new ArrayList<>(SCALES.keySet());
    String eventsScale = "32k";
    int buildCapSeconds = 900;
    int sustainedRate = 25_000;
    int sustainedSeconds = 30;
    int drainCapSeconds = 1800;
    List<Integer> latencyRates = new ArrayList<>(List.of(1000, 5000));
    int latencySeconds = 15;
    int warmupSeconds = 90;
    int endpoints = 100_000;
    int rawSeconds = 10;
    int rawThreads = 8;
    boolean jmh = true;
    boolean smoke;
    int portOffset = envInt("EPT_BENCH_PORT_OFFSET", 300);
    int simPort = 18544;
    /** JVM options of WildFly; null: {@link #javaOpts(String)} picks the default of the scale. */
    String eptJavaOpts = env("EPT_JAVA_OPTS", null);
    /** External MongoDB to run against (null: the embedded store). */
    String mongoUri = env("EPT_MONGO_URI", null);
    Map<String, String> eptProperties = new LinkedHashMap<>();
    /** Cluster sizes of the cluster benchmark; empty: the single-server benchmark. */
    List<Integer> nodes = List.of();

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        boolean scalesGiven = false;
        boolean eventsScaleGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> throw new UsageException(null);
                case "--no-jmh" -> o.jmh = false;
                case "--smoke" -> o.smoke = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("missing value for " + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--scale" -> {
                            o.scales = splitScales(v);
                            scalesGiven = true;
                        }
                        case "--events-scale" -> {
                            o.eventsScale = v;
                            eventsScaleGiven = true;
                        }
                        case "--nodes" -> o.nodes = clusterSizes(v);
                        case "--build-cap" -> o.buildCapSeconds = Integer.parseInt(v);
                        case "--sustained-rate" -> o.sustainedRate = Integer.parseInt(v);
                        case "--sustained-seconds" -> o.sustainedSeconds = Integer.parseInt(v);
                        case "--drain-cap" -> o.drainCapSeconds = Integer.parseInt(v);
                        case "--latency-rates" -> o.latencyRates = ints(v);
                        case "--latency-seconds" -> o.latencySeconds = Integer.parseInt(v);
                        case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                        case "--endpoints" -> o.endpoints = Integer.parseInt(v);
                        case "--raw-seconds" -> o.rawSeconds = Integer.parseInt(v);
                        case "--raw-threads" -> o.rawThreads = Integer.parseInt(v);
                        case "--port-offset" -> o.portOffset = Integer.parseInt(v);
                        case "--sim-port" -> o.simPort = Integer.parseInt(v);
                        case "--ept-java-opts" -> o.eptJavaOpts = v;
                        case "--mongo-uri" -> o.mongoUri = v;
                        case "--ept-property" -> {
                            int eq = v.indexOf('=');
                            if (eq <= 0) {
                                throw new UsageException("--ept-property needs KEY=VALUE");
                            }
                            o.eptProperties.put(v.substring(0, eq), v.substring(eq + 1));
                        }
                        case "--out" -> o.out = Path.of(v).toAbsolutePath();
                        case "--root" -> o.root = Path.of(v).toAbsolutePath().normalize();
                        default -> throw new UsageException("unknown option " + a);
                    }
                }
            }
        }
        if (o.smoke) {
            o.scales = List.of("demo");
            o.eventsScale = "demo";
            o.sustainedRate = 2000;
            o.sustainedSeconds = 5;
            o.latencyRates = List.of(500);
            o.latencySeconds = 5;
            o.warmupSeconds = 0;
            o.rawSeconds = 2;
            o.buildCapSeconds = 120;
        }
        if (!o.nodes.isEmpty()) {
            clusterScale(o, scalesGiven, eventsScaleGiven);
        }
        if (!"none".equals(o.eventsScale) && !o.scales.contains(o.eventsScale)) {
            o.scales = new ArrayList<>(o.scales);
            o.scales.add(0, o.eventsScale);
        }
        if (o.scales.size() > 1 && !"demo".equals(o.scales.get(0)) && o.scales.contains("demo")) {
            // the raw store is measured on the first server: the demo one is idle and its memory matters least
            o.scales = new ArrayList<>(o.scales);
            o.scales.remove("demo");
            o.scales.add(0, "demo");
        }
        if (o.out == null) {
            o.out = o.root.resolve("target/bench");
        }
        return o;
    }

    /** The cluster benchmark runs on one scale: the one of --scale, else of --events-scale, else 32k. */
    private static void clusterScale(BenchOptions o, boolean scalesGiven, boolean eventsScaleGiven) {
        if (o.mongoUri != null) {
            throw new UsageException("--nodes runs each cluster with its own store: drop --mongo-uri (or unset EPT_MONGO_URI)");
        }
        if (scalesGiven && !o.smoke) {
            if (o.scales.size() != 1) {
                throw new UsageException("--nodes runs on one scale, --scale gave " + o.scales);
            }
            if (eventsScaleGiven && !o.eventsScale.equals(o.scales.get(0))) {
                throw new UsageException("--nodes: --scale " + o.scales.get(0) + " and --events-scale " + o.eventsScale
                        + " differ; give one");
            }
            o.eventsScale = o.scales.get(0);
        } else if ("none".equals(o.eventsScale)) {
            throw new UsageException("--nodes runs the event scenarios: --events-scale none makes no sense with it");
        }
        o.scales = List.of(o.eventsScale);
        o.jmh = false;
    }

    private static List<Integer> clusterSizes(String v) {
        List<Integer> sizes;
        try {
            sizes = ints(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--nodes needs cluster sizes, e.g. 1,2,3; got " + v);
        }
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new UsageException("--nodes needs cluster sizes >= 1, e.g. 1,2,3; got " + v);
        }
        return sizes;
    }

    /**
     * Default heap of EPT (the same as ./ept's): 1.25 GiB keeps a 32K-record fabric under 2 GiB of RSS during event
     * load, and G1 returns idle heap; the design target is measured with a 4 GiB heap (issue 16).
     */
    public static final String DEFAULT_JAVA_OPTS = "-Xms256m -Xmx1280m -XX:G1PeriodicGCInterval=15000";
    static final String DESIGN_JAVA_OPTS = "-Xms1g -Xmx4g";

    /** WildFly's JVM options for a scale: the ones given, else the default (the design scale: a 4 GiB heap). */
    String javaOpts(String scale) {
        if (eptJavaOpts != null) {
            return eptJavaOpts;
        }
        return "design".equals(scale) ? DESIGN_JAVA_OPTS : DEFAULT_JAVA_OPTS;
    }

    /** The generator spec of a named scale, or the argument itself (a spec). */
    static String topology(String scale) {
        return SCALES.getOrDefault(scale, scale);
    }

    /** Scales are comma separated, but a generator spec also contains commas: keep key=value runs together. */
    static List<String> splitScales(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder spec = new StringBuilder();
        for (String part : v.split(",")) {
            String p = part.trim();
            if (p.contains("=")) {
                spec.append(spec.length() > 0 ? "," : "").append(p);
            } else {
                if (spec.length() > 0) {
                    out.add(spec.toString());
                    spec.setLength(0);
                }
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        if (spec.length() > 0) {
            out.add(spec.toString());
        }
        return out;
    }

    private static List<Integer> ints(String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim()));
            }
        }
        return out;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
