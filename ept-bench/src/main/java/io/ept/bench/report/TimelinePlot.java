package io.ept.bench.report;

import io.ept.bench.scenario.PipelineSample;
import io.ept.bench.scenario.Timeline;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PNG of the sampled pipeline: events/s processed by the workers (build and live) and received on the websocket,
 * and the p99 latency of the live events of every one-second interval (log scale), with the scenarios marked.
 * Plain java.awt (headless), no charting library.
 */
public final class TimelinePlot {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 800;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final Color PROCESSED = new Color(31, 119, 180);
    private static final Color RECEIVED = new Color(255, 127, 14);
    private static final Color LATENCY = new Color(214, 39, 40);

    /** One plotted second: x in seconds since the first sample. */
    record Interval(double x, String phase, double processedPerSecond, double receivedPerSecond, double p99Millis) {
    }

    private TimelinePlot() {
    }

    public static void write(List<Timeline.Point> points, Path file) throws IOException {
        List<Interval> data = intervals(points);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("EPT pipeline over the benchmark run (1 s intervals; gaps between phases removed)", LEFT, 25);
        if (data.isEmpty()) {
            g.drawString("no samples", LEFT, 60);
        } else {
            double maxX = data.get(data.size() - 1).x() + 1;
            double maxRate = 1;
            double maxLatency = 1;
            for (Interval i : data) {
                maxRate = Math.max(maxRate, Math.max(i.processedPerSecond(), i.receivedPerSecond()));
                if (!Double.isNaN(i.p99Millis())) {
                    maxLatency = Math.max(maxLatency, i.p99Millis());
                }
            }
            int top1 = 50;
            int bottom1 = 400;
            int top2 = 450;
            int bottom2 = 740;
            phases(g, data, maxX, top1, bottom2);
            axes(g, top1, bottom1, maxX, 0, niceCeil(maxRate), false, "events/s");
            series(g, data, maxX, top1, bottom1, 0, niceCeil(maxRate), false, PROCESSED, true);
            series(g, data, maxX, top1, bottom1, 0, niceCeil(maxRate), false, RECEIVED, false);
            legend(g, bottom1 + 34, new String[]{"processed by workers", "received on the websocket"},
                    new Color[]{PROCESSED, RECEIVED});
            double latencyTop = Math.pow(10, Math.ceil(Math.log10(Math.max(10, maxLatency))));
            axes(g, top2, bottom2, maxX, 1, latencyTop, true, "p99 latency ms");
            latency(g, data, maxX, top2, bottom2, latencyTop);
            legend(g, HEIGHT - 20, new String[]{"p99 websocket receipt to stored (live events)"}, new Color[]{LATENCY});
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("seconds of sampled run time", WIDTH / 2 - 60, HEIGHT - 20);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    static List<Interval> intervals(List<Timeline.Point> points) {
        List<Interval> out = new ArrayList<>();
        double x = 0;
        for (int n = 1; n < points.size(); n++) {
            Timeline.Point a = points.get(n - 1);
            Timeline.Point b = points.get(n);
            PipelineSample s0 = a.sample();
            PipelineSample s1 = b.sample();
            double dt = (s1.millis() - s0.millis()) / 1000.0;
            // a restarted server (counters reset) or a pause between phases: skip the gap
            if (dt <= 0 || dt > 5 || s1.processed() < s0.processed() || !a.phase().equals(b.phase())) {
                continue;
            }
            long[] lat = s1.latencySince(s0);
            out.add(new Interval(x, b.phase(), (s1.processed() - s0.processed()) / dt,
                    (s1.liveReceived() - s0.liveReceived()) / dt,
                    PipelineSample.total(lat) == 0 ? Double.NaN : PipelineSample.percentile(s1.latencyBounds(), lat, 0.99)));
            x += dt;
        }
        return out;
    }

    private static void phases(Graphics2D g, List<Interval> data, double maxX, int top, int bottom) {
        String current = null;
        boolean shade = false;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int n = 0; n < data.size(); n++) {
            Interval i = data.get(n);
            if (!i.phase().equals(current)) {
                current = i.phase();
                shade = !shade;
                double end = i.x();
                int m = n;
                while (m < data.size() && data.get(m).phase().equals(current)) {
                    end = data.get(m).x() + 1;
                    m++;
                }
                int x0 = xPos(i.x(), maxX);
                int x1 = xPos(end, maxX);
                g.setColor(shade ? new Color(245, 245, 250) : new Color(235, 240, 235));
                g.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
                g.setColor(Color.DARK_GRAY);
                g.drawString(current, x0 + 3, top + 12 + (n % 3) * 12);
            }
        }
    }

    private static void axes(Graphics2D g, int top, int bottom, double maxX, double minY, double maxY, boolean log,
                             String label) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, top, LEFT, bottom);
        g.drawLine(LEFT, bottom, WIDTH - RIGHT, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        if (log) {
            for (double v = minY; v <= maxY * 1.001; v *= 10) {
                int y = yPos(v, top, bottom, minY, maxY, true);
                g.setColor(new Color(220, 220, 220));
                g.drawLine(LEFT + 1, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                g.drawString(format(v), 5, y + 4);
            }
        } else {
            for (int k = 0; k <= 5; k++) {
                double v = minY + (maxY - minY) * k / 5;
                int y = yPos(v, top, bottom, minY, maxY, false);
                g.setColor(new Color(220, 220, 220));
                g.drawLine(LEFT + 1, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                g.drawString(format(v), 5, y + 4);
            }
        }
        double step = niceCeil(maxX / 10);
        for (double x = 0; x <= maxX; x += step) {
            int px = xPos(x, maxX);
            g.drawLine(px, bottom, px, bottom + 4);
            g.drawString(format(x), px - 8, bottom + 16);
        }
        g.drawString(label, LEFT + 5, top - 3);
    }

    private static void series(Graphics2D g, List<Interval> data, double maxX, int top, int bottom, double minY,
                               double maxY, boolean log, Color color, boolean processed) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.6f));
        Interval prev = null;
        for (Interval i : data) {
            double v = processed ? i.processedPerSecond() : i.receivedPerSecond();
            if (prev != null && i.phase().equals(prev.phase())) {
                double pv = processed ? prev.processedPerSecond() : prev.receivedPerSecond();
                g.drawLine(xPos(prev.x(), maxX), yPos(pv, top, bottom, minY, maxY, log), xPos(i.x(), maxX),
                        yPos(v, top, bottom, minY, maxY, log));
            }
            prev = i;
        }
    }

    private static void latency(Graphics2D g, List<Interval> data, double maxX, int top, int bottom, double maxY) {
        g.setColor(LATENCY);
        g.setStroke(new BasicStroke(1.6f));
        Interval prev = null;
        for (Interval i : data) {
            if (Double.isNaN(i.p99Millis())) {
                prev = null;
                continue;
            }
            int x = xPos(i.x(), maxX);
            int y = yPos(Math.max(1, i.p99Millis()), top, bottom, 1, maxY, true);
            if (prev != null && prev.phase().equals(i.phase())) {
                g.drawLine(xPos(prev.x(), maxX), yPos(Math.max(1, prev.p99Millis()), top, bottom, 1, maxY, true), x, y);
            } else {
                g.fillOval(x - 2, y - 2, 4, 4);
            }
            prev = i;
        }
    }

    /** One row, right-aligned below a plot, so it never covers data or phase labels. */
    private static void legend(Graphics2D g, int y, String[] names, Color[] colors) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = WIDTH - RIGHT;
        for (int i = names.length - 1; i >= 0; i--) {
            x -= g.getFontMetrics().stringWidth(names[i]) + 20;
            g.setColor(colors[i]);
            g.fillRect(x, y - 10, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(names[i], x + 20, y);
            x -= 20;
        }
    }

    private static int xPos(double x, double maxX) {
        return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * x / maxX);
    }

    private static int yPos(double v, int top, int bottom, double minY, double maxY, boolean log) {
        double f = log ? (Math.log10(Math.max(v, minY)) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY))
                : (v - minY) / (maxY - minY);
        return bottom - (int) Math.round((bottom - top) * Math.max(0, Math.min(1, f)));
    }

    static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String format(double v) {
        if (v >= 1000) {
            return String.format("%,.0f", v);
        }
        return v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
