package io.ept.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Distinguished-name helpers: APIC rns may contain '/' inside brackets, e.g. {@code subnet-[10.1.1.1/24]}. */
public final class Dns {

    private static final Pattern NODE = Pattern.compile("topology/pod-(\\d+)/node-(\\d+)(/|$)");

    private Dns() {
    }

    public static List<String> rns(String dn) {
        List<String> rns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == '/' && depth == 0) {
                rns.add(dn.substring(start, i));
                start = i + 1;
            }
        }
        rns.add(dn.substring(start));
        return rns;
    }

    public static String parent(String dn) {
        List<String> rns = rns(dn);
        return rns.size() <= 1 ? "" : String.join("/", rns.subList(0, rns.size() - 1));
    }

    /** The first ancestor (or the dn itself) whose rn starts with the prefix, or "" when there is none. */
    public static String ancestorWithRn(String dn, String rnPrefix) {
        List<String> rns = rns(dn);
        for (int i = rns.size() - 1; i >= 0; i--) {
            if (rns.get(i).startsWith(rnPrefix)) {
                return String.join("/", rns.subList(0, i + 1));
            }
        }
        return "";
    }

    /** Node id of a {@code topology/pod-P/node-N/...} dn, or 0. */
    public static int node(String dn) {
        Matcher m = NODE.matcher(dn);
        return m.find() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** Pod id of a {@code topology/pod-P/...} dn, or 0. */
    public static int pod(String dn) {
        Matcher m = NODE.matcher(dn);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
