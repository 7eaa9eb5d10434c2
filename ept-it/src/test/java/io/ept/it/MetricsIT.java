package io.ept.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: EPT's metrics in Prometheus format at /metrics on the management interface (WildFly's micrometer
 * subsystem with its Prometheus registry), without credentials on the local interface; label values never carry an
 * endpoint address; and the Grafana dashboard queries only metrics that are scraped.
 */
class MetricsIT extends DeployedEar {

    private static final String FABRIC = "metrics-it";
    /** Every metric EPT exports (io.ept.status.EptMeters.PROMETHEUS_NAMES). */
    static final List<String> EPT_METRICS = List.of(
            "ept_endpoints", "ept_findings",
            "ept_events_received_total", "ept_events_processed_total", "ept_events_dropped_total",
            "ept_queue_depth", "ept_queue_oldest_message_age_seconds", "ept_queue_consumers",
            "ept_queue_messages_added_total", "ept_dead_letter_messages",
            "ept_subscriber_state", "ept_websocket_age_seconds", "ept_last_event_age_seconds",
            "ept_initial_build_duration_seconds",
            "ept_apic_request_seconds_bucket", "ept_apic_request_seconds_count", "ept_apic_request_seconds_sum",
            "ept_apic_request_seconds_max",
            "ept_store_write_seconds_bucket", "ept_store_write_seconds_count", "ept_store_write_seconds_sum",
            "ept_store_write_seconds_max", "ept_store_writes_total", "ept_events_already_stored_total",
            "ept_analysis_latency_seconds_bucket", "ept_analysis_latency_seconds_count",
            "ept_analysis_latency_seconds_sum", "ept_analysis_latency_seconds_max");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ADDRESS = Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3}|(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}|(?i)[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}");

    static String metricsUrl() {
        return "http://localhost:" + System.getProperty("ept.it.management.port") + "/metrics";
    }

    /** Metric name to its samples (label map, value). */
    static Map<String, List<Map.Entry<Map<String, String>, Double>>> scrape() {
        EptDeployment.Reply reply = EptDeployment.getAbsolute(metricsUrl());
        assertEquals(200, reply.status(), "GET /metrics on the management interface without credentials: " + reply.body());
        Map<String, List<Map.Entry<Map<String, String>, Double>>> out = new LinkedHashMap<>();
        for (String line : reply.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a Prometheus sample: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Map.entry(labels, Double.parseDouble(m.group(3))));
        }
        return out;
    }

    static double value(Map<String, List<Map.Entry<Map<String, String>, Double>>> scrape, String name,
                        Map<String, String> labels) {
        return scrape.getOrDefault(name, List.of()).stream()
                .filter(s -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(s.getKey().get(l.getKey()))))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void eptMetricsAreScrapedWithBoundedLabelsAndTheDashboardQueriesOnlyThem() throws IOException {
        Fabrics.createAndStart(FABRIC);
        SimClient sim = TestInfrastructure.simulator();
        sim.learn("00:00:5E:00:53:19", "10.1.2.219", "uni/tn-tn1/ap-app1/epg-web", 103, "eth1/7");
        sim.sendRawFrames("{not json", 0, 1); // a frame EPT must discard: dropped

        Map<String, String> fabric = Map.of("fabric", FABRIC);
        var scrape = await("the fabric's live events received, processed and timed").atMost(Duration.ofSeconds(90))
                .until(
                MetricsIT::scrape,
                s -> value(s, "ept_events_received_total", fabric) > 0
                        && value(s, "ept_events_dropped_total", Map.of("fabric", FABRIC, "class", "unknown")) >= 1
                        && value(s, "ept_events_processed_total", fabric) > 0
                        && value(s, "ept_analysis_latency_seconds_count", Map.of()) > 0
                        && value(s, "ept_subscriber_state", Map.of("fabric", FABRIC, "state", "running")) == 1
                        && value(s, "ept_endpoints", Map.of("fabric", FABRIC, "state", "active")) > 0
                        // gauges are refreshed every 10 s: wait for a refresh after the live event
                        && value(s, "ept_last_event_age_seconds", fabric) > 0
                        && value(s, "ept_websocket_age_seconds", fabric) > 0);

        // a sample for the documentation: EPT's lines of the scrape
        Files.writeString(Path.of("target", "metrics-sample.txt"), EptDeployment.getAbsolute(metricsUrl()).body().lines()
                .filter(l -> l.startsWith("ept_") || l.startsWith("# HELP ept_") || l.startsWith("# TYPE ept_"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        for (String name : EPT_METRICS) {
            assertTrue(scrape.containsKey(name), name + " is not scraped; EPT metrics: "
                    + scrape.keySet().stream().filter(n -> n.startsWith("ept_")).toList());
        }
        assertEquals(0, value(scrape, "ept_subscriber_state", Map.of("fabric", FABRIC, "state", "failed")));
        assertTrue(value(scrape, "ept_initial_build_duration_seconds", fabric) > 0, "build duration");
        assertTrue(scrape.get("ept_websocket_age_seconds").stream().anyMatch(s -> FABRIC.equals(s.getKey().get("fabric"))));
        assertTrue(value(scrape, "ept_apic_request_seconds_count", Map.of()) > 0, "APIC requests timed");
        assertTrue(value(scrape, "ept_store_write_seconds_count", Map.of()) > 0, "store writes timed");
        assertTrue(value(scrape, "ept_queue_consumers", Map.of("queue", "EptWorkerQueue")) > 0, "worker consumers");
        assertTrue(value(scrape, "ept_events_received_total", Map.of("fabric", FABRIC, "class", "epmMacEp")) > 0);

        // bounded labels: no EPT label value is an address (MAC, IPv4, IPv6), whatever the fabric learned
        Set<String> labelNames = new TreeSet<>();
        scrape.forEach((name, samples) -> {
            if (!name.startsWith("ept_")) {
                return;
            }
            for (var sample : samples) {
                sample.getKey().forEach((label, v) -> {
                    labelNames.add(label);
                    assertFalse(ADDRESS.matcher(v).matches(), name + " carries an address in " + label + "=" + v);
                });
            }
        });
        assertEquals(Set.of("WF_DEPLOYMENT", "class", "fabric", "kind", "le", "queue", "state", "type"), labelNames);

        // the Grafana dashboard queries nothing but scraped metrics
        Path dashboard = Path.of(System.getProperty("user.dir")).resolve("../wildfly-config/src/main/grafana/ept-dashboard.json");
        Set<String> queried = new TreeSet<>();
        JsonObject json = Json.createReader(new StringReader(Files.readString(dashboard))).readObject();
        collectExpressions(json, queried);
        assertTrue(queried.size() > 20, "metrics queried by the dashboard: " + queried);
        for (String metric : queried) {
            assertTrue(scrape.containsKey(metric), "the dashboard queries " + metric + ", which is not scraped");
        }

        // health: each fabric's subscriber state in the readiness data; liveness UP
        String ready = EptDeployment.getAbsolute(healthUrl("/health/ready")).body();
        assertTrue(ready.contains("\"name\":\"ept-fabrics\",\"status\":\"UP\"") && ready.contains("\"" + FABRIC + "\":\"running\""), ready);
        EptDeployment.Reply live = EptDeployment.getAbsolute(healthUrl("/health/live"));
        assertEquals(200, live.status(), live.body());
        assertTrue(live.body().contains("\"name\":\"ept-liveness\",\"status\":\"UP\""), live.body());

        jsonLogCarriesFindingsAndMonitorEvents(sim);

        // a deleted fabric leaves the scrape
        Fabrics.delete(FABRIC);
        await("the deleted fabric's metrics gone").atMost(Duration.ofSeconds(40)).until(MetricsIT::scrape,
                s -> s.values().stream().flatMap(List::stream).noneMatch(x -> FABRIC.equals(x.getKey().get("fabric"))));
    }

    static String healthUrl(String path) {
        return "http://localhost:" + System.getProperty("ept.it.management.port") + path;
    }

    /**
     * Switches the running server's log to JSON (what wildfly-config/src/main/cli/ept-log-json.cli does), makes the
     * fabric produce a finding (a move) and a monitor event (stop), and finds both in server.log as JSON objects
     * with the fields fabric, component and endpoint; then switches back.
     */
    private void jsonLogCarriesFindingsAndMonitorEvents(SimClient sim) throws IOException {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        logFormat("EPT-JSON", "EPT-JSON");
        try {
            sim.move("10.1.2.219", 101, "eth1/8");
            List<JsonObject> finding = await("the move finding in server.log as JSON").atMost(Duration.ofSeconds(60))
                    .until(
                    () -> jsonLines(log, "io.ept.events"), lines -> lines.stream().anyMatch(o -> isMove(o)));
            JsonObject move = finding.stream().filter(MetricsIT::isMove).findFirst().orElseThrow();
            JsonObject mdc = move.getJsonObject("mdc");
            assertEquals("analysis", mdc.getString("component"), move.toString());
            String endpoint = mdc.getString("endpoint");
            assertTrue(endpoint.endsWith(":10.1.2.219") || endpoint.endsWith(":00:00:5E:00:53:19"), move.toString());
            assertTrue(endpoint.matches("\\d+:.+"), "vnid:address " + move);
            assertEquals("WARNING", move.getString("level"), move.toString());

            EptDeployment.Reply stopped = EptDeployment.postJson("uni/fb-" + FABRIC + "/stop", "{\"reason\":\"json log test\"}");
            assertEquals(200, stopped.status(), stopped.body());
            await("the monitor event in server.log as JSON").atMost(Duration.ofSeconds(30))
                    .until(() -> jsonLines(log, "io.ept.events"),
                    lines -> lines.stream().anyMatch(o -> "monitor".equals(o.getJsonObject("mdc").getString("component", ""))
                            && FABRIC.equals(o.getJsonObject("mdc").getString("fabric", ""))
                            && o.getString("message").contains("json log test")));
        } finally {
            logFormat("PATTERN", "COLOR-PATTERN");
        }
    }

    private static boolean isMove(JsonObject o) {
        JsonObject mdc = o.getJsonObject("mdc");
        return mdc != null && FABRIC.equals(mdc.getString("fabric", "")) && "move".equals(mdc.getString("kind", ""));
    }

    private static List<JsonObject> jsonLines(Path log, String logger) {
        List<JsonObject> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{") && line.contains("\"" + logger + "\"")) {
                    out.add(Json.createReader(new StringReader(line)).readObject());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    @org.jboss.arquillian.test.api.ArquillianResource
    org.jboss.as.arquillian.container.ManagementClient management;

    private void logFormat(String files, String console) throws IOException {
        for (String[] handler : new String[][] {{"periodic-rotating-file-handler", "FILE", files},
                {"periodic-rotating-file-handler", "EPT", files}, {"console-handler", "CONSOLE", console}}) {
            org.jboss.dmr.ModelNode op = new org.jboss.dmr.ModelNode();
            op.get("operation").set("write-attribute");
            op.get("address").add("subsystem", "logging").add(handler[0], handler[1]);
            op.get("name").set("named-formatter");
            op.get("value").set(handler[2]);
            org.jboss.dmr.ModelNode result = management.getControllerClient().execute(op);
            assertEquals("success", result.get("outcome").asString(), result.toString());
        }
    }

    /** Metric names in every "expr" (and query variable) of the dashboard. */
    static void collectExpressions(JsonValue value, Set<String> metrics) {
        if (value instanceof JsonObject o) {
            o.forEach((k, v) -> {
                if ("expr".equals(k) && v.getValueType() == JsonValue.ValueType.STRING) {
                    metrics.addAll(metricNames(((jakarta.json.JsonString) v).getString()));
                } else if ("definition".equals(k) && v.getValueType() == JsonValue.ValueType.STRING) {
                    // a template variable: label_values(metric, label)
                    Matcher m = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")
                            .matcher(((jakarta.json.JsonString) v).getString());
                    assertTrue(m.find(), "template query " + v);
                    metrics.add(m.group(1));
                } else {
                    collectExpressions(v, metrics);
                }
            });
        } else if (value instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> collectExpressions(v, metrics));
        }
    }

    /** The metric names of a PromQL expression: identifiers that are not functions, keywords or label names. */
    static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")    // strings
                .replaceAll("\\{[^}]*}", "")                                    // label matchers
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "") // grouping
                .replaceAll("\\[[^]]*]", "");                                  // ranges
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(s);
        while (m.find()) {
            String id = m.group(1);
            if (m.group(2) == null && !Set.of("and", "or", "unless", "bool", "offset").contains(id)) {
                names.add(id);
            }
        }
        return names;
    }
}
