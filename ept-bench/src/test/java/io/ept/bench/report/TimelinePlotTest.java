package io.ept.bench.report;

import io.ept.bench.scenario.PipelineSample;
import io.ept.bench.scenario.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelinePlotTest {

    @TempDir
    Path dir;

    static PipelineSample sample(long millis, long received, long processed, long[] latency) {
        double[] bounds = {1, 10, 100, 1000};
        return new PipelineSample(millis, received, processed, processed, processed, 0, 0, 0, 0, 0, 0, 0, 0, 0, bounds, latency,
                0, 0, 0);
    }

    @Test
    void ratesAndLatencyPerSecondAndAPngFile() throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<Timeline.Point> points = new ArrayList<>();
        points.add(new Timeline.Point("sustained", sample(0, 0, 0, new long[]{0, 0, 0, 0}), 0));
        points.add(new Timeline.Point("sustained", sample(1000, 500, 400, new long[]{0, 300, 100, 0}), 0));
        points.add(new Timeline.Point("sustained", sample(2000, 1000, 900, new long[]{0, 300, 100, 0}), 0));
        points.add(new Timeline.Point("latency", sample(9000, 1000, 900, new long[]{0, 300, 100, 0}), 0));
        points.add(new Timeline.Point("latency", sample(10000, 1100, 1000, new long[]{0, 300, 100, 100}), 0));
        List<TimelinePlot.Interval> data = TimelinePlot.intervals(points);
        assertEquals(3, data.size(), "the gap between phases is left out");
        assertEquals(400, data.get(0).processedPerSecond(), 0.001);
        assertEquals(500, data.get(0).receivedPerSecond(), 0.001);
        assertEquals(100, data.get(0).p99Millis(), 0.001);
        assertTrue(Double.isNaN(data.get(1).p99Millis()), "no live events in that second");
        assertEquals(1000, data.get(2).p99Millis(), 0.001);
        Path png = dir.resolve("t.png");
        TimelinePlot.write(points, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        TimelinePlot.write(List.of(), dir.resolve("empty.png"));
        assertFalse(ImageIO.read(dir.resolve("empty.png").toFile()) == null);
    }

    @Test
    void percentilesOfBuckets() {
        double[] bounds = {1, 10, 100};
        assertEquals(10, PipelineSample.percentile(bounds, new long[]{50, 49, 1}, 0.99), 0.001);
        assertEquals(100, PipelineSample.percentile(bounds, new long[]{50, 49, 1}, 1.0), 0.001);
        assertEquals(0, PipelineSample.percentile(bounds, new long[]{0, 0, 0}, 0.5), 0.001);
    }
}
