package io.ept.web.ui;

import io.ept.application.EndpointQueries;
import io.ept.query.SafeRegex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint search by address (ept-reference 6): at least {@link #MIN_LENGTH} characters, a case-insensitive
 * substring of the address, or a raw regular expression when the query starts with "/" (refused unless
 * {@link SafeRegex} finds it safe for the store's backtracking regex engine); at most
 * {@link #MAX_HITS} hits plus the number of matches (counted up to {@link #COUNT_CAP}).
 */
@ApplicationScoped
public class EndpointSearch {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_HITS = 20;
    public static final int COUNT_CAP = 10_000;

    public record Result(List<SearchHit> hits, long matches, String error) {
        public static final Result EMPTY = new Result(List.of(), 0, null);
    }

    @Inject
    EndpointQueries endpoints;

    /** Hits and the number of matches; {@code fabric} null searches every fabric. */
    public Result search(String query, String fabric) {
        return search(query, fabric, COUNT_CAP);
    }

    /** The first hits only, for type-ahead suggestions. */
    public List<SearchHit> suggest(String query) {
        return search(query, null, MAX_HITS).hits();
    }

    private Result search(String query, String fabric, int readAtMost) {
        String q = query == null ? "" : query.trim();
        if (q.length() < MIN_LENGTH) {
            return Result.EMPTY;
        }
        EndpointQueries.SearchMatches found;
        try {
            found = endpoints.searchAddress(q, fabric, MAX_HITS, readAtMost);
        } catch (IllegalArgumentException e) {
            // a raw regex SafeRegex does not deem bounded: refused before any query
            return new Result(List.of(), 0, e.getMessage());
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Document d : found.first()) {
            Document first = d.get("first_learn", Document.class);
            Document latest = Formats.latest(d);
            Document about = latest.isEmpty() ? (first == null ? new Document() : first) : latest;
            String status = latest.getString("status");
            hits.add(new SearchHit(d.getString("fabric"), ((Number) d.get("vnid")).intValue(), d.getString("addr"),
                    d.getString("type"), str(about, "encap"), str(about, "vnid_name"), str(about, "epg_name"),
                    "created".equals(status) || "modified".equals(status)));
        }
        return new Result(hits, found.matches(), null);
    }

    private static String str(Document d, String key) {
        Object v = d.get(key);
        return v == null ? "" : v.toString();
    }
}
