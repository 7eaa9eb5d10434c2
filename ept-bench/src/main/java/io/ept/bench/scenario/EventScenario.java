package io.ept.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.bench.client.EptClient;
import io.ept.bench.process.Simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Live events at an offered rate: the simulator moves hosts (mostly port moves on the same leaf, every tenth a
 * move to another leaf with remote updates and bounce entries) and pushes every epm change on the websocket; EPT
 * analyses and stores them. Measured: what the simulator sent (its ground truth), what EPT received and processed
 * once drained, the end-to-end rate, the latency from websocket receipt to stored, and whether EPT's final state of
 * every moved host matches the simulator's.
 */
public final class EventScenario {

    private static final Logger LOG = Logger.getLogger(EventScenario.class.getName());

    /**
     * @param offeredRate      requested events/s
     * @param achievedRate     events/s the simulator actually emitted
     * @param sent             epm events the simulator pushed to EPT's websocket (frames)
     * @param received         live events EPT's subscriber received
     * @param processed        live events EPT's workers processed (stored) by the end of the drain
     * @param lost             events sent but never received, plus events received but not processed although EPT
     *                         stopped making progress (30 s without a processed event)
     * @param backlog          events received but still unprocessed when the drain cap was reached while EPT was still
     *                         processing (not lost, not yet stored: the loss check is then inconclusive)
     * @param throughput       processed / (last processed - first offered), events/s end to end
     * @param drainSeconds     time from the end of the offered load until the last event was processed
     * @param stateChecked     moved hosts compared with the simulator's ground truth
     * @param stateMismatches  of those, hosts whose stored location (node, interface) differs
     * @param rapidEndpoints   endpoints EPT flagged rapid (their events are dropped by design)
     */
    public record Result(String label, int offeredRate, int seconds, double achievedRate, long sent, long received,
                         long processed, long lost, long backlog, double throughput, double drainSeconds, double p50, double p90,
                         double p99, double max, long latencySamples, int stateChecked, int stateMismatches,
                         long rapidEndpoints, Map<String, Long> workerMillis) {
    }

    private EventScenario() {
    }

    /**
     * @param eptCpuMillis CPU time used so far by EPT's JVM (the embedded store included), -1 if unknown: the
     *                     scenario reports its difference per processed event
     */
    public static Result run(String label, int rate, int seconds, int endpoints, boolean checkState, EptClient ept,
                             Simulator sim, Timeline timeline, Duration maxDrain, java.util.function.LongSupplier eptCpuMillis)
            throws IOException, InterruptedException {
        long cpuBefore = eptCpuMillis.getAsLong();
        PipelineSample before = PipelineSample.read(ept);
        JsonNode simBefore = sim.client().status();
        timeline.phase(ept, label);
        long loadStart = System.currentTimeMillis();
        LOG.info(() -> label + ": offering " + rate + " events/s for " + seconds + " s");
        JsonNode report = sim.client().load(rate, seconds, endpoints);
        long loadEnd = System.currentTimeMillis();
        // drain: the simulator keeps emitting for a few seconds (bounce entries expiring), so wait until it is quiet,
        // EPT received what it sent and processed everything it received; give up after 30 s without progress
        long sentFrames = 0;
        long lastFrames = -1;
        long quietSince = System.currentTimeMillis();
        PipelineSample last = PipelineSample.read(ept);
        long lastProgressMillis = loadEnd;
        long lastProcessed = last.liveProcessed();
        long drainDeadline = System.currentTimeMillis() + maxDrain.toMillis();
        while (System.currentTimeMillis() < drainDeadline && System.currentTimeMillis() - lastProgressMillis < 30_000) {
            long frames = sim.client().status().path("framesSent").asLong();
            if (frames != lastFrames) {
                lastFrames = frames;
                quietSince = System.currentTimeMillis();
            }
            sentFrames = frames - simBefore.path("framesSent").asLong();
            last = PipelineSample.read(ept);
            if (last.liveProcessed() > lastProcessed) {
                lastProcessed = last.liveProcessed();
                lastProgressMillis = last.millis();
            }
            boolean received = last.liveReceived() - before.liveReceived() >= sentFrames;
            boolean processedAll = last.liveProcessed() >= last.liveReceived();
            if (received && processedAll && System.currentTimeMillis() - quietSince >= 2000) {
                break;
            }
            Thread.sleep(250);
        }
        long cpuAfter = eptCpuMillis.getAsLong();
        long sent = sentFrames;
        PipelineSample after = last;
        long received = after.liveReceived() - before.liveReceived();
        long processed = after.liveProcessed() - before.liveProcessed();
        // lost on the websocket (sent, never received) plus lost in the pipeline (received, never processed)
        long unprocessed = Math.max(0, after.liveReceived() - after.liveProcessed());
        boolean stalled = System.currentTimeMillis() - lastProgressMillis >= 30_000;
        long lost = Math.max(0, sent - received) + (stalled ? unprocessed : 0);
        long backlog = stalled ? 0 : unprocessed;
        double elapsed = Math.max(0.001, (Math.max(lastProgressMillis, loadEnd) - loadStart) / 1000.0);
        long[] latency = after.latencySince(before);
        double[] b = after.latencyBounds();
        Map<String, Long> worker = new HashMap<>();
        worker.put("load", after.loadMillis() - before.loadMillis());
        worker.put("analyze", after.analyzeMillis() - before.analyzeMillis());
        worker.put("store", after.storeMillis() - before.storeMillis());
        worker.put("total", after.workerMillis() - before.workerMillis());
        worker.put("messages", after.processed() - before.processed());
        worker.put("workerMessages", after.workerMessages() - before.workerMessages());
        worker.put("watchJobs", after.watchJobs() - before.watchJobs());
        worker.put("storeWrites", after.storeWrites() - before.storeWrites());
        worker.put("eptCpu", cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);

        int checked = 0;
        int mismatches = 0;
        if (checkState) {
            List<String> macs = new ArrayList<>();
            report.path("movedMacs").forEach(m -> macs.add(m.asText()));
            int[] r = compareWithGroundTruth(macs, ept, sim);
            checked = r[0];
            mismatches = r[1];
        }
        long rapid = ept.get("/ept/rapid", Map.of("filter", "eq(\"fabric\",\"" + BuildScenario.FABRIC + "\")",
                "count", "1")).json().path("count").asLong();
        Result result = new Result(label, rate, seconds, report.path("achievedEventsPerSecond").asDouble(), sent, received,
                processed, lost, backlog, processed / elapsed,
                Math.max(0, (lastProgressMillis - loadEnd) / 1000.0),
                PipelineSample.percentile(b, latency, 0.50), PipelineSample.percentile(b, latency, 0.90),
                PipelineSample.percentile(b, latency, 0.99), PipelineSample.percentile(b, latency, 1.0),
                PipelineSample.total(latency), checked, mismatches, rapid, worker);
        LOG.info(() -> String.format("%s: sent %,d, processed %,d (lost %,d, still queued %,d), %.0f events/s end to end, "
                        + "p99 %.0f ms, state %d/%d mismatched", label, result.sent(), result.processed(), result.lost(),
                result.backlog(), result.throughput(), result.p99(), result.stateMismatches(), result.stateChecked()));
        return result;
    }

