package io.ept.web.api;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV export of bulk reads (RFC 4180), written row by row to a stream. Columns are the requested {@code include} attributes plus dn, or every
 * top-level attribute in order of first appearance; nested documents and lists are written as JSON.
 */
public final class CsvTables {

    public static final String MEDIA_TYPE = "text/csv";

    private CsvTables() {
    }

    public static String write(List<? extends Map<String, Object>> rows, List<String> include) {
        List<String> columns = columns(rows, include);
        StringWriter csv = new StringWriter();
        try {
            writeHeader(csv, columns);
            for (Map<String, Object> row : rows) {
                writeRow(csv, row, columns);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    /**
     * The columns: {@code include} plus dn, or (no include) every top-level attribute of the rows in order of first
     * appearance; the rows are only looked at, not kept, so they can come from a cursor.
     */
    public static List<String> columns(Iterable<? extends Map<String, Object>> rows, List<String> include) {
        Set<String> columns = new LinkedHashSet<>();
        if (!include.isEmpty()) {
            columns.addAll(include);
            columns.add("dn");
        } else {
            rows.forEach(row -> columns.addAll(row.keySet()));
        }
        return new ArrayList<>(columns);
    }

    public static void writeHeader(Writer csv, List<String> columns) throws IOException {
        appendRow(csv, columns);
    }

    public static void writeRow(Writer csv, Map<String, Object> row, List<String> columns) throws IOException {
        List<String> cells = new ArrayList<>(columns.size());
        for (String column : columns) {
            cells.add(cell(lookup(row, column)));
        }
        appendRow(csv, cells);
    }

    /** Top-level value, or a dotted path into nested documents (include=first_learn.node). */
    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> row, String column) {
        if (row.containsKey(column) || !column.contains(".")) {
            return row.get(column);
        }
        Object value = row;
        for (String part : column.split("\\.")) {
            if (value instanceof Map<?, ?> map) {
                value = ((Map<String, Object>) map).get(part);
            } else if (value instanceof List<?> list && part.matches("\\d{1,9}") && Integer.parseInt(part) < list.size()) {
                value = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return value;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return Jsons.toJson(value).toString();
        }
        String text = String.valueOf(value);
        // spreadsheet formula injection: a cell must never start a formula
        if (!text.isEmpty() && "=+@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text;
    }

    private static void appendRow(Writer csv, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                csv.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(cell);
            }
        }
        csv.append("\r\n");
    }
}
