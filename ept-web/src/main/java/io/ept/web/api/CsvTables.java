package io.ept.web.api;

import io.ept.web.csv.SafeCsvWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV export of bulk reads, written row by row to a stream. Columns are the requested {@code include} attributes
 * plus dn, or every top-level attribute in order of first appearance; nested documents and lists are written as
 * JSON. Quoting and the formula rule are {@link SafeCsvWriter}'s.
 */
public final class CsvTables {

    public static final String MEDIA_TYPE = "text/csv";

    private CsvTables() {
    }

    public static String write(List<? extends Map<String, Object>> rows, List<String> include) {
        List<String> columns = columns(rows, include);
        StringWriter csv = new StringWriter();
        try (SafeCsvWriter writer = new SafeCsvWriter(csv)) {
            writeRows(writer, columns, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toString();
    }

    /** Streams the header and the rows as UTF-8, flushing (not closing) {@code out} at the end. */
    public static void write(OutputStream out, List<String> columns, Iterable<? extends Map<String, Object>> rows) throws IOException {
        SafeCsvWriter writer = new SafeCsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
        writeRows(writer, columns, rows);
        writer.flush();
    }

    private static void writeRows(SafeCsvWriter writer, List<String> columns, Iterable<? extends Map<String, Object>> rows)
            throws IOException {
        writer.row(columns);
        List<String> cells = new ArrayList<>(columns.size());
        for (Map<String, Object> row : rows) {
            cells.clear();
            for (String column : columns) {
                cells.add(cell(lookup(row, column)));
            }
            writer.row(cells);
        }
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
        return String.valueOf(value);
    }
}
