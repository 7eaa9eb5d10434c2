package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static io.ept.it.EptDeployment.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users, sessions and roles of the REST API over HTTP (ept-reference 5.1-5.2). */
class ApiSecurityIT extends DeployedEar {

    private static String admin() {
        return EptDeployment.adminSession();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user with the given role code and returns a session of theirs. */
    private static String userSession(String username, int role) {
        EptDeployment.Reply created = send("POST", "user", "{\"username\":\"" + username + "\",\"password\":\"pw-" + username
                + "\",\"role\":" + role + "}", admin());
        assertEquals(200, created.status(), created.body());
        return EptDeployment.login(username, "pw-" + username);
    }

    private static JsonObject json(EptDeployment.Reply reply) {
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }

    @Test
    void anonymousCallersGet401ExceptOnPublicRoutes() {
        EptDeployment.Reply fabrics = send("GET", "fabric", null, null);
        assertEquals(401, fabrics.status(), fabrics.body());
        assertTrue(json(fabrics).getString("error").contains("login"), fabrics.body());
        assertEquals(401, send("GET", "ept/endpoint", null, null).status());
        assertEquals(401, send("POST", "fabric", "{\"fabric\":\"x\"}", null).status());
        assertEquals(200, send("GET", "app-status", null, null).status());
        EptDeployment.Reply version = send("GET", "app-status/version", null, null);
        assertEquals(200, version.status(), version.body());
        assertFalse(json(version).getString("version").isBlank(), version.body());
        assertEquals(401, send("GET", "fabric", null, "not-a-session").status());
    }

    @Test
    void loginRejectsBadCredentialsAndMalformedBodiesWithClearErrors() {
        EptDeployment.Reply wrong = send("POST", "user/login", "{\"username\":\"admin\",\"password\":\"wrong\"}", null);
        assertEquals(401, wrong.status(), wrong.body());
        assertEquals("invalid username or password", json(wrong).getString("error"));
        EptDeployment.Reply nobody = send("POST", "user/login", "{\"username\":\"nobody\",\"password\":\"x\"}", null);
        assertEquals(401, nobody.status(), nobody.body());
        assertEquals(json(wrong).getString("error"), json(nobody).getString("error"), "no hint whether a user exists");
        EptDeployment.Reply badJson = send("POST", "user/login", "{\"username\":", null);
        assertEquals(400, badJson.status(), badJson.body());
        EptDeployment.Reply unknown = send("POST", "user/login", "{\"username\":\"admin\",\"password\":\"x\",\"extra\":1}", null);
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("extra"), unknown.body());
        EptDeployment.Reply array = send("POST", "user/login", "[1,2]", null);
        assertEquals(400, array.status(), array.body());
        EptDeployment.Reply wrongType = send("POST", "user/login", "{\"username\":5,\"password\":\"x\"}", null);
        assertEquals(400, wrongType.status(), wrongType.body());
        assertEquals(401, send("POST", "user/login", "{\"username\":\"local\",\"password\":\"\"}", null).status());
    }

