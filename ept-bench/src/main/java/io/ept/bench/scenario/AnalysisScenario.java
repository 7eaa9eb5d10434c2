package io.ept.bench.scenario;

import io.ept.bench.analysis.AnalysisBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the JMH {@link AnalysisBenchmark} (one fork, one thread) and returns events/s per benchmark method. */
public final class AnalysisScenario {

    private AnalysisScenario() {
    }

    /** @param quick shorter iterations (smoke runs) */
    public static Map<String, Double> run(boolean quick) throws RunnerException {
        OptionsBuilder b = new OptionsBuilder();
        b.include(AnalysisBenchmark.class.getName() + ".*").forks(1).threads(1);
        if (quick) {
            b.warmupIterations(1).warmupTime(TimeValue.seconds(2)).measurementIterations(1)
                    .measurementTime(TimeValue.seconds(2));
        }
        Options options = b.build();
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunResult r : new Runner(options).run()) {
            String method = r.getParams().getBenchmark();
            out.put(method.substring(method.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        return out;
    }
}
