package io.ept.web.api;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** EPT's error envelope: {@code {"error": "<text>"}} with the HTTP status of the failure. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Response error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build()).build();
    }
}
