package io.ept.web.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSearchTest {

    /** A catastrophic regex is refused before any query: services stays null, so reaching the store would fail. */
    @Test
    void catastrophicRegexesAreRefusedWithAMessage() {
        EndpointSearch search = new EndpointSearch();
        for (String query : new String[]{"/^((a+))+$", "/(a|aa)+$", "/^(([0-9a-f:.]+))+z", "/(a)\\1", "/(?=x)abcd", "/[abc"}) {
            EndpointSearch.Result result = search.search(query, null);
            assertTrue(result.hits().isEmpty() && result.error() != null && result.error().contains("regular expression"),
                    query + ": " + result.error());
        }
    }
}
