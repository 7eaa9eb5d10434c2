package io.ept.web.api;

import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure leaves the API as EPT's JSON error envelope; client mistakes are 4xx, never 500. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = thrown;
        while (e instanceof jakarta.ejb.EJBException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof io.ept.security.AuthenticationException) {
            return ApiErrors.error(Response.Status.UNAUTHORIZED, e.getMessage());
        }
        if (e instanceof io.ept.security.AccessDeniedException) {
            return ApiErrors.error(Response.Status.FORBIDDEN, e.getMessage());
        }
        if (e instanceof io.ept.security.UserNotFoundException) {
            return ApiErrors.error(Response.Status.NOT_FOUND, e.getMessage());
        }
        if (e instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            String message = e.getMessage() != null ? e.getMessage() : Response.Status.fromStatusCode(status).getReasonPhrase();
            return ApiErrors.error(status, message);
        }
        if (e instanceof io.ept.fabric.FabricNotFoundException || e instanceof io.ept.findings.FindingControls.NotFoundException) {
            return ApiErrors.error(Response.Status.NOT_FOUND, e.getMessage());
        }
        if (e instanceof io.ept.domain.InvalidValueException invalid) {
            return jakarta.ws.rs.core.Response.status(Response.Status.BAD_REQUEST)
                    .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .entity(jakarta.json.Json.createObjectBuilder().add("error", invalid.getMessage())
                            .add("field", invalid.field()).build()).build();
        }
        if (e instanceof JsonException || e instanceof IllegalArgumentException) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof com.mongodb.MongoExecutionTimeoutException) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE,
                    "the query exceeded its time limit (" + io.ept.query.BulkQuery.MAX_QUERY_SECONDS + " s); narrow the filter");
        }
        String dependency = io.ept.platform.ConnectionFailures.dependency(e);
        if (dependency != null) {
            // MongoDB or Redis is briefly away (supervised, reconnecting): try again, not EPT's fault
            Throwable cause = e;
            LOG.fine(() -> "API request failed while " + dependency + " is unreachable: " + cause);
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, dependency + " is unavailable; try again shortly");
        }
        if (fromJsonParser(e)) {
            // Parsson refuses over-deep nesting (more than 1000 levels) with a plain RuntimeException
            return ApiErrors.error(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected API failure", e);
        return ApiErrors.error(Response.Status.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
    }

    /** A failure raised by the JSON parser while it read the request body (the client's JSON, not our code). */
    static boolean fromJsonParser(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonException) {
                return true;
            }
            StackTraceElement[] stack = t.getStackTrace();
            if (t.getClass() == RuntimeException.class && stack.length > 0
                    && stack[0].getClassName().startsWith("org.eclipse.parsson.")) {
                return true;
            }
        }
        return false;
    }
}
