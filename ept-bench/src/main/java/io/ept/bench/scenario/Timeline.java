package io.ept.bench.scenario;

import io.ept.bench.client.EptClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Samples EPT's pipeline counters and resident memory every second while a scenario runs, labelled with the
 * scenario, for the plot of throughput and latency over time and for the memory figures "during" a phase (a reading
 * after a phase misses the peak of the load itself).
 */
public final class Timeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Timeline.class.getName());

    /**
     * A sample and the phase it was taken in.
     *
     * @param eptRssBytes resident memory of EPT (WildFly JVM + embedded redis-server) at the sample, 0 if unknown
     */
    public record Point(String phase, PipelineSample sample, long eptRssBytes) {
    }

    private final List<Point> points = new CopyOnWriteArrayList<>();
    private volatile EptClient ept;
    private volatile LongSupplier eptRss = () -> 0;
    private volatile String phase = "";
    private volatile boolean stopped;
    private final Thread thread;

    public Timeline() {
        thread = new Thread(this::run, "bench-timeline");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sampling {@code client} under the label {@code phase} (null client: pause). */
    public void phase(EptClient client, String label) {
        this.ept = client;
        this.phase = label;
    }

    /** Where the resident memory of the EPT being sampled comes from (bytes). */
    public void memory(LongSupplier eptRssBytes) {
        this.eptRss = eptRssBytes;
    }

    /** The highest EPT resident memory sampled in phases whose label satisfies {@code phases}, 0 if none. */
    public long maxRss(Predicate<String> phases) {
        return points.stream().filter(p -> phases.test(p.phase())).mapToLong(Point::eptRssBytes).max().orElse(0);
    }

    public List<Point> points() {
        return new ArrayList<>(points);
    }

    private void run() {
        while (!stopped) {
            EptClient client = ept;
            if (client != null) {
                try {
                    String label = phase;
                    long rss = eptRss.getAsLong();
                    points.add(new Point(label, PipelineSample.read(client), rss));
                } catch (Exception e) {
                    LOG.fine(() -> "timeline sample failed: " + e);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