    /**
     * For each MAC: the simulator's local entry (node, interface) against EPT's newest endpoint event of fabric
     * {@code fabric}; returns {checked, mismatched} and logs the first mismatches.
     */
    public static int[] compareWithGroundTruth(List<String> macs, EptClient ept, Simulator sim)
            throws IOException, InterruptedException {
        return compareWithGroundTruth(BuildScenario.FABRIC, macs, ept, sim);
    }

    public static int[] compareWithGroundTruth(String fabric, List<String> macs, EptClient ept, Simulator sim)
            throws IOException, InterruptedException {
        Map<String, JsonNode> stored = new HashMap<>();
        JsonNode page = ept.get("/ept/endpoint", Map.of("filter", "and(eq(\"fabric\",\"" + fabric
                + "\"),eq(\"type\",\"mac\"))", "page-size", "75000")).require().json();
        for (JsonNode o : page.path("objects")) {
            JsonNode ep = o.elements().next();
            stored.put(ep.path("addr").asText(), ep);
        }
        int mismatches = 0;
        for (String mac : macs) {
            String expected = null;
            java.util.Set<Integer> localNodes = new java.util.TreeSet<>();
            for (JsonNode e : sim.client().groundTruth(mac)) {
                if ("epmMacEp".equals(e.path("class").asText()) && e.path("local").asBoolean()) {
                    expected = e.path("node").asInt() + "|" + e.path("interface").asText();
                    localNodes.add(e.path("node").asInt());
                }
            }
            JsonNode ep = stored.get(mac);
            JsonNode latest = ep == null ? null : ep.path("events").path(0);
            String actual = latest == null || latest.isMissingNode() ? null
                    : latest.path("node").asInt() + "|" + latest.path("intf_id").asText();
            int storedNode = latest == null ? 0 : latest.path("node").asInt();
            boolean vpcMatches = storedNode > 0xffff && !"deleted".equals(latest.path("status").asText())
                    && localNodes.equals(new java.util.TreeSet<>(List.of(storedNode >> 16, storedNode & 0xffff)));
            if (vpcMatches) {
                // a vPC host: EPT stores the pair's pseudo node and vpc-N, the simulator each leaf's port-channel
                continue;
            }
            if (expected == null ? actual != null && !"deleted".equals(latest.path("status").asText())
                    : !expected.equals(actual)) {
                mismatches++;
                if (mismatches <= 5) {
                    LOG.warning("state mismatch for " + mac + ": simulator " + expected + ", EPT " + actual
                            + "\n  EPT endpoint events (newest first): " + brief(ep == null ? null : ep.path("events"), 6)
                            + "\n  EPT history, newest events per node: " + historyOf(ept, fabric, mac));
                }
            }
        }
        return new int[]{macs.size(), mismatches};
    }

    /** Each node's newest stored events of an address, to tell a lost or reordered event from an analysis choice. */
    private static String historyOf(EptClient ept, String fabric, String addr) {
        try {
            JsonNode page = ept.get("/ept/history", Map.of("filter", "and(eq(\"fabric\",\"" + fabric
                    + "\"),eq(\"addr\",\"" + addr + "\"))")).json();
            StringBuilder out = new StringBuilder();
            for (JsonNode o : page.path("objects")) {
                JsonNode row = o.elements().next();
                out.append("\n    node ").append(row.path("node").asInt()).append(": ").append(brief(row.path("events"), 4));
            }
            return out.toString();
        } catch (IOException | RuntimeException e) {
            return "(not readable: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String brief(JsonNode events, int max) {
        if (events == null || !events.isArray()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(max, events.size()); i++) {
            JsonNode e = events.get(i);
            out.add(String.format("%.3f %s node=%d intf=%s flags=%s remote=%s", e.path("ts").asDouble(),
                    e.path("status").asText(), e.path("node").asInt(), e.path("intf_id").asText(),
                    e.path("flags"), e.path("remote").asText()));
        }
        return String.join(" | ", out);
    }
}
