package io.ept.analysis.bench;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.store.InMemoryEndpointStore;
import io.ept.analysis.support.Events;
import io.ept.analysis.support.Topology;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-thread throughput of the analysis engine with the in-memory store (not a test). Synthetic mix on the
 * test topology: per endpoint a local learn (MAC, IP + rewrite), XR learns on the other leafs, then moves
 * between leafs with bounce entries, deletes and relearns, so history, local state, move, offsubnet and stale
 * analysis all run. Events are pre-parsed so the figure measures analysis + store only.
 *
 * <p>Run: {@code mvn -q -o -pl ept-ejb test-compile} then
 * {@code java -cp ept-ejb/target/classes:ept-ejb/target/test-classes io.ept.analysis.bench.AnalysisThroughputBenchmark [events]}
 */
public final class AnalysisThroughputBenchmark {

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int endpoints = 20_000;
        List<EpmEvent> events = generate(total, endpoints);
        System.out.printf("generated %,d events for %,d endpoints%n", events.size(), endpoints);
        run(events.subList(0, Math.min(200_000, events.size())), "warm-up");
        run(events, "measured");
    }

    private static void run(List<EpmEvent> events, String label) {
        Settings settings = Settings.defaults();
        EndpointAnalyzer analyzer = new EndpointAnalyzer(settings, Topology.lookups(), new RapidTracker(),
                Clock.systemUTC());
        InMemoryEndpointStore store = new InMemoryEndpointStore(settings.endpointCap());
        long jobs = 0;
        long start = System.nanoTime();
        for (EpmEvent ev : events) {
            EndpointKey key = ev.key(Topology.FABRIC);
            AnalysisResult r = analyzer.analyze(store.state(key), ev);
            store.apply(key, r);
            jobs += r.watchJobs().size();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d events in %.2f s = %,.0f events/s (%,d endpoints, %,d watch jobs)%n", label,
                events.size(), secs, events.size() / secs, store.endpointCount(), jobs);
    }

    private static List<EpmEvent> generate(int total, int endpoints) {
        int[] leafs = {101, 102, 103, 104};
        List<EpmEvent> out = new ArrayList<>(total);
        double ts = 1_700_000_000;
        for (int round = 0; out.size() < total; round++) {
            for (int i = 0; i < endpoints && out.size() < total; i++) {
                String mac = String.format("00:00:%02X:%02X:%02X:01", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
                // every 16th IP is outside bd1's subnet so offsubnet watches happen too
                String ip = (i % 16 == 0 ? "10.9." : "10.1.") + ((i >> 8) & 0xff) + "." + (i & 0xff);
                int local = leafs[(i + round) % leafs.length];
                int previous = leafs[(i + round + leafs.length - 1) % leafs.length];
                ts += 0.001;
                String intf = "eth1/" + (1 + round % 8);
                out.add(Events.mac(ts, "created", local, Topology.BD1, "vlan-101", mac, "local", intf, Topology.E1));
                out.add(Events.ip(ts, "created", local, Topology.BD1, "vlan-101", ip, "local", intf, Topology.E1));
                out.add(Events.rs(ts, "created", local, Topology.BD1, "vlan-101", mac, ip));
                for (int other : leafs) {
                    if (other != local) {
                        String flags = other == previous ? "bounce" : "";
                        out.add(Events.ip(ts + 0.0005, "created", other, 0, "", ip, flags, "tunnel" + local,
                                Topology.E1));
                        out.add(Events.mac(ts + 0.0005, "created", other, Topology.BD1, "", mac, flags,
                                "tunnel" + local, Topology.E1));
                    }
                }
                if (round % 5 == 4) {
                    out.add(Events.ip(ts + 0.0007, "deleted", local, Topology.BD1, "vlan-101", ip, "", "", 0));
                }
            }
        }
        return out.subList(0, total);
    }
}
