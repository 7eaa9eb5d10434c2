package io.ept.web.api;

import com.mongodb.client.MongoCollection;
import io.ept.query.BulkQuery;
import io.ept.query.FilterSyntaxException;
import jakarta.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.bson.Document;

import java.util.ArrayList;
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

    static Response respond(String className, BulkQuery query, MongoCollection<Document> collection, List<String> keys,
                            Function<Document, Map<String, Object>> view, UriInfo uri, HttpHeaders headers) {
        long total = query.count(collection);
        if (query.countOnly()) {
            return Response.ok(Json.createObjectBuilder().add("count", total).build(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Document doc : query.run(collection, keys)) {
            objects.add(view.apply(doc));
        }
        return render(className, objects, total, query.include(), uri, headers);
    }

    static Response render(String className, List<Map<String, Object>> objects, long total, List<String> include,
                           UriInfo uri, HttpHeaders headers) {
        if (wantsCsv(uri, headers)) {
            String file = className.replace('.', '-') + ".csv";
            return Response.ok(CsvTables.write(objects, include), CsvTables.MEDIA_TYPE + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .header("X-Total-Count", total).build();
        }
        return Response.ok(Jsons.envelope(className, objects, total), MediaType.APPLICATION_JSON_TYPE).build();
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
