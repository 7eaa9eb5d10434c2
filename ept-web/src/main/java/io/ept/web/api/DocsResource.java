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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The OpenAPI document at EPT 2.x's path /api/docs. WildFly's MicroProfile OpenAPI generates it from the JAX-RS
 * annotations and serves it at the server's /openapi; this route hands out the same document from the same server.
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
    @Operation(summary = "OpenAPI 3 document of every route (also at /openapi; Swagger UI at /ept/docs/)")
    public Response openApi() throws IOException, InterruptedException {
        URI local = URI.create("http://127.0.0.1:" + request.getLocalPort() + "/openapi?format=JSON");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(local).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE,
                    "the OpenAPI document is not available (/openapi answered " + response.statusCode() + ")");
        }
        return Response.ok(response.body(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
