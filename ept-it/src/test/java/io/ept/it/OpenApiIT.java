package io.ept.it;

import io.ept.it.client.ApiClient;
import io.ept.it.client.ApiException;
import io.ept.it.client.api.EndpointApi;
import io.ept.it.client.api.EptApi;
import io.ept.it.client.api.FabricApi;
import io.ept.it.client.api.UserApi;
import io.ept.it.client.auth.ApiKeyAuth;
import io.ept.it.client.model.Endpoint;
import io.ept.it.client.model.EndpointList;
import io.ept.it.client.model.Fabric;
import io.ept.it.client.model.FabricList;
import io.ept.it.client.model.History;
import io.ept.it.client.model.HistoryList;
import io.ept.it.client.model.LoginRequest;
import io.ept.it.client.model.LoginResult;
import io.ept.it.client.model.Reason;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: the API contract clients are generated from. The document the deployed EPT serves at /ept/api/docs
 * is the contract the test client was generated from (ept-web's META-INF/openapi.yaml, openapi-generator at build
 * time), it passes Redocly's recommended rules without an error, and the generated client logs in, creates and
 * lists fabrics and reads an endpoint of the real server.
 */
class OpenApiIT extends DeployedEar {

    /** Redocly CLI, fetched by npx; pinned so that a new release cannot change the verdict of an unchanged document. */
    private static final String REDOCLY = "@redocly/cli@" + System.getProperty("ept.it.redocly.version", "2.77.0");
    private static final Path CONTRACT = Path.of(System.getProperty("ept.it.openapi.contract",
            "../ept-web/src/main/resources/META-INF/openapi.yaml"));
    private static final String FABRIC = "openapi-it";

    private static String served() {
        EptDeployment.Reply docs = EptDeployment.send("GET", "docs", null, null);
        assertEquals(200, docs.status(), "GET /ept/api/docs without a session: " + docs.body());
        return docs.body();
    }

    @Test
    void theServedDocumentIsTheContractTheClientWasGeneratedFrom() throws IOException {
        Map<String, Object> contract;
        try (InputStream in = Files.newInputStream(CONTRACT)) {
            contract = new Yaml(new LoaderOptions()).load(in);
        }
        // WildFly serves the contract with every path under the context root /ept
        Map<String, Object> expected = new LinkedHashMap<>(contract);
        Map<String, Object> paths = new LinkedHashMap<>();
        ((Map<?, ?>) contract.get("paths")).forEach((path, item) -> paths.put("/ept" + path, item));
        expected.put("paths", paths);

        JsonObject served;
        try (var reader = Json.createReader(new StringReader(served()))) {
            served = reader.readObject();
        }
        List<String> differences = new ArrayList<>();
        compare("", normalise(expected), fromJson(served), differences);
        assertEquals(List.of(), differences.stream().limit(20).toList(), "served document vs " + CONTRACT);
    }

    @Test
    void theServedDocumentPassesRedoclysRecommendedRules() throws IOException, InterruptedException {
        Path document = Path.of("target", "openapi-served.json").toAbsolutePath();
        Files.createDirectories(document.getParent());
        Files.writeString(document, served());
        Path report = Path.of("target", "openapi-lint.txt").toAbsolutePath();
        Process lint = new ProcessBuilder("npx", "-y", REDOCLY, "lint", document.toString(), "--extends=recommended",
                "--format=stylish", "--max-problems=500")
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertTrue(lint.waitFor(240, TimeUnit.SECONDS), "redocly lint did not finish in 240 s");
        String output = Files.readString(report, StandardCharsets.UTF_8);
        System.out.println("redocly lint (" + REDOCLY + ") of /ept/api/docs:\n" + output);
        assertEquals(0, lint.exitValue(), "Redocly recommended rules report errors:\n" + output);
        assertTrue(output.contains("validating"), "npx did not run Redocly:\n" + output);
    }

