package io.ept.web.api;

import io.ept.application.BulkRead;
import io.ept.query.BulkQuery;
import io.ept.query.FilterSyntaxException;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.bson.Document;

import java.io.BufferedOutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The one way every bulk route answers: query options from the URL, then the JSON envelope or CSV. */
final class BulkResponses {

    static final Set<String> OPTIONS = Set.of("filter", "sort", "page", "page-size", "count", "include", "format");

    private BulkResponses() {
    }

    static BulkQuery query(UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new FilterSyntaxException("unknown query parameter(s) " + unknown + "; allowed: " + new TreeSet<>(OPTIONS));
        }
        String format = params.getFirst("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new FilterSyntaxException("format must be json or csv");
        }
        return BulkQuery.parse(params.getFirst("filter"), params.getFirst("sort"), params.getFirst("page"),
                params.getFirst("page-size"), params.getFirst("count"), params.getFirst("include"));
    }

    /**
     * Count, then stream the page: JSON or CSV is written document by document as the cursor delivers them, so a
     * page of 75,000 rows never sits in memory as one list or one string. The query runs (its first batch is read)
     * before the answer starts, so a query the store refuses is still answered with an error status.
     */
    static Response respond(String className, BulkRead read, Function<Document, Map<String, Object>> view,
                            UriInfo uri, HttpHeaders headers) {
        BulkQuery query = read.query();
        long total = read.count();
        if (query.countOnly()) {
            return Response.ok(Json.createObjectBuilder().add("count", total).build(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (wantsCsv(uri, headers)) {
            List<String> columns;
            if (query.include().isEmpty()) {
                // every attribute of the page is a column: a first pass collects their names, keeping no rows
                Set<String> names = new LinkedHashSet<>();
                try (BulkRead.Rows scan = read.open()) {
                    scan.forEachRemaining(doc -> names.addAll(view.apply(doc).keySet()));
                }
                columns = List.copyOf(names);
            } else {
                columns = CsvTables.columns(List.of(), query.include());
            }
            BulkRead.Rows cursor = read.open();
            StreamingOutput csv = out -> {
                try (cursor) {
                    CsvTables.write(out, columns, () -> new java.util.Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return cursor.hasNext();
                        }

                        @Override
                        public Map<String, Object> next() {
                            return view.apply(cursor.next());
                        }
                    });
                }
            };
            String file = className.replace('.', '-') + ".csv";
            return Response.ok(csv, CsvTables.MEDIA_TYPE + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .header("X-Total-Count", total).build();
        }
        BulkRead.Rows cursor = read.open();
        StreamingOutput json = out -> {
            try (cursor) {
                JsonGenerator generator = Json.createGenerator(new BufferedOutputStream(out, 1 << 16));
                generator.writeStartObject().write("count", total).writeStartArray("objects");
                while (cursor.hasNext()) {
                    generator.writeStartObject().write(className, Jsons.toJson(view.apply(cursor.next()))).writeEnd();
                }
                generator.writeEnd().writeEnd();
                generator.flush();
            }
        };
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code ?format=csv}, or an Accept header that prefers text/csv over JSON. */
    static boolean wantsCsv(UriInfo uri, HttpHeaders headers) {
        String format = uri.getQueryParameters().getFirst("format");
        if (format != null) {
            return format.equals("csv");
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(CsvTables.MEDIA_TYPE)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
