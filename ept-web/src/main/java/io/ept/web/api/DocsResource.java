package io.ept.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The OpenAPI document at EPT 2.x's path /api/docs. WildFly's MicroProfile OpenAPI serves EPT's contract
 * (META-INF/openapi.yaml, paths prefixed with the context root) at the server's /openapi; this route hands out the
 * same document from the same server, without the empty {@code info.license}, {@code info.contact} and
 * {@code externalDocs} objects WildFly adds after every filter: an empty license or external document is invalid
 * OpenAPI (their name and url are required), so linters and client generators refuse it.
 */
@PermitAll
@Path("docs")
@Tag(name = "docs")
public class DocsResource {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This OpenAPI document (also at /openapi)")
    public Response openApi() throws IOException, InterruptedException {
        URI local = URI.create("http://127.0.0.1:" + request.getLocalPort() + "/openapi?format=JSON");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(local).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE,
                    "the OpenAPI document is not available (/openapi answered " + response.statusCode() + ")");
        }
        return Response.ok(withoutEmptyObjects(response.body()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static JsonObject withoutEmptyObjects(String document) {
        JsonObject openApi;
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            openApi = reader.readObject();
        }
        JsonObjectBuilder out = Json.createObjectBuilder(openApi);
        if (isEmptyObject(openApi.get("externalDocs"))) {
            out.remove("externalDocs");
        }
        if (openApi.get("info") instanceof JsonObject info) {
            JsonObjectBuilder cleaned = Json.createObjectBuilder(info);
            for (String field : new String[]{"license", "contact"}) {
                if (isEmptyObject(info.get(field))) {
                    cleaned.remove(field);
                }
            }
            out.add("info", cleaned);
        }
        return out.build();
    }

    private static boolean isEmptyObject(JsonValue value) {
        return value instanceof JsonObject object && object.isEmpty();
    }
}
