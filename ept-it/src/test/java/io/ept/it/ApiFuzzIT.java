package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ept.it.EptDeployment.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes every route of the OpenAPI document, as anonymous, read-only and admin caller: malformed, oversized,
 * wrongly typed and injection-shaped values in every path and query parameter (plus the bulk query options on
 * every GET) and in every body field, and malformed bodies. Asserts no 500, no answer slower than
 * {@value #SLOW_MILLIS} ms, and that refused writes change nothing a read-only caller can see. Deterministic (fixed
 * seed); every failure is collected and reported together at the end, with the server log's cause of each 500.
 */
class ApiFuzzIT extends DeployedEar {

    private static final long SEED = 15;
    private static final long SLOW_MILLIS = 5_000;
    private static final String FABRIC = "fuzz-it";
    private static final String MISSING = "fuzz-missing";
    private static final String VICTIM = "fuzz-victim";
    /** How many of the fuzz values each parameter, and each body field, gets per caller (a seeded sample). */
    private static final int[] PARAM_SAMPLE = {3, 8, 18};
    private static final int[] FIELD_SAMPLE = {1, 3, 8};

    /** Strings for path and query parameters and body fields. */
    private static final List<String> STRINGS = List.of("|", "'", "\"", ";id", "../../", "..%2F..%2Fetc%2Fpasswd", "%00",
            "\u0000", "x".repeat(10_000), "-1", "0", "99999999999999999999", "NaN", "1e999", "{}", "[]",
            "{\"$gt\":\"\"}", "[[[[[[[[[[]]]]]]]]]]", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "' OR '1'='1",
            "\u202e\ud83d\ude00", " ", "a|asc|desc", ",", "/", "\\", "*", "$where", "true");

    /** Filter expressions, including catastrophic regexes and secret attributes. */
    private static final List<String> FILTERS = List.of("regex(\"addr\",\"^((a+))+$\")", "regex(\"addr\",\"(a|aa)+$\")",
            "regex(\"addr\",\"^(([0-9a-f:.]+))+z\")", "regex(\"addr\",\"(a*)*b\")", "regex(\"addr\",\"(\")",
            "regex(\"addr\",\"" + "a".repeat(5000) + "\")", "eq(\"apic_password\",\"x\")", "regex(\"ssh_password\",\"^enc\")",
            "eq(\"$where\",1)", "eq(\"a\",NaN)", "and(" .repeat(50) + "eq(\"a\",1)" + ")".repeat(50), "eq(\"a\"", "or()",
            "eq(\"events.99999999999.status\",1)", "gt(\"ts\",99999999999999999999)");

