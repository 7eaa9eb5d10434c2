package io.ept.web.api;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
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
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    static Response respond(String className, BulkQuery query, MongoCollection<Document> collection, List<String> keys,
                            Function<Document, Map<String, Object>> view, UriInfo uri, HttpHeaders headers) {
        return respond(className, query, collection, keys, rows -> rows, view, uri, headers);
    }

    /**
     * {@link #respond(String, BulkQuery, MongoCollection, List, Function, UriInfo, HttpHeaders)} with the documents
     * passed through {@code prepare} in chunks of {@value #PREPARE_CHUNK} before their view (e.g. to fetch what they
     * refer to with one query per chunk instead of one per document).
     */
    static Response respond(String className, BulkQuery query, MongoCollection<Document> collection, List<String> keys,
                            java.util.function.UnaryOperator<List<Document>> prepare,
                            Function<Document, Map<String, Object>> view, UriInfo uri, HttpHeaders headers) {
        long total = query.count(collection);
        if (query.countOnly()) {
            return Response.ok(Json.createObjectBuilder().add("count", total).build(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (wantsCsv(uri, headers)) {
            List<String> columns;
            if (query.include().isEmpty()) {
                // every attribute of the page is a column: a first pass collects their names, keeping no rows
                Set<String> names = new LinkedHashSet<>();
                try (Prepared scan = new Prepared(query.find(collection, keys).iterator(), prepare)) {
                    scan.forEachRemaining(doc -> names.addAll(view.apply(doc).keySet()));
                }
                columns = List.copyOf(names);
            } else {
                columns = CsvTables.columns(List.of(), query.include());
            }
            Prepared cursor = new Prepared(query.find(collection, keys).iterator(), prepare);
            StreamingOutput csv = out -> {
                try (cursor) {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    CsvTables.writeHeader(writer, columns);
                    while (cursor.hasNext()) {
                        CsvTables.writeRow(writer, view.apply(cursor.next()), columns);
                    }
                    writer.flush();
                }
            };
            String file = className.replace('.', '-') + ".csv";
            return Response.ok(csv, CsvTables.MEDIA_TYPE + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .header("X-Total-Count", total).build();
        }
        Prepared cursor = new Prepared(query.find(collection, keys).iterator(), prepare);
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

    static final int PREPARE_CHUNK = 500;

    /** A cursor read ahead in chunks, each chunk passed through a preparation before its documents are served. */
    static final class Prepared implements java.util.Iterator<Document>, AutoCloseable {
        private final java.util.Iterator<Document> cursor;
        private final java.util.function.UnaryOperator<List<Document>> prepare;
        private java.util.Iterator<Document> chunk = java.util.Collections.emptyIterator();

        /** {@code cursor}: a MongoCursor (closed with this), or any iterator. */
        Prepared(java.util.Iterator<Document> cursor, java.util.function.UnaryOperator<List<Document>> prepare) {
            this.cursor = cursor;
            this.prepare = prepare;
        }

        @Override
        public boolean hasNext() {
            if (!chunk.hasNext() && cursor.hasNext()) {
                List<Document> docs = new java.util.ArrayList<>(PREPARE_CHUNK);
                while (docs.size() < PREPARE_CHUNK && cursor.hasNext()) {
                    docs.add(cursor.next());
                }
                chunk = prepare.apply(docs).iterator();
            }
            return chunk.hasNext();
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return chunk.next();
        }

        @Override
        public void close() {
            if (cursor instanceof MongoCursor<Document> c) {
                c.close();
            }
        }
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
