package io.ept.web.ui;

import io.ept.application.EndpointQueries;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSearchTest {

    /** A catastrophic regex is refused before any query: the store stays unset, so reaching it would fail. */
    @Test
    void catastrophicRegexesAreRefusedWithAMessage() {
        EndpointSearch search = new EndpointSearch();
        search.endpoints = new EndpointQueries();
        for (String query : new String[]{"/^((a+))+$", "/(a|aa)+$", "/^(([0-9a-f:.]+))+z", "/(a)\\1", "/(?=x)abcd", "/[abc"}) {
            EndpointSearch.Result result = search.search(query, null);
            assertTrue(result.hits().isEmpty() && result.error() != null && result.error().contains("regular expression"),
                    query + ": " + result.error());
        }
    }
}
