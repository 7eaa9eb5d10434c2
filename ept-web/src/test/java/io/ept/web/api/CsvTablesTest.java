package io.ept.web.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTablesTest {

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @Test
    void quotesEscapesAndNeutralisesFormulas() {
        String csv = CsvTables.write(List.of(
                row("addr", "10.0.0.1", "name", "a,b", "note", "say \"hi\"", "dn", "/x"),
                row("addr", "=HYPERLINK(1)", "extra", List.of(1, 2), "dn", "/y")), List.of());
        assertEquals("addr,name,note,dn,extra\r\n"
                + "10.0.0.1,\"a,b\",\"say \"\"hi\"\"\",/x,\r\n"
                + "'=HYPERLINK(1),,,/y,\"[1,2]\"\r\n", csv);
    }

    @Test
    void everyFormulaStartIsDefusedAsInTheUiDownloads() {
        String csv = CsvTables.write(List.of(row("a", "-cmd", "b", "+1", "c", "@x", "d", -4, "dn", "/z")), List.of());
        assertEquals("a,b,c,d,dn\r\n'-cmd,'+1,'@x,-4,/z\r\n", csv);
    }

    @Test
    void includeChoosesColumnsAndDottedPathsReachIntoDocuments() {
        Map<String, Object> first = row("node", 101, "status", "created");
        String csv = CsvTables.write(List.of(row("addr", "a", "events", List.of(first), "first_learn", first, "dn", "/a")),
                List.of("addr", "first_learn.node", "events.0.status"));
        assertEquals("addr,first_learn.node,events.0.status,dn\r\na,101,created,/a\r\n", csv);
    }
}
