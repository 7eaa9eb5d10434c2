package io.ept.bench.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ept.bench.client.EptClient;
import io.ept.bench.process.EptServer;
import io.ept.bench.process.Simulator;
import io.ept.bench.report.ResultTable;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code ./ept bench ui}: the web UI's server time and transfer size per page, and how fast the endpoint table
 * answers a sort or a filter over 100,000 endpoints. Starts its own EPT (fresh data, embedded store unless
 * {@code --mongo-uri}) and a simulator with the demo topology, tracked as fabric "bench"; a second fabric, "big",
 * gets the synthetic endpoints written straight into the store. Prints one table and writes
 * {@code target/bench/ui-results.{txt,csv,json}}.
 */
public final class UiBench {

    private static final Logger LOG = Logger.getLogger(UiBench.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String FABRIC = "bench";
    static final String BIG = "big";
    private static final long PAGE_WEIGHT_TARGET = 600 * 1024;
    private static final double TABLE_TARGET_MILLIS = 1000;

    static final String HELP = String.join("\n",
            "Usage: ./ept bench ui [options]   (java -cp ept-bench/target/ept-bench.jar io.ept.bench.ui.UiBench --root . [options])",
            "  --endpoints N        synthetic endpoints of fabric 'big' for the table timings (default 100000; 0 = skip)",
            "  --repeat N           fetches of each page; the median server time is reported (default 5)",
            "  --port-offset N      WildFly port offset (default $EPT_BENCH_PORT_OFFSET or 300)",
            "  --sim-port N         simulator HTTP port (default 18544)",
            "  --mongo-uri URI      an external MongoDB instead of the embedded store (database ept, must be empty)",
            "  --out DIR            reports directory (default <root>/target/bench)",
            "  --root DIR           the EPT worktree (set by ./ept)");

    private Path root = Path.of(".").toAbsolutePath().normalize();
    private Path out;
    private int endpoints = 100_000;
    private int repeat = 5;
    private int portOffset = envInt("EPT_BENCH_PORT_OFFSET", 300);
    private int simPort = 18544;
    private String mongoUri = System.getenv("EPT_MONGO_URI");

    private final ResultTable table = new ResultTable();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT bench ui: %5$s%6$s%n");
        UiBench bench = new UiBench();
        try {
            bench.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() == null ? HELP : e.getMessage() + "\n" + HELP);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException((String) null);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value of " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--endpoints" -> endpoints = Integer.parseInt(v);
                    case "--repeat" -> repeat = Math.max(1, Integer.parseInt(v));
                    case "--port-offset" -> portOffset = Integer.parseInt(v);
                    case "--sim-port" -> simPort = Integer.parseInt(v);
                    case "--mongo-uri" -> mongoUri = v;
                    case "--out" -> out = Path.of(v).toAbsolutePath();
                    case "--root" -> root = Path.of(v).toAbsolutePath().normalize();
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number, not '" + v + "'");
            }
        }
        if (out == null) {
            out = root.resolve("target/bench");
        }
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Path work = out.resolve("work/ui");
        deleteTree(work);
        Files.createDirectories(work);
        details.put("started", Instant.now().toString());
        details.put("endpoints", endpoints);
        details.put("store", mongoUri != null ? "external MongoDB" : "embedded MongoDB-protocol server");
        Map<String, String> properties = new LinkedHashMap<>();
        if (mongoUri != null) {
            properties.put("ept.mongo.uri", mongoUri);
        }
        LOG.info("starting the simulator (demo topology) and EPT (port offset " + portOffset + ")");
        try (Simulator sim = Simulator.start(root, work, simPort, "demo", "1g", Duration.ofMinutes(5));
             EptServer ept = EptServer.start(root, work, portOffset, io.ept.bench.BenchOptions.DEFAULT_JAVA_OPTS, properties, Duration.ofMinutes(5))) {
            EptClient api = ept.client();
            createFabric(api, FABRIC, sim.apicUrl(), true);
            String base = "http://127.0.0.1:" + ept.httpPort() + "/ept/";
            UiClient ui = new UiClient(base, api.session());
            measurePages(ui, new UiClient(base, null), api);
            if (endpoints > 0) {
                createFabric(api, BIG, "https://127.0.0.1:9", false);
                LOG.info("writing " + endpoints + " synthetic endpoints of fabric " + BIG + " into the store");
                long started = System.nanoTime();
                SyntheticEndpoints.insert(mongoUri != null ? mongoUri : ept.mongoUri(), BIG, endpoints);
                details.put("insertSeconds", (System.nanoTime() - started) / 1e9);
                measureTable(ui);
            }
        }
        write();
    }

    private void createFabric(EptClient api, String name, String apic, boolean start) throws IOException, InterruptedException {
        api.call("POST", "/fabric", JSON.writeValueAsString(Map.of("fabric", name, "apic_hostname", apic,
                "apic_username", "admin", "apic_password", "ept-sim"))).require();
        if (!start) {
            return;
        }
        api.call("POST", "/uni/fb-" + name + "/start", "{\"reason\":\"benchmark\"}").require();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!"running".equals(api.getJson("/uni/fb-" + name + "/status").path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("fabric " + name + " is not running after 3 minutes");
            }
            Thread.sleep(500);
        }
    }

    /** Every page of the UI with the demo fabric's data: median server time and the cold-cache transfer size. */
    private void measurePages(UiClient ui, UiClient anonymous, EptClient api) throws IOException, InterruptedException {
        JsonNode some = api.getJson("/ept/endpoint?page-size=1&filter=" + enc("and(eq(\"fabric\",\"" + FABRIC
                + "\"),eq(\"type\",\"ipv4\"))")).path("objects").path(0).path("ept.endpoint");
        String endpoint = "endpoint.xhtml?fabric=" + FABRIC + "&vnid=" + some.path("vnid").asText() + "&addr=" + some.path("addr").asText();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "index.xhtml");
        pages.put("dashboard", "dashboard.xhtml?fabric=" + FABRIC);
        pages.put("endpoints", "endpoints.xhtml?fabric=" + FABRIC);
        pages.put("endpoint", endpoint);
        pages.put("moves", "findings.xhtml?fabric=" + FABRIC + "&kind=moves");
        pages.put("stale", "findings.xhtml?fabric=" + FABRIC + "&kind=stale");
        pages.put("settings", "settings.xhtml?fabric=" + FABRIC);
        pages.put("queues", "queues.xhtml");
        pages.put("users", "users.xhtml");
        pages.put("login", "login.xhtml");
        List<Map<String, Object>> rows = new ArrayList<>();
        long heaviest = 0;
        String heaviestName = "";
        for (var e : pages.entrySet()) {
            // the login page is seen before logging in (a logged-in visit is sent on)
            UiClient client = "login".equals(e.getKey()) ? anonymous : ui;
            UiClient.Page page = client.page(e.getKey(), e.getValue());
            double[] times = new double[repeat];
            times[0] = page.html().headersMillis();
            for (int i = 1; i < repeat; i++) {
                times[i] = client.get(client.absolute(e.getValue())).headersMillis();
            }
            double median = median(times);
            table.add("page " + e.getKey(), "server time (median of " + repeat + ")", ms(median));
            table.add("page " + e.getKey(), "transfer size (" + (page.assets() + 1) + " requests)", kib(page.totalBytes()));
            rows.add(Map.of("page", e.getKey(), "path", e.getValue(), "serverMillis", median, "htmlBytes", page.html().wireBytes(),
                    "assets", page.assets(), "totalBytes", page.totalBytes()));
            if (page.totalBytes() > heaviest) {
                heaviest = page.totalBytes();
                heaviestName = e.getKey();
            }
        }
        table.add("pages", "heaviest page (" + heaviestName + ")", kib(heaviest), "<= 600 KiB", heaviest <= PAGE_WEIGHT_TARGET);
        details.put("pages", rows);
    }

    /**
     * The Browse table of fabric "big" as the browser drives it: open the page (first page, newest first), then
     * ajax postbacks that filter and sort. Each filter or sort is a new one, never answered before (cold).
     */
    private void measureTable(UiClient ui) throws IOException, InterruptedException {
        String path = ui.absolute("endpoints.xhtml?fabric=" + BIG + "&state=all");
        List<Map<String, Object>> rows = new ArrayList<>();
        UiClient.Fetch open = ui.get(path);
        check(open, "open", "browse:table");
        // the page's first read of the fabric's rows: the one scan a filter or sort afterwards does without
        rows.add(Map.of("action", "open", "millis", open.totalMillis(), "status", open.status(), "bytes", open.wireBytes()));
        table.add("table of " + endpoints, "open Browse, all " + endpoints + " endpoints (newest first)", ms(open.totalMillis()));
        String viewState = UiClient.viewState(open.body());
        String address = column(open.body(), "Address");
        String epg = column(open.body(), "EPG");
        String node = column(open.body(), "Node");
        String events = column(open.body(), "Events");

        record(rows, "filter address contains '10.1.2'", check(filter(ui, path, viewState, address, "10.1.2"), "filter", "10.1.2"));
        record(rows, "filter EPG contains 'epg17'", check(filter(ui, path, viewState, epg, "epg17"), "filter", "epg17"));
        record(rows, "filter node = 117", check(filter(ui, path, viewState, node, "117"), "filter", "117"));
        record(rows, "sort by events, descending", check(sort(ui, path, viewState, events, "-1"), "sort", "data-ri"));
        record(rows, "sort by address, ascending", check(sort(ui, path, viewState, address, "1"), "sort", "data-ri"));
        record(rows, "same sort again (answered before)", check(sort(ui, path, viewState, address, "1"), "sort", "data-ri"));
        details.put("table", rows);
    }

    /** The client id of the Browse table's column with this header (ids may be generated). */
    private static String column(String html, String header) {
        var m = java.util.regex.Pattern.compile("<th id=\"(browse:table:[^\"]+)\"[^>]*aria-label=\""
                + java.util.regex.Pattern.quote(header) + "\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no column '" + header + "' in the Browse table");
        }
        return m.group(1);
    }

    private UiClient.Fetch filter(UiClient ui, String path, String viewState, String column, String value)
            throws IOException, InterruptedException {
        String t = "browse:table";
        return ui.postPartial(path, UiClient.form("jakarta.faces.partial.ajax", "true", "jakarta.faces.source", t,
                "jakarta.faces.partial.execute", t, "jakarta.faces.partial.render", t, t + "_filtering", "true",
                t + "_encodeFeature", "true", "browse", "browse", column + ":filter", value,
                "jakarta.faces.ViewState", viewState));
    }

    private UiClient.Fetch sort(UiClient ui, String path, String viewState, String column, String direction)
            throws IOException, InterruptedException {
        String t = "browse:table";
        return ui.postPartial(path, UiClient.form("jakarta.faces.partial.ajax", "true", "jakarta.faces.source", t,
                "jakarta.faces.partial.execute", t, "jakarta.faces.partial.render", t, t + "_sorting", "true",
                t + "_skipChildren", "true", t + "_encodeFeature", "true", t + "_sortKey", column,
                t + "_sortDir", direction, "browse", "browse", "jakarta.faces.ViewState", viewState));
    }

    private UiClient.Fetch check(UiClient.Fetch f, String what, String expected) {
        if (f.status() != 200 || !f.body().contains(expected)) {
            problems.add(what + ": HTTP " + f.status() + ", the answer lacks '" + expected + "': "
                    + f.body().substring(0, Math.min(400, f.body().length())));
        }
        return f;
    }

    private void record(List<Map<String, Object>> rows, String what, UiClient.Fetch f) {
        table.add("table of " + endpoints, what, ms(f.totalMillis()), "<= 1 s", f.totalMillis() <= TABLE_TARGET_MILLIS);
        rows.add(Map.of("action", what, "millis", f.totalMillis(), "status", f.status(), "bytes", f.wireBytes()));
        LOG.info(what + ": " + ms(f.totalMillis()));
    }

    private void write() throws IOException {
        String text = table.render();
        System.out.println();
        System.out.print(text);
        problems.forEach(p -> System.out.println("problem: " + p));
        Map<String, Object> json = new LinkedHashMap<>(details);
        json.put("finished", Instant.now().toString());
        json.put("rows", table.rows());
        json.put("problems", problems);
        Files.writeString(out.resolve("ui-results.txt"), text);
        Files.writeString(out.resolve("ui-results.csv"), table.csv());
        JSON.writeValue(out.resolve("ui-results.json").toFile(), json);
        System.out.println("written: " + out.resolve("ui-results.json") + ", ui-results.csv, ui-results.txt");
        if (!problems.isEmpty()) {
            System.exit(1);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ms(double millis) {
        return millis >= 1000 ? String.format("%.2f s", millis / 1000) : String.format("%.1f ms", millis);
    }

    private static String kib(long bytes) {
        return String.format("%,d KiB", Math.round(bytes / 1024.0));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
