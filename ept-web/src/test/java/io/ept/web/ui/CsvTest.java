package io.ept.web.ui;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    private static String csv(List<Csv.Column> columns, List<Document> rows) throws IOException {
        StringWriter out = new StringWriter();
        Csv.write(out, columns, rows);
        return out.toString();
    }

    @Test
    void writesAHeaderAndOneLinePerRow() throws IOException {
        assertEquals("address,node\r\n10.0.0.1,101\r\n10.0.0.2,\"(101,102)\"\r\n",
                csv(List.of(Csv.column("address", d -> d.get("addr")), Csv.column("node", d -> Formats.node(d.get("node")))),
                        List.of(new Document("addr", "10.0.0.1").append("node", 101),
                                new Document("addr", "10.0.0.2").append("node", (101 << 16) + 102))));
    }

    @Test
    void quotesSeparatorsQuotesAndNewlinesAndDefusesFormulas() throws IOException {
        assertEquals("v\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n'=HYPERLINK(1)\r\n-12.5\r\n",
                csv(List.of(Csv.column("v", d -> d.get("v"))), List.of(new Document("v", "say \"hi\""),
                        new Document("v", "two\nlines"), new Document("v", "=HYPERLINK(1)"), new Document("v", -12.5))));
    }
}
