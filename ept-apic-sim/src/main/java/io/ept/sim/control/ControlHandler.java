package io.ept.sim.control;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ept.sim.topology.Topology;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** HTTP face of {@link SimulatorControl} under /_sim/ (see README.md for bodies and curl examples). */
public final class ControlHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final SimulatorControl control;

    public ControlHandler(SimulatorControl control) { this.control = control; }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.startBlocking();
        String path = ex.getRelativePath();
        String method = ex.getRequestMethod().toString();
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ex.getInputStream().transferTo(buf);
            String text = buf.toString(StandardCharsets.UTF_8);
            JsonNode body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            Object result = dispatch(method, path, body, ex);
            send(ex, 200, JSON.writeValueAsString(result));
        } catch (IllegalArgumentException e) {
            send(ex, 400, JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private Object dispatch(String method, String path, JsonNode b, HttpServerExchange ex) throws Exception {
        switch (method + " " + path) {
            case "GET /status": return control.status();
            case "GET /topology": return control.topology();
            case "GET /topology/summary": return control.topologySummary("true".equals(param(ex, "tunnels")));
            case "POST /topology": {
                Topology t;
                if (b.has("generate")) t = Topology.generate(b.get("generate").asText());
                else if (b.path("demo").asBoolean(false)) t = Topology.demo();
                else t = JSON.treeToValue(b, Topology.class);
                control.replaceTopology(t);
                return Map.of("replaced", true, "nodes", t.nodes.size(), "endpoints", t.endpoints.size());
            }
            case "POST /inject": {
                JsonNode list = b.isArray() ? b : b.path("events");
                List<Map<String, Map<String, Map<String, String>>>> events = JSON.convertValue(list, new TypeReference<>() {});
                return Map.of("events", control.inject(events));
            }
            case "POST /endpoint/learn": return Map.of("events", control.learn(JSON.treeToValue(b, Topology.Endpoint.class)));
            case "POST /endpoint/move":
                return Map.of("events", control.move(req(b, "addr"), intOrNull(b, "leaf"), text(b, "port"), intOrNull(b, "vpc"), text(b, "encap"), text(b, "epg")));
            case "POST /endpoint/flap": return Map.of("flaps", control.flap(req(b, "addr"), b.path("perMinute").asInt(60), b.path("seconds").asInt(60)));
            case "POST /endpoint/stale": return Map.of("events", control.stale(req(b, "addr"), b.path("leaf").asInt(), intOrNull(b, "pointsTo")));
            case "POST /endpoint/offsubnet": return Map.of("events", control.offSubnet(req(b, "mac"), text(b, "ip")));
            case "POST /endpoint/age": return Map.of("events", control.age(req(b, "addr"), b.path("delaySeconds").asInt(0)));
            case "POST /endpoint/clear":
                return Map.of("events", control.clearOnLeaf(b.path("leaf").asInt(), intOrNull(b, "vrfVnid"), text(b, "ip"), text(b, "mac"), intOrNull(b, "bdVnid")));
            case "GET /endpoint": return control.groundTruth(param(ex, "addr"));
            case "POST /leaf/down": return Map.of("events", control.leafDown(b.path("node").asInt()));
            case "POST /leaf/up": return Map.of("events", control.leafUp(b.path("node").asInt()));
            case "POST /load": return control.load(b.path("eventsPerSecond").asInt(100), b.path("seconds").asInt(10), b.path("endpoints").asInt(1000));
            case "GET /ssh": return control.sshStatus();
            case "DELETE /ssh/log": return Map.of("cleared", control.clearSshLog());
            case "POST /ssh/host-key": return Map.of("hostKey", control.rotateSshHostKey());
            case "POST /websocket/frames": return Map.of("sent", control.sendRawFrames(b.path("text").asText(""),
                    b.path("padTo").asInt(0), b.path("count").asInt(1)));
            case "GET /websocket-sessions": return control.websocketSessions();
            case "GET /faults": return control.faults().describe();
            case "DELETE /faults": control.faults().clear(); return control.faults().describe();
            case "POST /faults": return faults(b);
            default: throw new IllegalArgumentException("unknown control operation " + method + " /_sim" + path);
        }
    }

    private Object faults(JsonNode b) {
        int dropped = 0;
        if (b.path("dropWebsockets").asBoolean(false)) dropped = control.dropWebsockets();
        if (b.path("expireTokens").asBoolean(false)) control.expireTokens();
        int status = b.path("errorStatus").asInt(503);
        if (b.has("errorCount")) control.faults().failNext(status, b.get("errorCount").asInt());
        if (b.has("errorSeconds")) control.faults().failFor(status, b.get("errorSeconds").asInt());
        if (b.has("delayMs")) control.faults().delay(b.get("delayMs").asLong());
        if (b.has("refuseLogins")) control.faults().refuseLogins(b.get("refuseLogins").asBoolean());
        Map<String, Object> d = control.faults().describe();
        d.put("websocketsDropped", dropped);
        return d;
    }

    private static String param(HttpServerExchange ex, String name) {
        var d = ex.getQueryParameters().get(name);
        return d == null ? null : d.peekFirst();
    }

    private static String req(JsonNode b, String f) {
        String v = text(b, f);
        if (v == null) throw new IllegalArgumentException("missing field " + f);
        return v;
    }

    private static String text(JsonNode b, String f) { return b.hasNonNull(f) ? b.get(f).asText() : null; }

    private static Integer intOrNull(JsonNode b, String f) { return b.hasNonNull(f) ? b.get(f).asInt() : null; }

    private static void send(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
