package io.ept.sim.query;

import io.ept.sim.model.Dns;
import io.ept.sim.model.EpmDn;
import io.ept.sim.model.EpmRecord;
import io.ept.sim.model.FabricState;
import io.ept.sim.model.Host;
import io.ept.sim.model.MoView;
import io.ept.sim.model.Schemas;
import io.ept.sim.model.StoredMo;
import io.ept.sim.subscription.MoEvent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers class and mo queries over a {@link FabricState}: candidate selection (query-target,
 * target-subtree-class), filter, count, order-by, paging and rsp-subtree nesting.
 * Large sorted results are kept as snapshots so that paging through millions of epm objects
 * sorts once, like a consistent cursor.
 */
public final class QueryEngine {
    private static final Pattern NODE_PREFIX = Pattern.compile("^topology/pod-(\\d+)/node-(\\d+)(/.*)?$");
    private static final int SNAPSHOT_MIN = 2000;
    private static final long SNAPSHOT_REUSE_MILLIS = 120_000;

    private final int tooBigThreshold;
    /** Sorted results by canonical query; a few, as each may hold millions of objects. */
    private final Cache<String, Snapshot> snapshots = Caffeine.newBuilder().maximumSize(6).build();

    public QueryEngine(int tooBigThreshold) { this.tooBigThreshold = tooBigThreshold; }

    private static final class Snapshot {
        final long version;
        final long createdAt;
        final MoView[] sorted;
        final FabricState fabric;

        Snapshot(FabricState fabric, long version, MoView[] sorted) {
            this.fabric = fabric; this.version = version; this.sorted = sorted; this.createdAt = System.currentTimeMillis();
        }
    }

    public QueryResult execute(FabricState f, QueryRequest q) {
        if (q.classQuery && !Schemas.isKnown(q.className))
            throw new ApiException(400, "Request failed, unresolved class for " + q.className);
        MoView[] all = null;
        Snapshot snap;
        snap = snapshots.getIfPresent(q.canonical);
        if (snap != null && snap.fabric == f && (snap.version == f.version
                || (q.page != null && q.page > 0 && System.currentTimeMillis() - snap.createdAt < SNAPSHOT_REUSE_MILLIS))) {
            all = snap.sorted;
        }
        f.lock.readLock().lock();
        try {
            if (all == null) {
                long version = f.version;
                List<MoView> found = candidates(f, q);
                if (q.filter != null) found.removeIf(mo -> !q.filter.test(mo));
                all = found.toArray(new MoView[0]);
                if (q.orderByProp != null) sort(all, q.orderByProp, q.orderDesc);
                if (all.length >= SNAPSHOT_MIN) snapshots.put(q.canonical, new Snapshot(f, version, all));
            }
            int total = all.length;
            if (q.includeCount) {
                StoredMo count = StoredMo.of("moCount", "", "count", Integer.toString(total));
                return new QueryResult(1, List.of(new QueryResult.Item(count, null)));
            }
            if (q.pageSize == null && total > tooBigThreshold)
                throw new ApiException(400, "Unable to process the query, result dataset is too big");
            int from = 0, to = total;
            if (q.pageSize != null) {
                int size = Math.max(q.pageSize, 1);
                long start = (long) (q.page == null ? 0 : q.page) * size;
                from = (int) Math.min(start, total);
                to = (int) Math.min(start + size, total);
            }
            List<QueryResult.Item> items = new ArrayList<>(to - from);
            boolean nest = "children".equals(q.rspSubtree) || "full".equals(q.rspSubtree);
            for (int i = from; i < to; i++) {
                MoView mo = all[i];
                items.add(new QueryResult.Item(mo, nest ? nested(f, mo.dn(), q.rspSubtreeClasses, "full".equals(q.rspSubtree)) : null));
            }
            return new QueryResult(total, items);
        } finally {
            f.lock.readLock().unlock();
        }
    }

    private static void sort(MoView[] arr, String prop, boolean desc) {
        // compute each key once: dns of epm entries are built on demand and would be rebuilt per comparison
        Object[][] keyed = new Object[arr.length][];
        for (int i = 0; i < arr.length; i++) {
            String k = arr[i].attr(prop);
            keyed[i] = new Object[]{k == null ? "" : k, arr[i]};
        }
        Comparator<Object[]> cmp = Comparator.comparing(o -> (String) o[0]);
        Arrays.parallelSort(keyed, desc ? cmp.reversed() : cmp);
        for (int i = 0; i < arr.length; i++) arr[i] = (MoView) keyed[i][1];
    }

    private List<QueryResult.Item> nested(FabricState f, String dn, Set<String> classes, boolean full) {
        List<QueryResult.Item> out = new ArrayList<>();
        if (classes != null && full) {
            for (MoView c : descendants(f, dn, classes, false)) out.add(new QueryResult.Item(c, null));
            return out;
        }
        for (MoView c : descendants(f, dn, classes, true))
            out.add(new QueryResult.Item(c, full ? nested(f, c.dn(), null, true) : null));
        return out;
    }

