package io.ept.web.api;

import io.ept.security.AccountService;
import io.ept.security.AuthenticationException;
import io.ept.security.LoginResult;
import io.ept.security.Role;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.LiveSessions;
import io.ept.web.security.LoginLimiter;
import io.ept.web.security.Roles;
import io.ept.web.security.SessionCookies;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.OptionalLong;
import java.util.Set;

/** Login sessions and users (ept-reference 5.1-5.2): /api/user... and /api/uni/username-{u}. */
@RolesAllowed(Roles.USER)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "user", description = "login sessions and users; roles 0 admin, 1 user (read-only), 2 blacklist")
public class UserResource {

    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "token_required");
    private static final Set<String> USER_FIELDS = Set.of("username", "password", "role");

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller current;

    @Inject
    LoginLimiter limiter;

    @Inject
    LiveSessions live;

    @Context
    HttpServletRequest request;

    /** Request body of a login, for the API documentation. */
    @Schema(name = "Login")
    public record LoginRequest(@Schema(required = true) String username, @Schema(required = true) String password,
                               @Schema(description = "require header app-token (the returned token) on every call")
                               Boolean token_required) {
    }

    /** A user as created or updated, for the API documentation. */
    @Schema(name = "User")
    public record UserRequest(String username, @Schema(description = "write-only") String password,
                              @Schema(description = "0 admin, 1 user, 2 blacklist", enumeration = {"0", "1", "2"}) Integer role) {
    }

    @PermitAll
    @POST
    @Path("user/login")
    @Operation(summary = "Log in: returns {success, session, token} and sets cookie 'session'",
            description = "Send the session back as cookie or header 'session'. With token_required, every call must also "
                    + "carry header 'app-token' with the returned token (CSRF protection for browser clients).")
    @RequestBody(content = @Content(schema = @Schema(implementation = LoginRequest.class)))
    public Response login(JsonObject body) {
        JsonObject input = Bodies.require(body, LOGIN_FIELDS);
        String username = Bodies.string(input, "username");
        String address = request.getRemoteAddr();
        OptionalLong wait = limiter.retryAfter(username, address);
        if (wait.isPresent()) {
            return tooManyAttempts(wait.getAsLong());
        }
        LoginResult result;
        try {
            result = accounts.login(username, Bodies.string(input, "password"), input.getBoolean("token_required", false));
        } catch (AuthenticationException e) {
            limiter.failed(username, address);
            throw e;
        }
        limiter.succeeded(username);
        long maxAge = Math.max(0, result.expiresEpochSeconds() - System.currentTimeMillis() / 1000);
        return Response.ok(Json.createObjectBuilder().add("success", true).add("session", result.session())
                        .add("token", result.token()).build())
                .header("Set-Cookie", SessionCookies.setCookie(request, result.session(), maxAge)).build();
    }

    /** 429 with Retry-After: the same answer whether or not the username exists. */
    public static Response tooManyAttempts(long seconds) {
        return Response.status(429).header("Retry-After", Long.toString(seconds)).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", "too many failed logins: retry in " + seconds + " s")
                        .build()).build();
    }

    @POST
    @Path("user/logout")
    @Operation(summary = "Log out: ends the session (with its event streams and push channels) and clears its cookie; "
            + "?all=true ends every session of the user")
    public Response logout(@QueryParam("all") boolean all) {
        current.session().ifPresent(session -> {
            accounts.logout(session);
            live.end(session);
        });
        if (all) {
            String username = current.require().username();
            accounts.endSessions(username, null);
            live.endUser(username, null);
        }
        return Response.ok(Jsons.success()).header("Set-Cookie", SessionCookies.clearCookie(request)).build();
    }

    @GET
    @Path("user")
    @Operation(summary = "List users (a non-admin sees only themselves)")
    public JsonObject list() {
        var users = accounts.listUsers(current.require());
        return Jsons.envelope("user", users, users.size());
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("user")
    @Operation(summary = "Create a user {username, password, role}")
    @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class)))
    public Response create(JsonObject body) {
        JsonObject input = Bodies.require(body, USER_FIELDS);
        accounts.createUser(current.require(), Bodies.string(input, "username"), Bodies.string(input, "password"),
                role(input));
        return Response.ok(Jsons.success()).build();
    }

    @GET
    @Path("uni/username-{username}")
    @Operation(summary = "Read a user (a non-admin only themselves)")
    public JsonObject read(@PathParam("username") String username) {
        return one(accounts.user(current.require(), username));
    }

    @PATCH
    @Path("uni/username-{username}")
    @Operation(summary = "Update a user's password or role (a non-admin only their own password; nobody their own role)")
    @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class)))
    public JsonObject patch(@PathParam("username") String username, JsonObject body) {
        JsonObject input = Bodies.require(body, USER_FIELDS);
        if (input.containsKey("username") && !username.equals(Bodies.string(input, "username"))) {
            throw new IllegalArgumentException("a user cannot be renamed");
        }
        String password = input.containsKey("password") ? Bodies.string(input, "password") : null;
        Role role = role(input);
        String mine = current.session().orElse(null);
        accounts.updateUser(current.require(), username, password, role, mine);
        if (role == Role.BLACKLIST) {
            live.endUser(username, null);
        } else if (password != null) {
            // the caller's own session survives a change of their own password; every other one ends
            live.endUser(username, username.equals(current.username()) ? mine : null);
        }
        return Jsons.success();
    }

    @PUT
    @Path("uni/username-{username}")
    @Operation(summary = "Same as PATCH")
    @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class)))
    public JsonObject put(@PathParam("username") String username, JsonObject body) {
        return patch(username, body);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("uni/username-{username}")
    @Operation(summary = "Delete a user (not yourself, not a reserved user)")
    public JsonObject delete(@PathParam("username") String username) {
        accounts.deleteUser(current.require(), username);
        live.endUser(username, null);
        return Jsons.success();
    }

    @GET
    @Path("uni/username-{username}/pwreset")
    @Operation(summary = "Create a one-time password reset key {key} (admin, or the user themselves)")
    public JsonObject resetKey(@PathParam("username") String username) {
        return Json.createObjectBuilder().add("key", accounts.passwordResetKey(current.require(), username)).build();
    }

    @PermitAll
    @POST
    @Path("user/pwreset")
    @Operation(summary = "Set a new password with a reset key {username, password, password_reset_key}")
    public JsonObject reset(JsonObject body) {
        JsonObject input = Bodies.require(body, Set.of("username", "password", "password_reset_key"));
        accounts.resetPassword(Bodies.string(input, "username"), Bodies.string(input, "password"),
                Bodies.string(input, "password_reset_key"));
        live.endUser(Bodies.string(input, "username"), null);
        return Jsons.success();
    }

    private static Role role(JsonObject input) {
        JsonValue value = input.get("role");
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return Role.fromCode(number.intValue());
        }
        if (value instanceof JsonString label) {
            return Role.fromLabel(label.getString());
        }
        throw new IllegalArgumentException("role must be 0 (admin), 1 (user) or 2 (blacklist)");
    }

    private static JsonObject one(java.util.Map<String, Object> user) {
        return Jsons.envelope("user", java.util.List.of(user), 1);
    }
}