    /** JSON values for body fields: wrong types, nesting, extremes. */
    private static final List<String> JSON_VALUES = List.of("\"|\"", "\"'\"", "\";id\"", "\"../../\"", "\"\\u0000\"",
            "\"" + "x".repeat(10_000) + "\"", "-1", "99999999999999999999", "1e999", "-1e999", "1.5", "\"NaN\"", "{}", "[]",
            "null", "true", "[1,\"a\",{}]", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}", "\"{\\\"$gt\\\":\\\"\\\"}\"");

    /** Malformed or hostile whole bodies. */
    private static final List<String> BODIES = List.of("", "{", "}", "[]", "null", "\"str\"", "42", "{\"a\":}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "{\"\u0000\":1}",
            "{\"fabric\":\"" + MISSING + "\",\"fabric\":\"x\"}");

    /** Body fields tried on every write route (the document's own schema fields come first). */
    private static final List<String> KNOWN_FIELDS = List.of("fabric", "username", "password", "role", "reason", "vnid",
            "addr", "node", "nodes", "type", "apic_hostname", "apic_password", "session_timeout", "password_reset_key",
            "token_required", "email_address", "syslog_port", "app_name");

    private static final Set<String> BULK_OPTIONS = Set.of("filter", "sort", "page", "page-size", "count", "include", "format");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Failure(String route, String what, String detail) {
    }

    private record Operation(String method, String path, List<String> pathParams, List<String> queryParams,
                             List<String> bodyFields, boolean hasBody) {
    }

    private final Random random = new Random(SEED);
    private final List<Failure> failures = new ArrayList<>();
    private int requests;
    private int errors500;
    private int upstream;
    private long slowest;
    private String slowestRequest = "";
    private String admin;
    private String reader;
    private String readerName;

    @Test
    void everyRouteSurvivesHostileInput() throws Exception {
        admin = EptDeployment.adminSession();
        setUp();
        long logStart = serverLogSize();
        long started = System.currentTimeMillis();
        List<Operation> operations = operations();
        assertTrue(operations.size() > 30, "operations in the OpenAPI document: " + operations.size());
        try {
            for (Operation op : operations) {
                fuzz(op, null, "anonymous");
                fuzz(op, reader, "read-only");
                fuzz(op, admin, "admin");
            }
        } finally {
            restoreGlobalSettings();
            send("DELETE", "uni/fb-" + FABRIC, null, admin);
            send("DELETE", "uni/username-" + VICTIM, null, admin);
            send("DELETE", "uni/username-" + readerName, null, admin);
        }
        List<String> causes = serverFailures(logStart);
        StringBuilder report = new StringBuilder();
        report.append(String.format("ApiFuzzIT: %d operations, %d requests, %d answers 500 (%d upstream 502-504), slowest %d ms (%s), %d s%n",
                operations.size(), requests, errors500, upstream, slowest, slowestRequest, (System.currentTimeMillis() - started) / 1000));
        // grouped by route and answer, with a few example requests each: the complete list, but readable
        Map<String, List<Failure>> groups = new LinkedHashMap<>();
        for (Failure f : failures) {
            groups.computeIfAbsent(f.route() + " -> " + f.detail().replaceAll("\\d+ ms", "N ms").substring(0,
                    Math.min(120, f.detail().replaceAll("\\d+ ms", "N ms").length())), k -> new ArrayList<>()).add(f);
        }
        report.append(String.format("%d failures in %d groups%n", failures.size(), groups.size()));
        for (Map.Entry<String, List<Failure>> group : groups.entrySet()) {
            report.append("  FAIL ").append(group.getValue().size()).append("x ").append(group.getKey()).append('\n');
            group.getValue().stream().limit(3).forEach(f -> report.append("       e.g. ").append(f.what())
                    .append("\n            ").append(f.detail()).append('\n'));
        }
        if (!causes.isEmpty()) {
            report.append("  server log causes of the 500s:\n");
            causes.forEach(c -> report.append("    ").append(c).append('\n'));
        }
        System.out.println(report);
        Files.writeString(Path.of("target/api-fuzz-report.txt"), report.toString());
        assertTrue(failures.isEmpty(), report.toString());
    }

    /** Issue 15: malformed query options are 400s naming the parameter; secrets cannot be queried; regexes bounded. */
    @Test
    void malformedQueryOptionsAndSecretQueriesAreRefusedNamingTheParameter() {
        String ro = readOnlySession();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("fabric?sort=" + enc("|"), "sort");
        cases.put("fabric?sort=" + enc(","), "sort");
        cases.put("ept/endpoint?sort=" + enc("addr|up"), "sort");
        cases.put("fabric?include=" + enc(","), "include");
        cases.put("fabric?page=-1", "page");
        cases.put("fabric?page=99999999999999999999", "page");
        cases.put("fabric?page-size=NaN", "page-size");
        cases.put("fabric?filter=" + enc("eq(\"apic_password\",\"x\")"), "filter");
        cases.put("fabric?filter=" + enc("regex(\"ssh_password\",\"^enc\")"), "filter");
        cases.put("fabric?sort=" + enc("apic_password|asc"), "sort");
        cases.put("fabric?include=" + enc("apic_password"), "include");
        cases.put("ept/settings?filter=" + enc("eq(\"smtp_relay_password\",\"\")"), "filter");
        cases.put("ept/endpoint?filter=" + enc("regex(\"addr\",\"^((a+))+$\")"), "filter");
        cases.put("ept/endpoint?filter=" + enc("regex(\"addr\",\"(a|aa)+$\")"), "filter");
        cases.put("ept/endpoint?filter=" + enc("regex(\"addr\",\"^(([0-9a-f:.]+))+z\")"), "filter");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            EptDeployment.Reply reply = send("GET", c.getKey(), null, ro);
            assertEquals(400, reply.status(), c.getKey() + " " + reply.body());
            assertTrue(json(reply.body()).asJsonObject().getString("error").startsWith(c.getValue()), c.getKey() + " " + reply.body());
        }
        EptDeployment.Reply fine = send("GET", "ept/endpoint?filter=" + enc("regex(\"addr\",\"^10\\.1\\.\")")
                + "&sort=" + enc("addr|desc") + "&include=addr,type", null, ro);
        assertEquals(200, fine.status(), fine.body());
    }

    private static String readOnlySession() {
        String name = "fuzz-q-" + Long.toHexString(System.nanoTime());
        EptDeployment.Reply created = send("POST", "user", "{\"username\":\"" + name + "\",\"password\":\"pw-" + name
                + "\",\"role\":1}", EptDeployment.adminSession());
        assertEquals(200, created.status(), created.body());
        return EptDeployment.login(name, "pw-" + name);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- fixtures ------------------------------------------------------------------------------------------------

    private void setUp() {
        EptDeployment.Reply fabric = send("POST", "fabric", "{\"fabric\":\"" + FABRIC + "\",\"apic_hostname\":\"127.0.0.1:1\","
                + "\"apic_password\":\"fuzz-secret\",\"ssh_password\":\"fuzz-secret\"}", admin);
        assertTrue(fabric.status() == 200 || fabric.body().contains("exists"), fabric.body());
        EptDeployment.Reply victim = send("POST", "user", "{\"username\":\"" + VICTIM + "\",\"password\":\"pw-" + VICTIM
                + "\",\"role\":1}", admin);
        assertTrue(victim.status() == 200 || victim.status() == 400, victim.body());
        readerName = "fuzz-ro-" + Long.toHexString(System.nanoTime());
        EptDeployment.Reply ro = send("POST", "user", "{\"username\":\"" + readerName + "\",\"password\":\"pw-" + readerName
                + "\",\"role\":1}", admin);
        assertEquals(200, ro.status(), ro.body());
        reader = EptDeployment.login(readerName, "pw-" + readerName);
    }

    private void restoreGlobalSettings() {
        send("PATCH", "settings", "{\"app_name\":\"EPT\",\"session_timeout\":86400,\"password_reset_timeout\":86400,"
                + "\"password_strength_check\":false}", admin);
    }

    /** What a read-only caller sees of the state refused writes must not change. */
    private String snapshot() {
        StringBuilder seen = new StringBuilder();
        for (String path : new String[]{"fabric?include=fabric&sort=fabric", "uni/fb-" + FABRIC,
                "uni/fb-" + FABRIC + "/settings-default", "user", "ept/settings?count=1"}) {
            EptDeployment.Reply reply = send("GET", path, null, reader);
            seen.append(path).append(" -> ").append(reply.status()).append(' ').append(reply.body()).append('\n');
        }
        EptDeployment.Reply users = send("GET", "user", null, admin);
        seen.append("users(admin) -> ").append(users.body().replaceAll("\"last_login\":[0-9.E]+", "")).append('\n');
        EptDeployment.Reply settings = send("GET", "settings", null, admin);
        seen.append("settings -> ").append(settings.body()).append('\n');
        return seen.toString();
    }

    // ---- the OpenAPI document --------------------------------------------------------------------------------

    private List<Operation> operations() {
        EptDeployment.Reply docs = send("GET", "docs", null, null);
        assertEquals(200, docs.status(), docs.body());
        JsonObject openApi = json(docs.body()).asJsonObject();
        JsonObject schemas = openApi.containsKey("components") && openApi.getJsonObject("components").containsKey("schemas")
                ? openApi.getJsonObject("components").getJsonObject("schemas") : JsonValue.EMPTY_JSON_OBJECT;
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : new TreeMap<>(openApi.getJsonObject("paths")).entrySet()) {
            String route = path.getKey().replaceFirst("^/ept/api/", "");
            for (Map.Entry<String, JsonValue> entry : path.getValue().asJsonObject().entrySet()) {
                String method = entry.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonObject op = entry.getValue().asJsonObject();
                if (op.toString().contains("text/event-stream") || route.endsWith("/events")) {
                    continue; // a server-sent event stream never ends: not a request/answer route
                }
                if (route.equals("user/logout")) {
                    continue; // would end the fuzzing callers' own sessions
                }
                Set<String> pathParams = new LinkedHashSet<>();
                Matcher m = Pattern.compile("\\{([^}:]+)").matcher(route);
                while (m.find()) {
                    pathParams.add(m.group(1).trim());
                }
                Set<String> queryParams = new LinkedHashSet<>();
                for (JsonValue p : op.getJsonArray("parameters") == null ? JsonValue.EMPTY_JSON_ARRAY : op.getJsonArray("parameters")) {
                    JsonObject param = p.asJsonObject();
                    if ("query".equals(param.getString("in", ""))) {
                        queryParams.add(param.getString("name"));
                    }
                }
                if (method.equals("GET")) {
                    queryParams.addAll(BULK_OPTIONS);
                }
                Set<String> fields = new LinkedHashSet<>();
                boolean hasBody = op.containsKey("requestBody") || !method.equals("GET") && !method.equals("DELETE");
                if (op.containsKey("requestBody")) {
                    collectFields(op.getJsonObject("requestBody"), schemas, fields, 0);
                }
                fields.addAll(KNOWN_FIELDS);
                operations.add(new Operation(method, route, List.copyOf(pathParams), List.copyOf(queryParams),
                        List.copyOf(fields), hasBody));
            }
        }
        return operations;
    }

    private static void collectFields(JsonValue node, JsonObject schemas, Set<String> fields, int depth) {
        if (depth > 8 || node == null) {
            return;
        }
        if (node instanceof JsonObject object) {
            if (object.containsKey("$ref")) {
                String ref = object.getString("$ref");
                collectFields(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), schemas, fields, depth + 1);
            }
            if (object.containsKey("properties")) {
                fields.addAll(object.getJsonObject("properties").keySet());
            }
            for (JsonValue child : object.values()) {
                collectFields(child, schemas, fields, depth + 1);
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(child -> collectFields(child, schemas, fields, depth + 1));
        }
    }

    // ---- fuzzing -----------------------------------------------------------------------------------------------

    private void fuzz(Operation op, String session, String caller) {
        boolean write = !op.method().equals("GET");
        boolean adminWrite = write && session != null && session.equals(admin);
        Map<String, String> benignPath = new LinkedHashMap<>();
        for (String p : op.pathParams()) {
            benignPath.put(p, benign(p, op, adminWrite, session));
        }
        String before = write ? snapshot() : null;
        boolean changed = false;
        int who = session == null ? 0 : session.equals(reader) ? 1 : 2;
        int sample = PARAM_SAMPLE[who];
        String benignBody = benignBody(op);

        // 1. every path parameter, every query parameter
        List<String> params = new ArrayList<>(op.pathParams());
        params.addAll(op.queryParams());
        for (String param : params) {
            List<String> values = new ArrayList<>(sample(STRINGS, sample));
            if (param.equals("filter")) {
                values.addAll(who == 2 ? FILTERS : sample(FILTERS, sample));
            }
            for (String value : values) {
                Map<String, String> path = new LinkedHashMap<>(benignPath);
                Map<String, String> query = new LinkedHashMap<>();
                if (!write && !param.equals("format") && random.nextBoolean()) {
                    query.put("format", "csv"); // half the reads answer CSV, the other streaming path
                }
                if (path.containsKey(param)) {
                    path.put(param, value);
                } else {
                    query.put(param, value);
                }
                changed |= call(op, caller, session, path, query, write ? benignBody : null);
            }
        }
        // 2. every body field with wrongly typed and hostile values, then malformed bodies
        if (op.hasBody()) {
            for (String field : op.bodyFields()) {
                for (String value : sample(JSON_VALUES, FIELD_SAMPLE[who])) {
                    changed |= call(op, caller, session, benignPath, Map.of(), withField(benignBody, field, value));
                }
            }
            for (String body : sample(BODIES, sample)) {
                changed |= call(op, caller, session, benignPath, Map.of(), body);
            }
            if (adminWrite) {
                changed |= call(op, caller, session, benignPath, Map.of(), "{\"a\":\"" + "x".repeat((1 << 20) + 16) + "\"}");
            }
        }
        if (write && !changed) {
            String after = snapshot();
            if (!after.equals(before)) {
                failures.add(new Failure(caller + " " + op.method() + " " + op.path(), "refused writes changed what a read-only caller sees",
                        diff(before, after)));
            }
        }
    }

    /**
     * A plausible value: the fuzz's own fabric (never started) and user, except for the admin's destructive routes
     * (delete a fabric or user, start or stop a monitor, accept a changed APIC certificate, which starts it), which
     * get a target that does not exist, so that no valid destructive write is made.
     */
    private String benign(String param, Operation op, boolean adminWrite, String session) {
        boolean destructive = adminWrite && (op.method().equals("DELETE") && !op.path().contains("/endpoint/")
                || op.path().endsWith("/start") || op.path().endsWith("/stop") || op.path().contains("/trust/"));
        return switch (param) {
            case "fabric" -> destructive ? MISSING : FABRIC;
            case "username" -> destructive ? MISSING : session != null && session.equals(reader) ? "admin" : VICTIM;
            case "collection" -> op.path().startsWith("ept/") ? "endpoint" : "history";
            case "node" -> "101";
            case "vnid" -> "2818048";
            case "addr" -> "10.1.1.11";
            case "name", "dn" -> "uni/tn-fuzz";
            case "class" -> "fvCtx";
            case "proc" -> "fuzz";
            case "queue" -> "EptWorkerQueue";
            default -> "x";
        };
    }

    private static String benignBody(Operation op) {
        if (op.path().equals("user/login")) {
            return "{\"username\":\"" + MISSING + "\",\"password\":\"wrong\"}";
        }
        if (op.path().equals("user") && op.method().equals("POST")) {
            return "{\"username\":\"" + MISSING + "-%d\",\"password\":\"x\",\"role\":1}".formatted(0);
        }
        if (op.path().equals("ept/endpoint/delete")) {
            return "{\"fabric\":\"" + FABRIC + "\"}"; // a stopped fabric without endpoints: nothing to delete
        }
        if (op.path().equals("fabric") && op.method().equals("POST")) {
            return "{\"fabric\":\"" + FABRIC + "\"}"; // exists already: refused
        }
        return "{}";
    }

    private static String withField(String body, String field, String value) {
        String inner = body.substring(1, body.length() - 1).trim();
        String stripped = inner.replaceAll("\"" + Pattern.quote(field) + "\":(\"[^\"]*\"|[^,}]*),?", "").replaceAll(",$", "");
        return "{" + (stripped.isEmpty() ? "" : stripped + ",") + "\"" + field + "\":" + value + "}";
    }

    private List<String> sample(List<String> values, int n) {
        if (values.size() <= n) {
            return values;
        }
        List<String> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, n);
    }

    /** One request; true if it was a write that succeeded (so the state may have changed legitimately). */
    private boolean call(Operation op, String caller, String session, Map<String, String> path, Map<String, String> query,
                         String body) {
        String route = op.path();
        for (Map.Entry<String, String> p : path.entrySet()) {
            route = route.replaceAll("\\{" + Pattern.quote(p.getKey()) + "(:[^}]*)?}", Matcher.quoteReplacement(encodePath(p.getValue())));
        }
        StringBuilder url = new StringBuilder(TestInfrastructure.apiUrl()).append(route);
        char sep = '?';
        for (Map.Entry<String, String> q : query.entrySet()) {
            url.append(sep).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        String what = caller + " " + op.method() + " /" + route + describe(query) + (body == null ? "" : " body=" + abbreviate(body));
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.toString()));
        } catch (IllegalArgumentException e) {
            return false; // not expressible as a URL at all
        }
        request.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (session != null) {
            request.header("session", session);
        }
        long started = System.nanoTime();
        int status;
        String answer;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            // a refused oversized body may be answered before it is fully sent, and the connection closed
            long millis = (System.nanoTime() - started) / 1_000_000;
            requests++;
            if (!(body != null && body.length() > (1 << 20))) {
                failures.add(new Failure(caller + " " + op.method() + " " + op.path(), what, "no answer: " + e));
            }
            track(what, millis);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        requests++;
        track(what, millis);
        if (status == 500) {
            errors500++;
            failures.add(new Failure(caller + " " + op.method() + " " + op.path(), what, status + " " + abbreviate(answer)));
        } else if (status > 500) {
            upstream++; // 502-504: a gateway answer about the APIC or mail server EPT could not reach, not a crash
        }
        if (millis > SLOW_MILLIS) {
            failures.add(new Failure(caller + " " + op.method() + " " + op.path(), what, "answered in " + millis + " ms (over " + SLOW_MILLIS + ")"));
        }
        if (session == null && status < 400 && !op.path().startsWith("app-status") && !op.path().startsWith("docs")
                && !op.path().startsWith("user/")) {
            failures.add(new Failure(caller + " " + op.method() + " " + op.path(), what, "anonymous caller answered " + status));
        }
        boolean write = !op.method().equals("GET");
        if (write && status < 400 && session != null && session.equals(admin)) {
            undoCreation(op, body, answer);
        }
        if (write && status < 400 && (session == null || session.equals(reader)) && !op.path().startsWith("uni/username-")
                && !op.path().startsWith("user/")) {
            failures.add(new Failure(caller + " " + op.method() + " " + op.path(), what, "a write by a " + caller + " caller succeeded: " + status + " " + abbreviate(answer)));
        }
        return write && status < 400;
    }

    /** A fuzzed creation that was valid (a fabric or user named "-1", say) is deleted again at once. */
    private void undoCreation(Operation op, String body, String answer) {
        if (!op.method().equals("POST") || !(op.path().equals("fabric") || op.path().equals("user"))) {
            return;
        }
        try {
            String name = op.path().equals("fabric")
                    ? json(answer).asJsonObject().getJsonArray("objects").getJsonObject(0).getJsonObject("fabric").getString("fabric")
                    : json(body).asJsonObject().getString("username");
            String path = op.path().equals("fabric") ? "uni/fb-" : "uni/username-";
            send("DELETE", path + encodePath(name), null, admin);
        } catch (RuntimeException e) {
            failures.add(new Failure("undo " + op.path() + " creation", op.path(), "cannot read what was created: " + abbreviate(answer)));
        }
    }

    private void track(String what, long millis) {
        if (millis > slowest) {
            slowest = millis;
            slowestRequest = abbreviate(what);
        }
    }

    private static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        query.forEach((k, v) -> out.append(out.length() == 0 ? "?" : "&").append(k).append('=').append(abbreviate(v)));
        return out.toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\u0000", "\\0");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 150) + "...(" + oneLine.length() + " chars)";
    }

    private static String diff(String before, String after) {
        String[] a = before.split("\n");
        String[] b = after.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "";
            String y = i < b.length ? b[i] : "";
            if (!x.equals(y)) {
                out.append("before: ").append(abbreviate(x)).append(" | after: ").append(abbreviate(y)).append(' ');
            }
        }
        return out.toString();
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    // ---- the server's side of the 500s -------------------------------------------------------------------------

    private static Path serverLog() {
        return Path.of(System.getProperty("jboss.home", "target/wildfly"), "standalone", "log", "server.log");
    }

    private static long serverLogSize() {
        try {
            return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The failures ApiExceptionMapper logged ("unexpected API failure") since the fuzz started, with their causes. */
    private static List<String> serverFailures(long from) {
        List<String> causes = new ArrayList<>();
        try {
            if (!Files.exists(serverLog())) {
                return causes;
            }
            byte[] all = Files.readAllBytes(serverLog());
            String log = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
            String[] lines = log.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("unexpected API failure")) {
                    // without its time stamp, so that the same failure is listed once
                    StringBuilder entry = new StringBuilder(abbreviate(lines[i].replaceFirst("^[-0-9 :,]+", "")));
                    for (int j = i + 1; j < Math.min(lines.length, i + 40); j++) {
                        String line = lines[j].trim();
                        if (line.startsWith("at io.ept") || line.startsWith("Caused by") || j == i + 1) {
                            entry.append("\n      ").append(abbreviate(line));
                        }
                        if (line.matches("^\\d{4}-\\d\\d-\\d\\d.*")) {
                            break;
                        }
                    }
                    if (causes.stream().noneMatch(c -> c.equals(entry.toString()))) {
                        causes.add(entry.toString());
                    }
                }
            }
        } catch (IOException e) {
            causes.add("server log unreadable: " + e);
        }
        return causes.size() > 200 ? causes.subList(0, 200) : causes;
    }

    @SuppressWarnings("unused")
    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : String.valueOf(value);
    }
}
