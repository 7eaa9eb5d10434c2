package io.ept.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table the harness prints: a row per figure, grouped by scenario, with the target and whether it
 * is met where a target applies.
 */
public final class ResultTable {

    public enum Verdict { MET, NOT_MET, NONE }

    /**
     * @param scenario e.g. "build 32k", "sustained", "latency @5000/s", "memory 32k", "store"
     * @param metric   what is measured
     * @param value    the figure, formatted
     * @param target   the target, or ""
     */
    public record Row(String scenario, String metric, String value, String target, Verdict verdict) {
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(String scenario, String metric, String value) {
        rows.add(new Row(scenario, metric, value, "", Verdict.NONE));
    }

    public void add(String scenario, String metric, String value, String target, boolean met) {
        rows.add(new Row(scenario, metric, value, target, met ? Verdict.MET : Verdict.NOT_MET));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Fixed-width text table. */
    public String render() {
        String[] head = {"scenario", "metric", "value", "target", "met"};
        int[] w = new int[head.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[]{r.scenario(), r.metric(), r.value(), r.target(), verdict(r.verdict())});
        }
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (int n = 0; n < cells.size(); n++) {
            String[] c = cells.get(n);
            if (n == 1 || (n > 1 && !c[0].equals(previous))) {
                sb.append(separator(w));
            }
            boolean sameGroup = n > 1 && c[0].equals(previous);
            previous = c[0];
            sb.append("| ");
            for (int i = 0; i < c.length; i++) {
                String text = i == 0 && sameGroup ? "" : c[i];
                boolean right = i == 2 && n > 0;
                sb.append(right ? pad(text, w[i], true) : pad(text, w[i], false)).append(" | ");
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        sb.append(separator(w));
        return sb.toString();
    }

    /** CSV with a header line; fields quoted when needed. */
    public String csv() {
        StringBuilder sb = new StringBuilder("scenario,metric,value,target,met\n");
        for (Row r : rows) {
            sb.append(quote(r.scenario())).append(',').append(quote(r.metric())).append(',').append(quote(r.value()))
                    .append(',').append(quote(r.target())).append(',').append(verdict(r.verdict())).append('\n');
        }
        return sb.toString();
    }

    static String verdict(Verdict v) {
        return switch (v) {
            case MET -> "yes";
            case NOT_MET -> "NO";
            case NONE -> "";
        };
    }

    static String separator(int[] w) {
        StringBuilder sb = new StringBuilder("+");
        for (int x : w) {
            sb.append("-".repeat(x + 2)).append('+');
        }
        return sb.append('\n').toString();
    }

    static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