    /** Everything the query addresses before filtering, in a stable order. */
    List<MoView> candidates(FabricState f, QueryRequest q) {
        List<MoView> out = new ArrayList<>();
        boolean self = "self".equals(q.target);
        boolean direct = "children".equals(q.target);
        if (q.classQuery) {
            String cls = q.className;
            if (self) {
                instances(f, cls, q.dn, out);
                return out;
            }
            if (Schemas.EPM_DB.equals(cls)) {
                // every epm entry lives under an epmDb (db-ep); the rs is a grandchild
                Set<String> want = q.subtreeClasses;
                for (Host h : f.hosts) for (EpmRecord r : h.records) {
                    if (want != null && !want.contains(r.className())) continue;
                    if (direct && r.kind == EpmRecord.RS) continue;
                    out.add(r);
                }
                return out;
            }
            List<MoView> parents = new ArrayList<>();
            instances(f, cls, q.dn, parents);
            if ("subtree".equals(q.target) && (q.subtreeClasses == null || q.subtreeClasses.contains(cls))) out.addAll(parents);
            for (MoView p : parents) out.addAll(descendants(f, p.dn(), q.subtreeClasses, direct));
            return out;
        }
        MoView target = lookup(f, q.dn);
        if (self) {
            if (target != null) out.add(target);
            return out;
        }
        if (target != null && "subtree".equals(q.target) && (q.subtreeClasses == null || q.subtreeClasses.contains(target.className())))
            out.add(target);
        out.addAll(descendants(f, q.dn, q.subtreeClasses, direct));
        return out;
    }

    private static void instances(FabricState f, String cls, String scopeDn, List<MoView> out) {
        String prefix = scopeDn == null ? null : scopeDn + "/";
        if (Schemas.isEpm(cls)) {
            byte kind = kindOf(cls);
            Integer node = scopeDn == null ? null : nodeOf(scopeDn);
            for (Host h : f.hosts) for (EpmRecord r : h.records) {
                if (r.kind != kind || (node != null && r.node != node)) continue;
                if (prefix != null && !r.dn().startsWith(prefix)) continue;
                out.add(r);
            }
            return;
        }
        if (Schemas.EPM_DB.equals(cls)) {
            Set<String> dbs = new LinkedHashSet<>();
            for (Host h : f.hosts) for (EpmRecord r : h.records) if (r.kind != EpmRecord.RS) dbs.add(r.dbDn());
            for (String dn : dbs) if (prefix == null || dn.startsWith(prefix)) out.add(StoredMo.of(Schemas.EPM_DB, dn, "name", ""));
            return;
        }
        for (StoredMo mo : f.mos.ofClass(cls)) if (prefix == null || mo.dn().startsWith(prefix)) out.add(mo);
    }

    private static byte kindOf(String cls) {
        return Schemas.EPM_MAC.equals(cls) ? EpmRecord.MAC : Schemas.EPM_IP.equals(cls) ? EpmRecord.IP : EpmRecord.RS;
    }

    private static Integer nodeOf(String dn) {
        Matcher m = NODE_PREFIX.matcher(dn);
        return m.matches() ? Integer.parseInt(m.group(2)) : null;
    }

    /** Object at a dn: stored MO or an epm entry. */
    public static MoView lookup(FabricState f, String dn) {
        StoredMo mo = f.mos.get(dn);
        if (mo != null) return mo;
        EpmDn p = EpmDn.parse(dn);
        if (p == null) return null;
        EpmRecord probe = p.toRecord("", "", "", "");
        String key = p.kind == EpmRecord.IP ? p.addr : p.addr.toUpperCase();
        for (Host h : f.hostsByAddr(key)) for (EpmRecord r : h.records) if (r.sameIdentity(probe)) return r;
        return null;
    }

    /** Objects below a dn (only direct children when {@code direct}), of the given classes (null = any). */
    static List<MoView> descendants(FabricState f, String dn, Collection<String> classes, boolean direct) {
        List<MoView> out = new ArrayList<>(f.mos.descendants(dn, classes, direct));
        boolean wantEpm = classes == null || classes.stream().anyMatch(Schemas::isEpm);
        Integer node = nodeOf(dn);
        if (wantEpm && node != null) {
            String prefix = dn + "/";
            for (Host h : f.hosts) for (EpmRecord r : h.records) {
                if (r.node != node || (classes != null && !classes.contains(r.className()))) continue;
                String rdn = r.dn();
                if (!rdn.startsWith(prefix)) continue;
                if (direct && !Dns.parentOf(rdn).equals(dn)) continue;
                out.add(r);
            }
        }
        return out;
    }

    /** Whether a pushed change falls under a subscribed query. */
    public static boolean matches(QueryRequest q, MoEvent e) {
        if (q.classQuery) {
            if ("self".equals(q.target)) {
                if (!e.className.equals(q.className)) return false;
                if (q.dn != null && !e.dn.startsWith(q.dn + "/")) return false;
            } else if (q.subtreeClasses != null && !q.subtreeClasses.contains(e.className)) {
                return false;
            } else if (q.subtreeClasses == null && !e.className.equals(q.className) && !Schemas.EPM_DB.equals(q.className)) {
                return false;
            }
        } else {
            boolean under;
            switch (q.target) {
                case "children": under = Dns.parentOf(e.dn).equals(q.dn); break;
                case "subtree": under = e.dn.equals(q.dn) || e.dn.startsWith(q.dn + "/"); break;
                default: under = e.dn.equals(q.dn);
            }
            if (!under) return false;
            if (!"self".equals(q.target) && q.subtreeClasses != null && !q.subtreeClasses.contains(e.className)) return false;
        }
        return q.filter == null || q.filter.test(e.view);
    }
}