    @Test
    void loginSetsAStrictHttpOnlySessionCookieThatAuthenticatesAndLogoutEndsIt() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + "user/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + EptDeployment.ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
                && cookie.contains("Path=/ept"), cookie);
        String session = cookie.substring("session=".length(), cookie.indexOf(';'));
        assertEquals(json(new EptDeployment.Reply(200, login.body())).getString("session"), session);
        HttpResponse<String> withCookie = client.send(HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + "fabric"))
                .header("Cookie", "session=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withCookie.statusCode(), withCookie.body());

        EptDeployment.Reply logout = send("POST", "user/logout", null, session);
        assertEquals(200, logout.status(), logout.body());
        assertEquals(401, send("GET", "fabric", null, session).status());
    }

    @Test
    void tokenRequiredSessionsNeedTheirAppTokenHeader() {
        EptDeployment.Reply login = send("POST", "user/login", "{\"username\":\"admin\",\"password\":\""
                + EptDeployment.ADMIN_PASSWORD + "\",\"token_required\":true}", null);
        assertEquals(200, login.status(), login.body());
        String session = json(login).getString("session");
        String token = json(login).getString("token");
        EptDeployment.Reply without = send("GET", "fabric", null, session);
        assertEquals(401, without.status(), without.body());
        assertTrue(without.body().contains("app-token"), without.body());
        assertEquals(401, send("GET", "fabric", null, session, "app-token", "forged").status());
        assertEquals(200, send("GET", "fabric", null, session, "app-token", token).status());
    }

    @Test
    void readOnlyUsersReadButCannotWriteAndBlacklistedUsersAreRefusedEverywhere() {
        String reader = userSession(unique("ro-"), 1);
        assertEquals(200, send("GET", "fabric", null, reader).status());
        assertEquals(200, send("GET", "ept/endpoint?count=1", null, reader).status());
        EptDeployment.Reply create = send("POST", "fabric", "{\"fabric\":\"" + unique("f") + "\"}", reader);
        assertEquals(403, create.status(), create.body());
        assertTrue(json(create).getString("error").contains("admin"), create.body());
        assertEquals(403, send("PATCH", "settings", "{\"session_timeout\":600}", reader).status());
        assertEquals(403, send("DELETE", "uni/username-admin", null, reader).status());
        assertEquals(403, send("GET", "role", null, reader).status());

        String blocked = userSession(unique("bl-"), 2);
        EptDeployment.Reply refused = send("GET", "fabric", null, blocked);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(json(refused).getString("error").contains("blacklisted"), refused.body());
        assertEquals(403, send("GET", "ept/endpoint", null, blocked).status());
        assertEquals(403, send("POST", "user/logout", null, blocked).status());
    }

    @Test
    void userManagementFollowsTheOriginalRules() {
        String name = unique("u-");
        String session = userSession(name, 1);
        // a non-admin sees only themselves
        JsonArray listed = json(send("GET", "user", null, session)).getJsonArray("objects");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(name, listed.getJsonObject(0).getJsonObject("user").getString("username"));
        assertFalse(listed.toString().contains("password"), "passwords are never returned");
        assertEquals(403, send("GET", "uni/username-admin", null, session).status());
        // cannot change a role, can change their own password
        EptDeployment.Reply promote = send("PATCH", "uni/username-" + name, "{\"role\":0}", session);
        assertEquals(403, promote.status(), promote.body());
        assertEquals(200, send("PATCH", "uni/username-" + name, "{\"password\":\"new-pw\"}", session).status());
        EptDeployment.login(name, "new-pw");

        // admin: no self-delete, no own role change, reserved and duplicate names refused
        assertEquals(403, send("DELETE", "uni/username-admin", null, admin()).status());
        assertEquals(403, send("PATCH", "uni/username-admin", "{\"role\":1}", admin()).status());
        for (String reserved : new String[]{"root", "local"}) {
            EptDeployment.Reply created = send("POST", "user", "{\"username\":\"" + reserved + "\",\"password\":\"x\"}", admin());
            assertEquals(400, created.status(), created.body());
        }
        EptDeployment.Reply duplicate = send("POST", "user", "{\"username\":\"" + name + "\",\"password\":\"x\"}", admin());
        assertEquals(400, duplicate.status(), duplicate.body());
        assertEquals(400, send("POST", "user", "{\"username\":\"bad name\",\"password\":\"x\"}", admin()).status());
        assertEquals(400, send("POST", "user", "{\"username\":\"" + unique("r") + "\",\"password\":\"x\",\"role\":7}", admin()).status());
        assertEquals(404, send("GET", "uni/username-nobody-here", null, admin()).status());
        JsonArray all = json(send("GET", "user", null, admin())).getJsonArray("objects");
        assertTrue(all.size() >= 2 && !all.toString().contains("\"local\""), all.toString());

        assertEquals(200, send("DELETE", "uni/username-" + name, null, admin()).status());
        assertEquals(401, send("GET", "fabric", null, session).status(), "a deleted user's sessions end");
    }

    @Test
    void passwordResetKeysWorkOnceForTheirUser() {
        String name = unique("pw-");
        String session = userSession(name, 1);
        EptDeployment.Reply key = send("GET", "uni/username-" + name + "/pwreset", null, session);
        assertEquals(200, key.status(), key.body());
        String resetKey = json(key).getString("key");
        String body = "{\"username\":\"" + name + "\",\"password\":\"reset-pw\",\"password_reset_key\":\"" + resetKey + "\"}";
        assertEquals(401, send("POST", "user/pwreset", body.replace(resetKey, "forged"), null).status());
        assertEquals(200, send("POST", "user/pwreset", body, null).status());
        String fresh = EptDeployment.login(name, "reset-pw");
        assertEquals(401, send("GET", "fabric", null, session).status(), "a reset ends the user's old sessions");
        EptDeployment.Reply reused = send("POST", "user/pwreset", body, null);
        assertEquals(401, reused.status(), reused.body());
        assertEquals(403, send("GET", "uni/username-admin/pwreset", null, fresh).status());
    }

    @Test
    void globalSettingsAreValidatedAndShortenNewSessions() {
        EptDeployment.Reply read = send("GET", "settings", null, admin());
        assertEquals(200, read.status(), read.body());
        assertEquals(86400, json(read).getJsonArray("objects").getJsonObject(0).getJsonObject("settings").getInt("session_timeout"));
        EptDeployment.Reply invalid = send("PATCH", "settings", "{\"session_timeout\":5}", admin());
        assertEquals(400, invalid.status(), invalid.body());
        assertTrue(invalid.body().contains("session_timeout"), invalid.body());
        assertEquals(400, send("PATCH", "settings", "{\"nonsense\":1}", admin()).status());
        try {
            assertEquals(200, send("PATCH", "settings", "{\"password_strength_check\":true}", admin()).status());
            EptDeployment.Reply weak = send("POST", "user", "{\"username\":\"" + unique("w") + "\",\"password\":\"abc\"}", admin());
            assertEquals(400, weak.status(), weak.body());
            assertTrue(weak.body().contains("weak"), weak.body());
        } finally {
            assertEquals(200, send("PATCH", "settings", "{\"password_strength_check\":false}", admin()).status());
        }
    }

    @Test
    void theRouteTableGivesEveryRouteARoleMatchingItsMethod() {
        EptDeployment.Reply routes = send("GET", "role/routes", null, admin());
        assertEquals(200, routes.status(), routes.body());
        JsonArray table = json(routes).getJsonArray("routes");
        assertTrue(table.size() > 40, "routes: " + table.size());
        for (JsonObject route : table.getValuesAs(JsonObject.class)) {
            String method = route.getString("method");
            String path = route.getString("path");
            String role = route.getString("role");
            if (!method.equals("GET") && !path.startsWith("/api/user/") && !path.startsWith("/api/uni/username-")) {
                assertNotEquals("user", role, method + " " + path + " must need admin unless it concerns the caller");
            }
            if (role.equals("none")) {
                assertTrue(path.startsWith("/api/app-status") || path.startsWith("/api/user/login")
                        || path.startsWith("/api/user/pwreset") || path.startsWith("/api/docs"), method + " " + path);
            }
        }
        assertEquals("{\"0\":\"admin\",\"1\":\"user\",\"2\":\"blacklist\"}", send("GET", "role", null, admin()).body());
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() throws IOException, InterruptedException {
        EptDeployment.Reply docs = send("GET", "docs", null, null);
        assertEquals(200, docs.status(), docs.body());
        JsonObject openApi = json(docs);
        assertTrue(openApi.getString("openapi").startsWith("3."), docs.body().substring(0, 100));
        JsonObject paths = openApi.getJsonObject("paths");
        for (String path : new String[]{"/ept/api/user/login", "/ept/api/ept/endpoint", "/ept/api/uni/fb-{fabric}",
                "/ept/api/uni/fb-{fabric}/endpoint/vnid-{vnid}/addr-{addr}/at", "/ept/api/app-status/manager"}) {
            assertTrue(paths.containsKey(path), "OpenAPI lacks " + path);
        }
        assertTrue(openApi.getJsonObject("components").getJsonObject("schemas").containsKey("LoginRequest"));
        HttpResponse<String> ui = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestInfrastructure.apiUrl().replace("/api/", "/docs/"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("swagger-ui-bundle.js"), ui.body());
    }
}
