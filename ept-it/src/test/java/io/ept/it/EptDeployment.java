package io.ept.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The real ept.ear built by the reactor, and a small HTTP helper for talking to it. Calls run as {@code admin}
 * (WildFly is started with -Dept.admin.password) unless they pass their own session, or null for anonymous.
 */
public final class EptDeployment {

    public static final String ADMIN_PASSWORD = "ept-it-admin";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static volatile String adminSession;

    private EptDeployment() {
    }

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("ept.it.ear", "target/deployments/ept.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("ept.ear not found at " + ear.getAbsolutePath() + "; run mvn verify from the root");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    public record Reply(int status, String body) {
    }

    public static Reply get(String path) {
        return send("GET", path, null);
    }

    public static Reply postJson(String path, String json) {
        return send("POST", path, json);
    }

    public static Reply send(String method, String path, String json) {
        return send(method, path, json, adminSession());
    }

    /** One call with the given session (null: anonymous) and extra headers (name, value pairs). */
    public static Reply send(String method, String path, String json, String session, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (session != null) {
            request.header("session", session);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Logs in and returns the session id (fails the test if the login is refused). */
    public static String login(String username, String password) {
        Reply reply = send("POST", "user/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + " refused: " + reply.status() + " " + reply.body());
        }
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(reply.body()))) {
            return reader.readObject().getString("session");
        }
    }

    public static String adminSession() {
        if (adminSession == null) {
            adminSession = login("admin", ADMIN_PASSWORD);
        }
        return adminSession;
    }

    public static Reply patchJson(String path, String json) {
        return send("PATCH", path, json);
    }

    public static Reply getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("session", adminSession()));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
