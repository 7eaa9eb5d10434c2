package io.ept.sim.query;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A parsed /api/class|mo|node/... query (path already percent-decoded). */
public final class QueryRequest {
    public boolean classQuery;
    /** Class of a class query. */
    public String className;
    /** dn of an mo query, or the scope dn of /api/node/class/<dn>/<cls>.json. */
    public String dn;
    public String target = "self";
    public Set<String> subtreeClasses;
    public Filter filter;
    public String filterText;
    public String rspSubtree = "no";
    public Set<String> rspSubtreeClasses;
    public boolean includeCount;
    public String orderByProp;
    public boolean orderDesc;
    public Integer page;
    public Integer pageSize;
    public boolean subscribe;
    public Integer refreshTimeout;
    /** Canonical form without paging/subscription (snapshot cache key, subscription identity). */
    public String canonical;

    /**
     * @param apiPath path after "/api/" without the ".json" suffix, e.g. "class/fvBD", "node/mo/uni/tn-a"
     */
    public static QueryRequest parse(String apiPath, Map<String, String> params) {
        QueryRequest q = new QueryRequest();
        String p = apiPath.startsWith("node/") ? apiPath.substring(5) : apiPath;
        if (p.startsWith("class/")) {
            q.classQuery = true;
            String rest = p.substring(6);
            int slash = rest.lastIndexOf('/');
            if (slash > 0 && !rest.endsWith("]")) { q.dn = rest.substring(0, slash); q.className = rest.substring(slash + 1); }
            else q.className = rest;
        } else if (p.startsWith("mo/")) {
            q.dn = p.substring(3);
        } else {
            throw new IllegalArgumentException("unsupported api path " + apiPath);
        }
        String t = params.get("query-target");
        if (t != null) q.target = t;
        q.subtreeClasses = classSet(params.get("target-subtree-class"));
        q.filterText = params.get("query-target-filter");
        if (q.filterText != null && !q.filterText.isBlank()) q.filter = Filter.parse(q.filterText);
        if (params.get("rsp-subtree") != null) q.rspSubtree = params.get("rsp-subtree");
        q.rspSubtreeClasses = classSet(params.get("rsp-subtree-class"));
        String inc = params.get("rsp-subtree-include");
        q.includeCount = inc != null && Arrays.asList(inc.split(",")).contains("count");
        String ob = params.get("order-by");
        if (ob != null && !ob.isBlank()) {
            String first = ob.split(",")[0];
            String[] parts = first.split("\\|");
            int dot = parts[0].indexOf('.');
            q.orderByProp = dot >= 0 ? parts[0].substring(dot + 1) : parts[0];
            q.orderDesc = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
        }
        q.page = intParam(params, "page");
        q.pageSize = intParam(params, "page-size");
        q.subscribe = "yes".equalsIgnoreCase(params.get("subscription"));
        q.refreshTimeout = intParam(params, "refresh-timeout");
        Map<String, String> canon = new TreeMap<>(params);
        canon.keySet().removeAll(Set.of("page", "page-size", "subscription", "refresh-timeout", "_dc"));
        q.canonical = (q.classQuery ? "class:" + (q.dn == null ? "" : q.dn + "/") + q.className : "mo:" + q.dn) + "?" + canon;
        return q;
    }

    private static Integer intParam(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + name + ": " + v);
        }
    }

    private static Set<String> classSet(String v) {
        if (v == null || v.isBlank()) return null;
        Set<String> s = new LinkedHashSet<>();
        for (String c : v.split(",")) if (!c.isBlank()) s.add(c.trim());
        return s;
    }
}
