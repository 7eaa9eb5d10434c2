package io.ept.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultTableTest {

    @Test
    void rendersOneTableWithVerdictsAndCsv() {
        ResultTable t = new ResultTable();
        t.add("build 32k", "initial build time", "16.9 s");
        t.add("build 32k", "records/s", "1,909");
        t.add("sustained", "end-to-end rate", "752 events/s", ">= 20,000 events/s", false);
        t.add("sustained", "lost", "0", "0", true);
        String text = t.render();
        assertTrue(text.contains("| build 32k "), text);
        assertTrue(text.contains("| NO  |"), text);
        assertTrue(text.contains("| yes |"), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("| build 32k")).count(), "group name printed once");
        String csv = t.csv();
        assertTrue(csv.startsWith("scenario,metric,value,target,met\n"));
        assertTrue(csv.contains("sustained,end-to-end rate,752 events/s,\">= 20,000 events/s\",NO"), csv);
        assertTrue(csv.contains("build 32k,records/s,\"1,909\",,"), csv);
    }
}
