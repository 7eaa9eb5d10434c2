package io.ept.web.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.bson.Document;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Formatting helpers for pages ({@code #{fmt...}}) and CSV files: times, durations, nodes, endpoint links. */
@Named("fmt")
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** Epoch seconds (EPT's timestamps) as local date and time; "-" when unset. */
    public static String time(Object epochSeconds) {
        if (!(epochSeconds instanceof Number n) || n.doubleValue() <= 0) {
            return "-";
        }
        return TIME.format(Instant.ofEpochMilli((long) (n.doubleValue() * 1000)));
    }

    public String ts(Object epochSeconds) {
        return time(epochSeconds);
    }

    /** "3 min ago" style age of an epoch-seconds timestamp. */
    public String ago(Object epochSeconds) {
        if (!(epochSeconds instanceof Number n) || n.doubleValue() <= 0) {
            return "";
        }
        long seconds = Math.max(0, (long) (System.currentTimeMillis() / 1000.0 - n.doubleValue()));
        return duration(seconds) + " ago";
    }

    /** 93784 seconds as "1d 2h 3m". */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long days = seconds / 86400;
        long hours = seconds % 86400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m";
        }
        return hours > 0 ? hours + "h " + minutes + "m" : minutes + "m " + seconds % 60 + "s";
    }

    public String uptime(Object seconds) {
        return seconds instanceof Number n ? duration(n.longValue()) : "-";
    }

    /**
     * A node id as users know it: vPC pairs are stored as the pseudo node (low << 16) + high and shown as
     * "(101,102)"; 0 means none.
     */
    public static String node(Object value) {
        if (!(value instanceof Number n) || n.longValue() == 0) {
            return "-";
        }
        long id = n.longValue();
        if (id > 0xffff) {
            return "(" + (id >> 16) + "," + (id & 0xffff) + ")";
        }
        return String.valueOf(id);
    }

    public String nodeName(Object value) {
        return node(value);
    }

    /** Physical node ids of a (possibly vPC pseudo) node. */
    public static List<Integer> members(int node) {
        if (node > 0xffff) {
            return List.of(node >> 16, node & 0xffff);
        }
        return node > 0 ? List.of(node) : List.of();
    }

    /** The newest entry of a document's events list (events are stored newest first), or an empty document. */
    public static Document latest(Document doc) {
        if (doc == null) {
            return new Document();
        }
        List<Document> events = doc.getList("events", Document.class, List.of());
        return events.isEmpty() ? new Document() : events.get(0);
    }

    public Document first(Document doc) {
        return latest(doc);
    }

    /** Deep link of an endpoint's detail page, relative to the application root. */
    public static String endpointLink(String fabric, Object vnid, String addr) {
        return "endpoint.xhtml?fabric=" + encode(fabric) + "&vnid=" + vnid + "&addr=" + encode(addr);
    }

    public String endpointUrl(String fabric, Object vnid, String addr) {
        return endpointLink(fabric, vnid, addr);
    }

    public String encodeParam(String value) {
        return encode(value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** "mac", "ipv4", "ipv6" as shown in tables. */
    public String type(Object type) {
        return type == null ? "" : switch (type.toString()) {
            case "mac" -> "MAC";
            case "ipv4" -> "IPv4";
            case "ipv6" -> "IPv6";
            default -> type.toString();
        };
    }

    public String number(Object value) {
        return value instanceof Number n ? String.format("%,d", n.longValue()) : "0";
    }

    public String rate(Object value) {
        return value instanceof Number n ? String.format("%.1f", n.doubleValue()) : "-";
    }

    /** At most {@code max} characters, for long server messages in banners (the full text goes in a tooltip). */
    public String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** Comma list of a list attribute (flags). */
    public String list(Object value) {
        return value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : "";
    }
}
