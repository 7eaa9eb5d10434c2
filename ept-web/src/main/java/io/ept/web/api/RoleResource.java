package io.ept.web.api;

import io.ept.security.Role;
import io.ept.web.security.RoleFilter;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Roles and the route table (which role each route needs), read from the resources' own annotations. */
@RolesAllowed(Roles.ADMIN)
@Path("role")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "role")
public class RoleResource {

    /** Every resource class of the API. */
    public static final List<Class<?>> RESOURCES = List.of(AppStatusResource.class, UserResource.class,
            SettingsResource.class, RoleResource.class, FabricResource.class, EptCollectionResource.class,
            EndpointResource.class, ObjectResource.class, EventStreamResource.class, TrustResource.class, DocsResource.class,
            FindingsWorkflowResource.class, PublishResource.class, HierarchyResource.class,
            InventoryResource.class);

    public record Route(String method, String path, String role, String summary) {
    }

    @GET
    @Operation(summary = "Role codes: {\"0\":\"admin\",\"1\":\"user\",\"2\":\"blacklist\"}")
    public JsonObject roles() {
        JsonObjectBuilder roles = Json.createObjectBuilder();
        for (Role role : Role.values()) {
            roles.add(String.valueOf(role.code()), role.label());
        }
        return roles.build();
    }

    @GET
    @Path("routes")
    @Operation(summary = "Every API route with its method and required role (none = anyone)")
    public JsonObject routes() {
        JsonArrayBuilder routes = Json.createArrayBuilder();
        for (Route route : routeTable()) {
            routes.add(Json.createObjectBuilder().add("method", route.method()).add("path", route.path())
                    .add("role", route.role()).add("summary", route.summary()));
        }
        List<Route> table = routeTable();
        return Json.createObjectBuilder().add("count", table.size()).add("routes", routes).build();
    }

    public static List<Route> routeTable() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            Path base = resource.getAnnotation(Path.class);
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = "/api/" + join(base == null ? "" : base.value(), sub == null ? "" : sub.value());
                Role role = RoleFilter.requiredRole(method);
                Operation operation = method.getAnnotation(Operation.class);
                String label = role == null ? "none" : role.label();
                if (method.isAnnotationPresent(io.ept.web.security.AcknowledgerRoute.class)) {
                    label = io.ept.web.security.AcknowledgerRoute.ROLE;
                }
                routes.add(new Route(verb, path, label, operation == null ? "" : operation.summary()));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String a = base.replaceAll("^/+|/+$", "");
        String b = sub.replaceAll("^/+|/+$", "");
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }
}
