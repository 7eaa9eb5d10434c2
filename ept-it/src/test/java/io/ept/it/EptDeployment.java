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

/** The real ept.ear built by the reactor, and a small HTTP helper for talking to it. */
public final class EptDeployment {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        return send(HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + path)).GET());
    }

    public static Reply postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply send(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(TestInfrastructure.apiUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply patchJson(String path, String json) {
        return send("PATCH", path, json);
    }

    public static Reply getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
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
