package io.ept.web.ui;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import io.ept.web.csv.SafeCsvWriter;
import org.bson.Document;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * CSV download of a table: the same columns the page shows, for the rows its filters select (UTF-8; quoting and
 * the formula rule are {@link SafeCsvWriter}'s). Used by every table's download button.
 */
public final class Csv {

    /** Rows a download holds at most, so one click cannot stream a whole large collection. */
    public static final int MAX_ROWS = 100_000;

    public record Column(String header, Function<Document, Object> value) {
    }

    private Csv() {
    }

    public static Column column(String header, Function<Document, Object> value) {
        return new Column(header, value);
    }

    /** Writes the CSV as the response of the current (non-ajax) request. */
    public static void download(String filename, List<Column> columns, List<Document> rows) {
        FacesContext context = FacesContext.getCurrentInstance();
        ExternalContext external = context.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        try (Writer out = new OutputStreamWriter(external.getResponseOutputStream(), StandardCharsets.UTF_8)) {
            write(out, columns, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    static void write(Writer out, List<Column> columns, List<Document> rows) throws IOException {
        SafeCsvWriter csv = new SafeCsvWriter(out);
        csv.row(columns.stream().map(Column::header).toList());
        List<Object> cells = new ArrayList<>(columns.size());
        for (Document row : rows) {
            cells.clear();
            for (Column column : columns) {
                cells.add(column.value().apply(row));
            }
            csv.row(cells);
        }
        csv.flush();
    }
}
