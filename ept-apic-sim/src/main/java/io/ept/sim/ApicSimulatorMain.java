package io.ept.sim;

import io.ept.sim.topology.Topology;

/** Command line entry point: java -jar ept-apic-sim.jar [options]. */
public final class ApicSimulatorMain {
    private static final String HELP = String.join("\n",
            "Usage: java -jar ept-apic-sim.jar [options]",
            "  --http-port N          HTTP port (default 8080; 0 = any free port; -1 = off)",
            "  --https-port N         HTTPS port with a self-signed certificate made at start (default -1 = off)",
            "  --ssh-port N           SSH server port (APIC shell, ssh hop to leaves, vsh/moquery for clears); default -1 = off, 0 = any free port",
            "  --state-dir DIR        keep the TLS certificate and SSH host key in DIR across restarts (default: new ones)",
            "  --host ADDR            listen address (default 127.0.0.1; use 0.0.0.0 for all)",
            "  --topology SPEC        demo (default) | <file.json> | generator parameters, e.g.",
            "                         leaves=400,vpc-pairs=200,endpoints=100000[,spines=2,remote-leaves=20,vrfs=10,bds=100,epgs=200,vpc-ifs-per-pair=50,ips-per-endpoint=1]",
            "  --username NAME        APIC user (default admin)",
            "  --password PWD         APIC password (default ept-sim)",
            "  --refresh-timeout S    token refreshTimeoutSeconds (default 600)",
            "  --max-lifetime S       token maximumLifetimeSeconds (default 86400)",
            "  --subscription-timeout S  subscription expiry without refresh (default 90)",
            "  --too-big N            unpaged result size that triggers 'dataset is too big' (default 100000)",
            "  --help                 this text",
            "Control API: http://HOST:PORT/_sim/... (see ept-apic-sim/README.md)");

    private ApicSimulatorMain() {}

    public static void main(String[] args) throws Exception {
        ApicSimulator.Builder b = ApicSimulator.builder().httpPort(8080);
        String topology = "demo";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) { System.out.println(HELP); return; }
            if (i + 1 >= args.length) { System.err.println("missing value for " + a + "\n" + HELP); System.exit(2); }
            String v = args[++i];
            switch (a) {
                case "--http-port": b.httpPort(Integer.parseInt(v)); break;
                case "--https-port": b.httpsPort(Integer.parseInt(v)); break;
                case "--ssh-port": b.sshPort(Integer.parseInt(v)); break;
                case "--host": b.host(v); break;
                case "--state-dir": b.stateDir(java.nio.file.Path.of(v)); break;
                case "--topology": topology = v; break;
                case "--username": b.username(v); break;
                case "--password": b.password(v); break;
                case "--refresh-timeout": b.refreshTimeoutSeconds(Integer.parseInt(v)); break;
                case "--max-lifetime": b.maximumLifetimeSeconds(Integer.parseInt(v)); break;
                case "--subscription-timeout": b.subscriptionTimeoutSeconds(Integer.parseInt(v)); break;
                case "--too-big": b.tooBigThreshold(Integer.parseInt(v)); break;
                default: System.err.println("unknown option " + a + "\n" + HELP); System.exit(2);
            }
        }
        long t0 = System.currentTimeMillis();
        ApicSimulator sim = b.topology(Topology.fromSpec(topology)).build().start();
        System.out.println("APIC simulator ready in " + (System.currentTimeMillis() - t0) + " ms: http=" + sim.httpUrl()
                + " https=" + sim.httpsUrl() + " ssh=" + (sim.sshPort() < 0 ? "off" : sim.sshPort()) + " user=" + sim.username());
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop));
        Thread.currentThread().join();
    }
}
