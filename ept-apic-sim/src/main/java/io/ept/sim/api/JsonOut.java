package io.ept.sim.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ept.sim.model.MoView;
import io.ept.sim.query.QueryResult;
import io.ept.sim.subscription.MoEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes APIC envelopes (all values strings, captured key order) straight to the output stream. */
public final class JsonOut {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonOut() {}

    /** {"totalCount":"N",["subscriptionId":"X",]"imdata":[...]} */
    public static void writeResult(OutputStream out, QueryResult r, String subscriptionId) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("totalCount", Integer.toString(r.totalCount));
            if (subscriptionId != null) g.writeStringField("subscriptionId", subscriptionId);
            g.writeArrayFieldStart("imdata");
            for (QueryResult.Item item : r.items) writeItem(g, item);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeItem(JsonGenerator g, QueryResult.Item item) throws IOException {
        MoView mo = item.mo;
        g.writeStartObject();
        g.writeObjectFieldStart(mo.className());
        g.writeObjectFieldStart("attributes");
        mo.forEachAttribute((k, v) -> {
            try {
                g.writeStringField(k, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        g.writeEndObject();
        if (item.children != null) {
            g.writeArrayFieldStart("children");
            for (QueryResult.Item c : item.children) writeItem(g, c);
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static String error(String code, String text) {
        return "{\"totalCount\":\"1\",\"imdata\":[{\"error\":{\"attributes\":{\"code\":" + quote(code) + ",\"text\":" + quote(text) + "}}}]}";
    }

    /** One websocket frame: {"subscriptionId":["id",...],"imdata":[{"cls":{"attributes":{...}}}]} */
    public static String frame(Collection<String> ids, MoEvent e) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("subscriptionId");
            for (String id : ids) g.writeString(id);
            g.writeEndArray();
            g.writeArrayFieldStart("imdata");
            g.writeStartObject();
            g.writeObjectFieldStart(e.className);
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> a : e.attributes.entrySet()) g.writeStringField(a.getKey(), a.getValue());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    public static String quote(String s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static String emptyResult() { return "{\"totalCount\":\"0\",\"imdata\":[]}"; }

    static List<String> list(String... s) { return List.of(s); }
}
