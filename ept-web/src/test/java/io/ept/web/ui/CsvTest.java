package io.ept.web.ui;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void quotesSeparatorsQuotesAndNewlines() {
        assertEquals("plain", Csv.quote("plain"));
        assertEquals("\"a,b\"", Csv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.quote("two\nlines"));
        assertEquals("", Csv.quote(null));
    }

    @Test
    void cellsThatSpreadsheetsWouldEvaluateAreDefused() {
        assertEquals("'=HYPERLINK(1)", Csv.quote("=HYPERLINK(1)"));
        assertEquals("'@cmd", Csv.quote("@cmd"));
        assertEquals("-12.5", Csv.quote("-12.5"), "negative numbers stay numbers");
    }

    @Test
    void writesAHeaderAndOneLinePerRow() throws IOException {
        StringWriter out = new StringWriter();
        Csv.write(out, List.of(Csv.column("address", d -> d.get("addr")), Csv.column("node", d -> Formats.node(d.get("node")))),
                List.of(new Document("addr", "10.0.0.1").append("node", 101), new Document("addr", "10.0.0.2").append("node", (101 << 16) + 102)));
        assertEquals("address,node\r\n10.0.0.1,101\r\n10.0.0.2,\"(101,102)\"\r\n", out.toString());
    }
}
