package io.ept.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A plain fixed-width text table: a header and rows of cells, numbers right-aligned. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row of " + row.size() + " cells for " + header.size() + " columns: " + row);
        }
        rows.add(List.copyOf(row));
    }

    public String render() {
        int[] w = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder(ResultTable.separator(w));
        for (int n = 0; n < all.size(); n++) {
            sb.append("| ");
            for (int i = 0; i < w.length; i++) {
                String cell = all.get(n).get(i);
                sb.append(ResultTable.pad(cell, w[i], n > 0 && startsWithDigit(cell))).append(" | ");
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
            if (n == 0) {
                sb.append(ResultTable.separator(w));
            }
        }
        return sb.append(ResultTable.separator(w)).toString();
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }
}
