package io.ept.web.api;

import io.ept.security.AccountService;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Global application settings (ept-reference 2.3): session and password-reset lifetimes, password strength. */
@RolesAllowed(Roles.USER)
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settings")
public class SettingsResource {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller current;

    @GET
    @Operation(summary = "Read the global settings")
    public JsonObject read() {
        return envelope(accounts.settings());
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update global settings: app_name, session_timeout, password_reset_timeout, password_strength_check")
    public JsonObject patch(JsonObject body) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        return envelope(accounts.updateSettings(current.require(), Jsons.toMap(body)));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Same as PATCH")
    public JsonObject put(JsonObject body) {
        return patch(body);
    }

    private static JsonObject envelope(Map<String, Object> settings) {
        Map<String, Object> view = new LinkedHashMap<>(settings);
        view.put("dn", "/settings");
        return Jsons.envelope("settings", List.of(view), 1);
    }
}
