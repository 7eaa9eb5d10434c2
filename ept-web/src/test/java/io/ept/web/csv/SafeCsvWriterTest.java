package io.ept.web.csv;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SafeCsvWriterTest {

    private static String row(Object... cells) throws IOException {
        StringWriter out = new StringWriter();
        try (SafeCsvWriter csv = new SafeCsvWriter(out)) {
            csv.row(Arrays.asList(cells));
        }
        return out.toString();
    }

    @Test
    void quotesOnlyWhatNeedsQuotingAndEndsRecordsWithCrLf() throws IOException {
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,101\r\n",
                row("plain", "a,b", "say \"hi\"", "two\nlines", null, 101));
    }

    @Test
    void everyCellASpreadsheetWouldEvaluateGetsALeadingQuote() {
        for (String formula : List.of("=HYPERLINK(1)", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "-cmd")) {
            assertEquals("'" + formula, SafeCsvWriter.defuse(formula), formula);
        }
    }

    @Test
    void numbersAndOrdinaryTextStayAsTheyAre() {
        for (String text : List.of("-12.5", "-3", "-1.0E-5", "12", "10.0.0.1", "a=b", "", "'quoted")) {
            assertEquals(text, SafeCsvWriter.defuse(text), text);
        }
    }
}
