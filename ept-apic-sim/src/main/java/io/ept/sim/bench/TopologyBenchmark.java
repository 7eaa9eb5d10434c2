package io.ept.sim.bench;

import io.ept.sim.ApicSimulator;
import io.ept.sim.topology.Topology;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Generates a large fabric (default: EPT's design target) and measures generation time, heap, and the
 * rate of 75,000-object pages for epmIpEp, epmMacEp and tunnelIf over HTTP.
 * Run: java -Xmx8g -cp ept-apic-sim/target/ept-apic-sim.jar io.ept.sim.bench.TopologyBenchmark [generator spec]
 */
public final class TopologyBenchmark {
    private TopologyBenchmark() {}

    public static void main(String[] args) throws Exception {
        String spec = args.length > 0 ? args[0] : "leaves=400,vpc-pairs=200,endpoints=100000,remote-leaves=20";
        long t0 = System.nanoTime();
        Topology t = Topology.generate(spec);
        ApicSimulator sim = ApicSimulator.builder().httpPort(0).topology(t).build().start();
        long genMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        Map<String, Object> summary = sim.control().topologySummary(false);
        System.out.printf("spec: %s%ngeneration+build: %d ms, heap used after GC: %d MiB (max %d MiB)%n", spec, genMs, heapMb, rt.maxMemory() >> 20);
        System.out.println("tunnels: " + summary.get("tunnelCount") + ", hosts: " + summary.get("hosts") + ", epm records: " + summary.get("epmCounts"));
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        http.send(HttpRequest.newBuilder(URI.create(sim.httpUrl() + "/api/aaaLogin.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"aaaUser\":{\"attributes\":{\"name\":\"admin\",\"pwd\":\"ept-sim\"}}}")).build(), HttpResponse.BodyHandlers.discarding());
        for (String[] q : new String[][]{{"epmIpEp", "addr"}, {"epmMacEp", "addr"}, {"tunnelIf", "dn"}}) {
            int page = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long firstPageMs = -1;
            while (true) {
                String url = sim.httpUrl() + "/api/class/" + q[0] + ".json?order-by=" + q[0] + "." + q[1] + "&page-size=75000&page=" + page;
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (firstPageMs < 0) firstPageMs = (System.nanoTime() - start) / 1_000_000;
                bytes += r.body().length;
                page++;
                if (r.body().length < 1000 || page > 200) break;
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d pages of 75000 in %.1f s (%.2f pages/s, first page incl. sort %d ms, %.0f MB)%n",
                    q[0], page, secs, page / secs, firstPageMs, bytes / 1e6);
        }
        sim.stop();
    }
}
