package io.ept.bench.soak;

import java.nio.file.Path;

/** Command line of {@code ./ept soak}. */
final class SoakOptions {

    static final String HELP = """
            ./ept soak [--minutes N] [--smoke] [options]
              EPT and the simulator under a continuous event stream with faults injected at random times (websocket
              drops, token expiries, APIC 503/429 bursts, refused logins, malformed/truncated and oversized frames,
              kill -9 of redis-server and of the WildFly JVM); after the drain every host's stored state is compared
              with the simulator's ground truth. One table; results in target/soak/.
              --minutes N        length of the event stream (default 10)
              --smoke            a short run with fewer faults (CI): 100 s stream, no WildFly kill
              --rate N           events per second offered by the simulator (default 20)
              --topology SPEC    simulator topology (default leaves=6,vpc-pairs=2,endpoints=300)
              --seed N           random seed of the fault times (default 17)
              --port-offset N    WildFly port offset (default 600)
              --sim-port N       simulator HTTP port (default 18644)
              --out DIR          results directory (default <root>/target/soak)
              --ept-property K=V a system property of EPT's JVM (repeatable), e.g.
                                 ept.monitor.restart-suppression-seconds=5
              --server-home DIR, --ear FILE, --sim-jar FILE   use these instead of the build's
            """;

    Path root = Path.of(".");
    int minutes = 10;
    boolean smoke;
    int rate = 20;
    String topology = "leaves=6,vpc-pairs=2,endpoints=300";
    long seed = 17;
    int portOffset = 600;
    int simPort = 18644;
    Path out;
    Path serverHome;
    Path ear;
    Path simJar;
    final java.util.Map<String, String> eptProperties = new java.util.LinkedHashMap<>();

    static SoakOptions parse(String[] args) {
        SoakOptions o = new SoakOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--smoke")) {
                o.smoke = true;
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value of " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--root" -> o.root = Path.of(v);
                    case "--minutes" -> o.minutes = positive(a, Integer.parseInt(v));
                    case "--rate" -> o.rate = positive(a, Integer.parseInt(v));
                    case "--topology" -> o.topology = v;
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--port-offset" -> o.portOffset = Integer.parseInt(v);
                    case "--sim-port" -> o.simPort = positive(a, Integer.parseInt(v));
                    case "--out" -> o.out = Path.of(v);
                    case "--server-home" -> o.serverHome = Path.of(v);
                    case "--ear" -> o.ear = Path.of(v);
                    case "--sim-jar" -> o.simJar = Path.of(v);
                    case "--ept-property" -> {
                        int eq = v.indexOf('=');
                        if (eq <= 0 || !v.substring(0, eq).matches("[A-Za-z0-9._-]+")) {
                            throw new IllegalArgumentException("--ept-property needs name=value, not '" + v + "'");
                        }
                        o.eptProperties.put(v.substring(0, eq), v.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number, not '" + v + "'");
            }
        }
        o.root = o.root.toAbsolutePath().normalize();
        if (o.out == null) {
            o.out = o.root.resolve("target/soak");
        }
        if (o.serverHome == null) {
            o.serverHome = o.root.resolve("wildfly-config/target/wildfly-39.0.1.Final");
        }
        if (o.ear == null) {
            o.ear = o.root.resolve("ept-ear/target/ept.ear");
        }
        if (o.simJar == null) {
            o.simJar = o.root.resolve("ept-apic-sim/target/ept-apic-sim.jar");
        }
        return o;
    }

    private static int positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return value;
    }

    /** Seconds of event stream. */
    int streamSeconds() {
        return smoke ? 100 : minutes * 60;
    }
}
