package io.ept.bench.analysis;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.engine.RapidTracker;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.store.InMemoryEndpointStore;
import io.ept.messaging.EpmBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Events per second of the pure analysis path on one core (one thread): {@link EndpointAnalyzer} with the
 * in-memory store and lookups, on the {@link SyntheticFabric} mix. {@code analyze} starts from parsed events;
 * {@code decodeAndAnalyze} also decodes the worker messages ({@link EpmBatch} bodies of {@value #BATCH} events, about
 * what a live load produces), i.e. what a worker does apart from the database. The clock follows the event time so the rapid detection sees the rate
 * of the event stream, not of the benchmark loop.
 *
 * <p>Run: {@code ./ept bench jmh} or {@code java -cp ept-bench/target/ept-bench.jar org.openjdk.jmh.Main AnalysisBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class AnalysisBenchmark {

    private static final int ENDPOINTS = 5_000;
    private static final int ROUNDS = 5;

    static final int BATCH = 20;

    private List<EpmEvent> events;
    private List<String> batches;
    private int nextBatch;
    private double cycleSeconds;
    private EventClock clock;
    private EndpointAnalyzer analyzer;
    private InMemoryEndpointStore store;
    private int next;
    private int cycle;

    /** A clock set to the time of the event being analysed. */
    static final class EventClock extends Clock {
        double now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return (long) (now * 1000);
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        events = SyntheticFabric.events(ENDPOINTS, ROUNDS);
        List<String> bodies = new java.util.ArrayList<>();
        for (int from = 0; from + BATCH <= events.size(); from += BATCH) {
            bodies.add(new EpmBatch(SyntheticFabric.FABRIC, null, events.subList(from, from + BATCH)).toJson());
        }
        batches = bodies;
        cycleSeconds = events.get(events.size() - 1).ts() - events.get(0).ts() + 1;
    }

    @Setup(Level.Iteration)
    public void freshState() {
        Settings settings = Settings.defaults();
        clock = new EventClock();
        analyzer = new EndpointAnalyzer(settings, SyntheticFabric.lookups(), new RapidTracker(), clock);
        store = new InMemoryEndpointStore(settings.endpointCap());
        next = 0;
        nextBatch = 0;
        cycle = 0;
    }

    private EpmEvent nextEvent() {
        if (next == events.size()) {
            next = 0;
            cycle++;
        }
        EpmEvent e = events.get(next++);
        return cycle == 0 ? e : SyntheticFabric.shifted(e, cycle * cycleSeconds);
    }

    @Benchmark
    public AnalysisResult analyze() {
        return analyzeOne(nextEvent());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeAndAnalyze(Blackhole bh) {
        if (nextBatch == batches.size()) {
            nextBatch = 0;
            cycle++;
        }
        for (EpmEvent e : EpmBatch.fromJson(batches.get(nextBatch++)).events()) {
            bh.consume(analyzeOne(cycle == 0 ? e : SyntheticFabric.shifted(e, cycle * cycleSeconds)));
        }
    }

    private AnalysisResult analyzeOne(EpmEvent e) {
        clock.now = e.ts();
        EndpointKey key = e.key(SyntheticFabric.FABRIC);
        AnalysisResult r = analyzer.analyze(store.state(key), e);
        store.apply(key, r);
        return r;
    }
}
