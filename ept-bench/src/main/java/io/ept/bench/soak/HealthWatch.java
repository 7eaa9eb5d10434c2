package io.ept.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.ept.bench.client.EptClient;
import io.ept.bench.scenario.PipelineSample;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples EPT twice a second from outside: healthy means app-status answers 200 and the fabric's status is
 * {@code running}. The unhealthy periods give each fault's recovery time. Also keeps the pipeline counters of every
 * server incarnation (they restart at zero with the JVM).
 */
final class HealthWatch implements Runnable {

    record Sample(long millis, boolean healthy, String detail) {
    }

    record Injection(long millis, FaultKind kind) {
    }

    private final Supplier<EptClient> ept;
    private final String fabric;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Injection> injections = new ArrayList<>();
    private volatile boolean running = true;
    private PipelineSample lastPipeline;
    private long receivedBefore;
    private long processedBefore;
    private long inMemoryAtKills;

    HealthWatch(Supplier<EptClient> ept, String fabric) {
        this.ept = ept;
        this.fabric = fabric;
    }

    void injected(FaultKind kind) {
        injected(kind, System.currentTimeMillis());
    }

    synchronized void injected(FaultKind kind, long millis) {
        injections.add(new Injection(millis, kind));
    }

    synchronized void sample(long millis, boolean healthy, String detail) {
        samples.add(new Sample(millis, healthy, detail));
    }

    /**
     * Reads the pipeline counters now, right before the JVM is killed: the twice-a-second samples would otherwise
     * leave up to two seconds of processed events uncounted, reported as lost.
     */
    void samplePipelineNow() {
        try {
            PipelineSample p = PipelineSample.read(ept.get());
            synchronized (this) {
                lastPipeline = p;
            }
        } catch (Exception e) {
            // the last periodic sample stands
        }
    }

    /** The JVM is gone: its last counters are what it received and processed. */
    synchronized void incarnationEnded() {
        if (lastPipeline != null) {
            inMemoryAtKills += Math.max(0, lastPipeline.liveReceived() - lastPipeline.liveProcessed());
            receivedBefore += lastPipeline.liveReceived();
            processedBefore += lastPipeline.liveProcessed();
            lastPipeline = null;
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        int tick = 0;
        while (running) {
            long now = System.currentTimeMillis();
            boolean healthy = false;
            String detail;
            EptClient client = ept.get();
            try {
                EptClient.Response app = client.call("GET", "/app-status", null);
                JsonNode status = client.call("GET", "/uni/fb-" + fabric + "/status", null).json();
                String st = status.path("status").asText();
                healthy = app.status() == 200 && "running".equals(st);
                detail = "app-status " + app.status() + ", fabric " + st
                        + (status.path("reason").asText().isEmpty() ? "" : " (" + status.path("reason").asText() + ")");
                if (tick++ % 4 == 0) {
                    PipelineSample p = PipelineSample.read(client);
                    synchronized (this) {
                        lastPipeline = p;
                    }
                }
            } catch (Exception e) {
                detail = "no answer: " + e.getClass().getSimpleName();
            }
            sample(now, healthy, detail);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized long received() {
        return receivedBefore + (lastPipeline == null ? 0 : lastPipeline.liveReceived());
    }

    synchronized long processed() {
        return processedBefore + (lastPipeline == null ? 0 : lastPipeline.liveProcessed());
    }

    /**
     * Events received but not yet processed by JVMs at the moment they were killed: held in memory (the subscriber's
     * batching window, non-persistent work on the broker), gone with the JVM unless the work was journalled.
     */
    synchronized long inMemoryAtKills() {
        return inMemoryAtKills;
    }

    synchronized Map<FaultKind, Integer> injectedCounts() {
        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        injections.forEach(i -> counts.merge(i.kind(), 1, Integer::sum));
        return counts;
    }

    /**
     * Longest recovery per fault kind, in milliseconds: each unhealthy period is charged to the last fault injected
     * before it began (within a minute); its recovery runs from that injection to the first healthy sample after the
     * period, or to a JVM kill that interrupted it. Kinds injected without any unhealthy period recover in 0.
     */
    synchronized Map<FaultKind, Long> longestRecovery() {
        Map<FaultKind, Long> longest = new EnumMap<>(FaultKind.class);
        injections.forEach(i -> longest.putIfAbsent(i.kind(), 0L));
        int i = 0;
        while (i < samples.size()) {
            if (samples.get(i).healthy()) {
                i++;
                continue;
            }
            long start = samples.get(i).millis();
            int j = i;
            while (j < samples.size() && !samples.get(j).healthy()) {
                j++;
            }
            long end = j < samples.size() ? samples.get(j).millis() : Long.MAX_VALUE;
            Injection cause = null;
            for (Injection inj : injections) {
                if (inj.millis() <= start && start - inj.millis() <= 60_000) {
                    cause = inj;
                }
            }
            if (cause != null) {
                long until = end;
                if (cause.kind() != FaultKind.WILDFLY_KILL) {
                    // a JVM killed during another fault's outage ends that fault's share: from then on the outage is
                    // the kill's, which is measured on its own below
                    for (Injection inj : injections) {
                        if (inj.kind() == FaultKind.WILDFLY_KILL && inj.millis() > cause.millis() && inj.millis() < until) {
                            until = inj.millis();
                        }
                    }
                }
                long recovery = until == Long.MAX_VALUE ? Long.MAX_VALUE : until - cause.millis();
                longest.merge(cause.kind(), recovery, Math::max);
            }
            i = j;
        }
        // a killed JVM is an outage even when it falls inside one that had begun already: time to the first healthy
        // sample after it (the rule above would charge the whole period to the earlier fault only)
        for (Injection inj : injections) {
            if (inj.kind() != FaultKind.WILDFLY_KILL) {
                continue;
            }
            long recovery = Long.MAX_VALUE;
            for (Sample s : samples) {
                if (s.millis() > inj.millis() && s.healthy()) {
                    recovery = s.millis() - inj.millis();
                    break;
                }
            }
            longest.merge(inj.kind(), recovery, Math::max);
        }
        return longest;
    }

    /** Milliseconds EPT was not healthy (sum of the unhealthy periods) and the time sampled. */
    synchronized long[] unhealthyMillis() {
        long unhealthy = 0;
        for (int i = 0; i + 1 < samples.size(); i++) {
            if (!samples.get(i).healthy()) {
                unhealthy += samples.get(i + 1).millis() - samples.get(i).millis();
            }
        }
        long total = samples.size() < 2 ? 0 : samples.get(samples.size() - 1).millis() - samples.get(0).millis();
        return new long[]{unhealthy, total};
    }

    synchronized List<Injection> injections() {
        return List.copyOf(injections);
    }

    /** Unhealthy periods no fault explains (e.g. before the first one): their count. */
    synchronized int unexplainedOutages() {
        int n = 0;
        boolean inPeriod = false;
        for (Sample s : samples) {
            if (!s.healthy() && !inPeriod) {
                long start = s.millis();
                if (injections.stream().noneMatch(inj -> inj.millis() <= start && start - inj.millis() <= 60_000)) {
                    n++;
                }
            }
            inPeriod = !s.healthy();
        }
        return n;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}
