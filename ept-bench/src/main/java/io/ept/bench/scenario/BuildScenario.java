package io.ept.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ept.bench.client.EptClient;
import io.ept.bench.process.Simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Initial build of a fabric: creates fabric {@value #FABRIC} on the simulator, starts it and waits until the
 * monitor reports "running" (every record read from the APIC analysed and stored by the workers), or the time cap.
 * The build time is EPT's own, from the monitor's "starting" event to its "running" event, as in the fabric's event
 * log; the read-and-queue part ends at the "analyzing N endpoint records" event.
 */
public final class BuildScenario {

    public static final String FABRIC = "bench";
    private static final Logger LOG = Logger.getLogger(BuildScenario.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param completed        the monitor reached "running" within the cap
     * @param seconds          build time (completed), or the time waited (not completed)
     * @param dispatchSeconds  reading every epm record from the APIC and queueing it for the workers
     * @param processedRecords build messages the workers processed (all of them when completed)
     * @param queuedRecords    build messages queued (epm records plus deletes of vanished endpoints)
     * @param failure          why the build ended without completing (monitor failure, EPT not answering), or null
     */
    public record Result(String scale, String topology, long records, long tunnels, long hosts, boolean completed,
                         double seconds, double dispatchSeconds, long processedRecords, long queuedRecords,
                         String failure) {

        public double recordsPerSecond() {
            return seconds > 0 ? (completed ? records : processedRecords) / seconds : 0;
        }
    }

    private BuildScenario() {
    }

    public static Result run(String scale, String topology, EptClient ept, Simulator sim, Duration cap,
                             Timeline timeline) throws IOException, InterruptedException {
        JsonNode summary = sim.client().summary();
        long records = 0;
        for (JsonNode c : summary.path("epmCounts")) {
            records += c.asLong();
        }
        long tunnels = summary.path("tunnelCount").asLong();
        long hosts = summary.path("hosts").asLong();
        LOG.info(() -> "build " + scale + ": " + summary.path("epmCounts") + ", " + tunnels + " tunnels, " + hosts + " hosts");

        PipelineSample before = PipelineSample.read(ept);
        ept.call("POST", "/fabric", JSON.writeValueAsString(Map.of("fabric", FABRIC, "apic_hostname", sim.apicUrl(),
                "apic_username", "admin", "apic_password", "ept-sim"))).require();
        timeline.phase(ept, "build " + scale);
        long started = System.nanoTime();
        ept.call("POST", "/uni/fb-" + FABRIC + "/start", "{\"reason\":\"benchmark\"}").require();
        long deadline = started + cap.toNanos();
        boolean running = false;
        String failure = null;
        long lastLog = 0;
        long lastAnswer = System.nanoTime();
        PipelineSample progress = before;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode status = ept.getJson("/uni/fb-" + FABRIC + "/status");
                lastAnswer = System.nanoTime();
                String st = status.path("status").asText();
                if ("running".equals(st)) {
                    running = true;
                    break;
                }
                if ("failed".equals(st) || "stopped".equals(st)) {
                    // the manager restarts a failed monitor, which starts the build again: report the first failure
                    failure = "monitor " + st + (status.path("reason").asText().isEmpty() ? ""
                            : ": " + status.path("reason").asText());
                    break;
                }
                if (System.nanoTime() - lastLog > 30_000_000_000L) {
                    lastLog = System.nanoTime();
                    progress = PipelineSample.read(ept);
                    long done = progress.buildProcessed() - before.buildProcessed();
                    long queued = progress.buildQueued() - before.buildQueued();
                    LOG.info(() -> String.format("build %s: %.0f s, %,d of %,d queued records processed (%s)", scale,
                            (System.nanoTime() - started) / 1e9, done, queued, st));
                }
            } catch (IOException e) {
                if (System.nanoTime() - lastAnswer > 300_000_000_000L) {
                    failure = "EPT did not answer for 300 s: " + e.getMessage();
                    break;
                }
            }
            Thread.sleep(500);
        }
        double waited = (System.nanoTime() - started) / 1e9;
        PipelineSample after = progress;
        try {
            after = PipelineSample.read(ept);
        } catch (IOException e) {
            // EPT does not answer: the last progress reading stands
        }
        long processed = after.buildProcessed() - before.buildProcessed();
        long queued = after.buildQueued() - before.buildQueued();
        double seconds = waited;
        double dispatch = Double.NaN;
        if (failure == null) {
            JsonNode events = ept.getJson("/uni/fb-" + FABRIC).path("objects").path(0).path("fabric").path("events");
            double startTs = Double.NaN;
            double analyzingTs = Double.NaN;
            double runningTs = Double.NaN;
            for (JsonNode e : events) {
                double ts = e.path("timestamp").asDouble();
                String st = e.path("status").asText();
                // a fresh server runs one build: its first "starting", last "analyzing" and last "running"
                if ("starting".equals(st)) {
                    startTs = Double.isNaN(startTs) ? ts : Math.min(startTs, ts);
                } else if ("running".equals(st)) {
                    runningTs = Double.isNaN(runningTs) ? ts : Math.max(runningTs, ts);
                } else if ("initializing".equals(st) && e.path("description").asText().startsWith("analyzing")) {
                    analyzingTs = Double.isNaN(analyzingTs) ? ts : Math.max(analyzingTs, ts);
                }
            }
            if (running && !Double.isNaN(startTs) && !Double.isNaN(runningTs)) {
                seconds = runningTs - startTs;
            }
            if (!Double.isNaN(startTs) && !Double.isNaN(analyzingTs)) {
                dispatch = analyzingTs - startTs;
            }
        }
        if (!running) {
            String why = failure != null ? failure : "not done within the cap of " + cap.toSeconds() + " s";
            LOG.warning(() -> String.format("build %s: %s (%,d of %,d records processed); stopping it", scale, why,
                    processed, queued));
            try {
                ept.call("POST", "/uni/fb-" + FABRIC + "/stop", "{\"reason\":\"benchmark cap\"}");
            } catch (IOException e) {
                LOG.warning(() -> "could not stop fabric " + FABRIC + ": " + e.getMessage());
            }
        }
        Result r = new Result(scale, topology, records, tunnels, hosts, running, seconds, dispatch, processed, queued,
                failure);
        LOG.info(() -> String.format("build %s: %s in %.1f s (%.0f records/s)", scale,
                r.completed() ? "done" : "capped", r.seconds(), r.recordsPerSecond()));
        return r;
    }
}
