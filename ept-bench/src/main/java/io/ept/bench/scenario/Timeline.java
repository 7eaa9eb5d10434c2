package io.ept.bench.scenario;

import io.ept.bench.client.EptClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Samples EPT's pipeline counters every second while a scenario runs, labelled with the scenario, for the plot of
 * throughput and latency over time.
 */
public final class Timeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Timeline.class.getName());

    /** A sample and the phase it was taken in. */
    public record Point(String phase, PipelineSample sample) {
    }

    private final List<Point> points = new CopyOnWriteArrayList<>();
    private volatile EptClient ept;
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

    public List<Point> points() {
        return new ArrayList<>(points);
    }

    private void run() {
        while (!stopped) {
            EptClient client = ept;
            if (client != null) {
                try {
                    points.add(new Point(phase, PipelineSample.read(client)));
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
