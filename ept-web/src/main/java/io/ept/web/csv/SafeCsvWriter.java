package io.ept.web.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes CSV (RFC 4180: comma, CRLF, quotes only where needed) row by row, defusing every cell a spreadsheet would
 * evaluate as a formula: a cell starting with = + - @, a tab or a carriage return gets a leading single quote,
 * unless it is a plain number such as -12.5 (which stays a number).
 */
public final class SafeCsvWriter implements Closeable, Flushable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");

    private final CSVPrinter printer;

    public SafeCsvWriter(Appendable out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    /** One record; a null cell is written empty, any other as its text. */
    public void row(Iterable<?> cells) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Object cell : cells) {
            texts.add(defuse(cell == null ? "" : cell.toString()));
        }
        printer.printRecord(texts);
    }

    /** The cell as a spreadsheet shows it literally: a would-be formula gets a leading single quote. */
    public static String defuse(String text) {
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 && !NUMBER.matcher(text).matches()) {
            return "'" + text;
        }
        return text;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** Flushes and closes the underlying writer. */
    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
