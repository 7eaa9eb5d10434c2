package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: EPT on an existing, stock WildFly 39. A clean copy of the distribution gets wildfly-config's scripts
 * (configure.sh offline), ept.ear is deployed through the management HTTP API the way the admin console (HAL) does
 * it (upload the content, then add the deployment and deploy it), answers app-status, is undeployed and removed, and
 * remove.sh takes EPT's configuration out again: the server's management model ends up as it was before.
 * No Arquillian: this test runs its own server (port offset ept.it.port.offset + 50).
 */
class ExistingWildFlyIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String USER = "ept-it-admin";
    private static final String PASSWORD = "ept-it-Mgmt-" + UUID.randomUUID().toString().substring(0, 8);

    private final int offset = Integer.getInteger("ept.it.port.offset", 100) + 50;
    private final String management = "http://localhost:" + (9990 + offset);
    private Process server;
    private Path home;

    @AfterEach
    void stopServer() throws Exception {
        stop();
    }

    @Test
    void configureDeployUndeployRemoveLeavesTheServerAsItWas() throws Exception {
        Path clean = Files.list(Path.of("target", "clean-wildfly")).filter(Files::isDirectory).findFirst().orElseThrow();
        home = Path.of("target", "existing-wildfly").toAbsolutePath();
        deleteTree(home);
        copyTree(clean, home);
        Path cli = Path.of(System.getProperty("user.dir")).resolve("../wildfly-config/src/main/cli").normalize();
        run(home.resolve("bin/add-user.sh").toString(), "-u", USER, "-p", PASSWORD, "-s");

        start();
        JsonObject before = model();
        stop();

        run(cli.resolve("configure.sh").toString(), home.toString());
        start();
        String hash = upload(Path.of(System.getProperty("ept.it.ear", "target/deployments/ept.ear")));
        operation("{\"operation\":\"add\",\"address\":[{\"deployment\":\"ept.ear\"}],\"runtime-name\":\"ept.ear\","
                + "\"enabled\":false,\"content\":[{\"hash\":{\"BYTES_VALUE\":\"" + hash + "\"}}]}");
        operation("{\"operation\":\"deploy\",\"address\":[{\"deployment\":\"ept.ear\"}]}");
        JsonObject status = operation("{\"operation\":\"read-attribute\",\"address\":[{\"deployment\":\"ept.ear\"}],"
                + "\"name\":\"status\"}");
        assertEquals("OK", status.getString("result"), status.toString());
        HttpResponse<String> app = await("app-status of the deployed EAR").atMost(Duration.ofSeconds(60)).until(
                () -> get("http://localhost:" + (8080 + offset) + "/ept/api/app-status"), r -> r.statusCode() == 200);
        assertEquals("{\"success\":true}", app.body());
        if (Browser.available()) {
            screenshotTheDeploymentInTheConsole();
        }

        operation("{\"operation\":\"undeploy\",\"address\":[{\"deployment\":\"ept.ear\"}]}");
        operation("{\"operation\":\"remove\",\"address\":[{\"deployment\":\"ept.ear\"}]}");
        run(cli.resolve("remove.sh").toString(), home.toString(), "localhost:" + (9990 + offset));
        JsonObject after = model();
        assertEquals(before.toString(), after.toString(), "the management model after remove.sh differs from the stock one");
    }

    /**
     * The deployed EAR in the admin console (HAL), as an operator sees it: Deployments, ept.ear selected. The
     * screenshot (target/screenshots/hal-deployment.png) is the one the README shows (docs/hal-deployment.png).
     */
    private void screenshotTheDeploymentInTheConsole() throws IOException {
        try (ManagementProxy proxy = new ManagementProxy(management, USER, PASSWORD);
             Browser browser = new Browser(proxy.url() + "/console/")) {
            browser.driver().get(proxy.url() + "/console/index.html#deployments");
            browser.waitFor(d -> d.findElement(org.openqa.selenium.By.tagName("body")).getText().contains("ept.ear"),
                    Duration.ofSeconds(90));
            browser.driver().findElements(org.openqa.selenium.By.xpath("//*[normalize-space(text())='ept.ear']")).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed).findFirst()
                    .ifPresent(org.openqa.selenium.WebElement::click);
            // the selected deployment's details: its status and subdeployments
            browser.waitFor(d -> {
                String text = d.findElement(org.openqa.selenium.By.tagName("body")).getText();
                return text.contains("ept.ear is enabled and active") && text.contains("ept-web.war");
            }, Duration.ofSeconds(30));
            Path shot = browser.screenshot("hal-deployment");
            assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
        }
    }

    // ---------------------------------------------------------------- server

    private void start() throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml", "-Djboss.socket.binding.port-offset=" + offset,
                "-Dept.mongo.uri=" + TestInfrastructure.mongoUri(), "-Dept.mongo.database=ept-existing",
                "-Dept.redis.uri=" + TestInfrastructure.redisUri(), "-Dept.admin.password=ept-it-admin",
                "-Dept.data.dir=" + home.resolve("ept-data")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx768m -Djava.net.preferIPv4Stack=true");
        server = builder.start();
        await("the WildFly copy running").atMost(Duration.ofSeconds(120)).until(() -> {
            try {
                return operation("{\"operation\":\"read-attribute\",\"name\":\"server-state\"}").getString("result");
            } catch (RuntimeException | AssertionError e) {
                if (!server.isAlive()) {
                    throw new AssertionError("WildFly exited; see " + home.resolve("console.log"));
                }
                return "";
            }
        }, "running"::equals);
    }

    private void stop() throws Exception {
        if (server == null) {
            return;
        }
        try {
            operation("{\"operation\":\"shutdown\"}");
        } catch (RuntimeException | AssertionError e) {
            server.destroy();
        }
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        server = null;
    }

    /** The whole configuration model (no runtime attributes). */
    private JsonObject model() {
        return operation("{\"operation\":\"read-resource\",\"recursive\":true}").getJsonObject("result");
    }

    private void run(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("bash"));
        full.addAll(List.of(command));
        Path out = Files.createTempFile(Path.of("target"), "cli", ".log");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + full);
        assertEquals(0, p.exitValue(), String.join(" ", full) + ":\n" + Files.readString(out));
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- management HTTP API (what HAL calls)

    private JsonObject operation(String json) {
        HttpResponse<String> response = send("POST", "/management", "application/json",
                HttpRequest.BodyPublishers.ofString(json));
        JsonObject result = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("success", result.getString("outcome", ""),
                () -> json + " -> " + response.body() + serverProblems());
        return result;
    }

    /**
     * The server log's errors and their causes (last 60 such lines): a failed management operation's description
     * can be as thin as {"WFLYCTL0080: Failed services" : null}, and the log is gone with the CI machine.
     */
    private String serverProblems() {
        Path log = home.resolve("console.log");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> problems = lines.filter(l -> l.contains("ERROR") || l.contains("Caused by")
                    || l.contains("MSC000001") || l.contains("WFLYCTL")).toList();
            return "\nserver log (" + log + "):\n"
                    + String.join("\n", problems.subList(Math.max(0, problems.size() - 60), problems.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "\n(server log " + log + " not readable: " + e + ")";
        }
    }

    /** POST /management/add-content, a multipart upload like the console's; returns the content hash. */
    private String upload(Path ear) throws IOException {
        String boundary = "----ept" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ept.ear\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(ear));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send("POST", "/management/add-content", "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        JsonObject result = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("success", result.getString("outcome", ""), response.body());
        return result.getJsonObject("result").getString("BYTES_VALUE");
    }

    /** One request with HTTP Digest authentication (the management realm's mechanism). */
    private HttpResponse<String> send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        try {
            String authorization = ManagementProxy.authorization(management, USER, PASSWORD, method, path);
            return HTTP.send(HttpRequest.newBuilder(URI.create(management + path)).timeout(Duration.ofSeconds(180))
                    .header("Authorization", authorization).header("Content-Type", contentType)
                    .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- files

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