    @Test
    void aGeneratedClientLogsInCreatesAndListsFabricsAndReadsAnEndpoint() throws ApiException {
        ApiClient client = new ApiClient();
        // the contract's paths start at /api, under the context root
        client.setBasePath("http://localhost:" + System.getProperty("ept.it.http.port") + "/ept");
        client.setReadTimeout(60_000);

        // anonymous: 401 with the error envelope
        ApiException anonymous = assertThrows(ApiException.class, () -> new FabricApi(client).listFabrics(
                null, null, null, null, null, null, null));
        assertEquals(401, anonymous.getCode());
        assertTrue(anonymous.getResponseBody().contains("\"error\""), anonymous.getResponseBody());

        LoginResult login = new UserApi(client).login(new LoginRequest().username("admin").password(EptDeployment.ADMIN_PASSWORD));
        assertTrue(login.getSuccess());
        ((ApiKeyAuth) client.getAuthentication("sessionHeader")).setApiKey(login.getSession());

        FabricApi fabrics = new FabricApi(client);
        SimClient sim = TestInfrastructure.simulator();
        try {
            fabrics.deleteFabric(FABRIC);
        } catch (ApiException e) {
            assertEquals(404, e.getCode(), e.getResponseBody());
        }
        FabricList created = fabrics.createFabric(new Fabric().fabric(FABRIC).apicHostname(sim.url()).apicUsername("admin")
                .apicPassword(sim.password()).sshUsername("admin").sshPassword(sim.password()).heartbeatInterval(5));
        assertEquals(1, created.getCount());
        Fabric stored = created.getObjects().get(0).getFabric();
        assertEquals("/uni/fb-" + FABRIC, stored.getDn());
        assertNull(stored.getApicPassword(), "secrets are write-only");
        fabrics.startFabric(FABRIC, new Reason().reason("OpenApiIT"));
        await("fabric " + FABRIC + " running").atMost(Duration.ofSeconds(60)).until(
                () -> uncheck(() -> fabrics.getFabricStatus(FABRIC).getStatus()), "running"::equals);

        FabricList listed = fabrics.listFabrics("eq(\"fabric\",\"" + FABRIC + "\")", null, null, null, null, null, null);
        assertEquals(1, listed.getCount());
        assertEquals(FABRIC, listed.getObjects().get(0).getFabric().getFabric());

        // the simulator's demo topology: every host is learned by the initial build
        EptApi ept = new EptApi(client);
        EndpointList endpoints = await("endpoints of " + FABRIC).atMost(Duration.ofSeconds(60)).until(
                () -> uncheck(() -> ept.listEndpoints("and(eq(\"fabric\",\"" + FABRIC + "\"),eq(\"type\",\"ipv4\"))",
                        "addr|asc", 0, 5, null, null, null)),
                list -> list.getCount() > 0);
        Endpoint first = endpoints.getObjects().get(0).getEptEndpoint();
        assertNotNull(first.getVnid());

        EndpointList one = new EndpointApi(client).getEndpoint(FABRIC, first.getVnid(), first.getAddr());
        assertEquals(1, one.getCount());
        Endpoint endpoint = one.getObjects().get(0).getEptEndpoint();
        assertEquals(first.getAddr(), endpoint.getAddr());
        assertEquals(Endpoint.TypeEnum.IPV4, endpoint.getType());
        assertEquals("/uni/fb-" + FABRIC + "/endpoint/vnid-" + first.getVnid() + "/addr-" + first.getAddr(), endpoint.getDn());
        assertFalse(endpoint.getNodes().isEmpty(), "nodes that reported the endpoint");
        // every node's view of it, with its typed events
        HistoryList history = ept.listHistory("and(eq(\"fabric\",\"" + FABRIC + "\"),eq(\"vnid\"," + first.getVnid()
                + "),eq(\"addr\",\"" + first.getAddr() + "\"))", null, null, null, null, null, null);
        assertEquals(endpoint.getNodes().size(), history.getCount().intValue(), "one history row per reporting node");
        History row = history.getObjects().get(0).getEptHistory();
        assertTrue(endpoint.getNodes().contains(row.getNode()));
        assertFalse(row.getEvents().isEmpty(), "the node's events");
        assertTrue(row.getEvents().get(0).getTs().doubleValue() > 0);

        ApiException missing = assertThrows(ApiException.class,
                () -> new EndpointApi(client).getEndpoint(FABRIC, first.getVnid(), "10.255.255.254"));
        assertEquals(404, missing.getCode());
        fabrics.deleteFabric(FABRIC);
    }

    interface Call<T> {
        T call() throws ApiException;
    }

    private static <T> T uncheck(Call<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    // ---- a document as plain maps, lists, strings, booleans and BigDecimals, and where two differ

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OpenApiIT::normalise).toList();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        return value;
    }

    private static Object fromJson(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> out.put(k, fromJson(v)));
                yield out;
            }
            case ARRAY -> ((JsonArray) value).stream().map(OpenApiIT::fromJson).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().stripTrailingZeros();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private static void compare(String pointer, Object expected, Object actual, List<String> differences) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            for (Object key : e.keySet()) {
                if (!a.containsKey(key)) {
                    differences.add(pointer + "/" + key + ": missing in the served document");
                } else {
                    compare(pointer + "/" + key, e.get(key), a.get(key), differences);
                }
            }
            for (Object key : a.keySet()) {
                if (!e.containsKey(key)) {
                    differences.add(pointer + "/" + key + ": only in the served document: " + a.get(key));
                }
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                compare(pointer + "/" + i, e.get(i), a.get(i), differences);
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            differences.add(pointer + ": contract " + expected + ", served " + actual);
        }
    }
}
