package io.ept.web.ui;

import java.util.List;
import java.util.TreeSet;

/** The node field of the clear dialog: "101,102,105-107", limited to leaf ids 101-4096 (ept-reference 6). */
public final class NodeList {

    public static final int MIN_NODE = 101;
    public static final int MAX_NODE = 4096;

    private NodeList() {
    }

    /** Sorted distinct node ids; IllegalArgumentException naming the first bad part. */
    public static List<Integer> parse(String text) {
        TreeSet<Integer> nodes = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] range = p.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + p + "' is not a node or a range like 101-104");
            }
            int from = node(range[0], p);
            int to = range.length == 2 ? node(range[1], p) : from;
            if (to < from) {
                throw new IllegalArgumentException("range '" + p + "' ends before it starts");
            }
            if (to - from > MAX_NODE) {
                throw new IllegalArgumentException("range '" + p + "' is too large");
            }
            for (int n = from; n <= to; n++) {
                nodes.add(n);
            }
        }
        return List.copyOf(nodes);
    }

    private static int node(String text, String part) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + part + "' is not a node id or a range like 101-104");
        }
        if (n < MIN_NODE || n > MAX_NODE) {
            throw new IllegalArgumentException("node " + n + " is outside " + MIN_NODE + "-" + MAX_NODE);
        }
        return n;
    }
}
