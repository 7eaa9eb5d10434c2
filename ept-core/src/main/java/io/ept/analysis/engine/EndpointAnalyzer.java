package io.ept.analysis.engine;

import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.VpcNodeIds;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointEvent;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmFlags;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.MoveEvent;
import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RapidEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.watch.WatchJob;
import io.ept.analysis.watch.WatchMove;
import io.ept.analysis.watch.WatchOffsubnet;
import io.ept.analysis.watch.WatchRapid;
import io.ept.analysis.watch.WatchStale;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Analyses one epm event against the persisted state of its endpoint key (ept-reference 3.3 to 3.8): history,
 * fabric-wide local state, move, offsubnet, stale and rapid. No I/O; the caller persists the result. One
 * instance may serve many keys; calls for the same key must be serialised.
 */
public final class EndpointAnalyzer {
    private static final List<String> OFFSUBNET_SKIP_FLAGS = List.of(EpmFlags.LOOPBACK, EpmFlags.VTEP,
            EpmFlags.SVI, EpmFlags.PSVI, EpmFlags.CACHED, EpmFlags.STATIC);
    private static final List<String> STALE_SKIP_FLAGS = List.of(EpmFlags.BOUNCE_TO_PROXY, EpmFlags.LOOPBACK,
            EpmFlags.VTEP, EpmFlags.SVI, EpmFlags.PSVI, EpmFlags.CACHED, EpmFlags.STATIC);

    private final Settings settings;
    private final FabricLookups lookups;
    private final RapidTracker rapidTracker;
    private final Clock clock;
    private final EventResolver resolver;
    private final HistoryUpdater historyUpdater;
    private final LocalStateUpdater localUpdater;
    private final OffsubnetChecker offsubnetChecker;

    public EndpointAnalyzer(Settings settings, FabricLookups lookups, RapidTracker rapidTracker, Clock clock) {
        this.settings = settings;
        this.lookups = lookups;
        this.rapidTracker = rapidTracker;
        this.clock = clock;
        this.resolver = new EventResolver(lookups);
        this.historyUpdater = new HistoryUpdater(settings.perNodeCap());
        this.localUpdater = new LocalStateUpdater(lookups, settings);
        this.offsubnetChecker = new OffsubnetChecker(lookups);
    }

    public Settings settings() {
        return settings;
    }

    /** Mutable working set of one analysis. */
    private final class Work {
        final EndpointKey key;
        final EpmEvent ev;
        final Map<Integer, NodeHistory> rows;
        final Map<Integer, NodeHistory> changedRows = new LinkedHashMap<>();
        final EnumSet<EndpointField> endpointChanges = EnumSet.noneOf(EndpointField.class);
        final List<WatchJob> jobs = new ArrayList<>();
        Endpoint endpoint;
        HistoryEvent pushedHistory;
        AnalysisResult.EndpointEventWrite endpointWrite;
        MoveRecord newMove;
        RapidEvent newRapid;
        RapidTracker.Entry rapid;
        boolean rapidChanged;

        Work(EndpointState state, EpmEvent ev) {
            this.key = state.key();
            this.ev = ev;
            this.rows = new TreeMap<>(state.history());
            this.endpoint = state.endpoint();
        }

        void putRow(NodeHistory row) {
            rows.put(row.node(), row);
            changedRows.put(row.node(), row);
        }

        AnalysisResult result(AnalysisResult.Outcome outcome) {
            if (rapidChanged && endpoint != null) {
                endpoint = endpoint.withRapid(rapid.snapshot());
                endpointChanges.add(EndpointField.RAPID);
            }
            return new AnalysisResult(outcome, List.copyOf(changedRows.values()), pushedHistory, endpoint,
                    endpointChanges, endpointWrite, newMove, newRapid, jobs);
        }
    }

    public AnalysisResult analyze(EndpointState state, EpmEvent ev) {
        EndpointKey key = state.key();
        if (key.vnid() != ev.vnid() || !key.addr().equals(ev.keyAddr())) {
            throw new IllegalArgumentException("event " + ev.key(key.fabric()) + " does not belong to " + key);
        }
        Work w = new Work(state, ev);
        double now = clock.millis() / 1000.0;

        if (settings.analyzeRapid() && !ev.force()) {
            w.rapid = rapidTracker.entry(key);
            if (rapidCheck(w, now, true)) {
                return w.result(AnalysisResult.Outcome.DROPPED_RAPID);
            }
        }

        HistoryEvent candidate = resolver.resolve(ev);
        HistoryUpdater.Step history = historyUpdater.apply(key, w.rows.get(ev.node()), ev, candidate);
        if (history.changed()) {
            w.putRow(history.row());
            w.pushedHistory = history.pushed();
        }

        // rapid counting happens once the endpoint row is known; a brand-new endpoint's first event is not counted
        if (w.rapid != null && w.endpoint != null) {
            if (!w.rapid.initialized()) {
                w.rapid.initFrom(w.endpoint.rapid());
                if (rapidCheck(w, now, false)) {
                    return w.result(AnalysisResult.Outcome.DROPPED_RAPID);
                }
            } else {
                w.rapid.rapidCount++;
            }
        }

        LocalStateUpdater.Step local = localUpdater.apply(key, w.endpoint, w.rows, ev, candidate.vnidName());
        if (local == null) {
            return w.result(w.changedRows.isEmpty() ? AnalysisResult.Outcome.IGNORED
                    : AnalysisResult.Outcome.PROCESSED);
        }
        w.endpoint = local.endpoint();
        w.endpointChanges.addAll(local.changes());
        w.endpointWrite = local.eventWrite();

        if (history.analysisRequired() || ev.force()) {
            if (settings.analyzeMove() && local.analyzeMove()) {
                analyzeMove(w, state.lastMove());
            }
            if (settings.analyzeOffsubnet()) {
                analyzeOffsubnet(w);
            }
            if (settings.analyzeStale()) {
                analyzeStale(w);
            }
        }
        return w.result(AnalysisResult.Outcome.PROCESSED);
    }

    /** Returns true when the event must be dropped because the endpoint is rapid. */
    private boolean rapidCheck(Work w, double now, boolean increment) {
        RapidTracker.Check check = RapidTracker.evaluate(w.rapid, now, increment, settings);
        if (check.recalculated()) {
            w.rapidChanged = true;
        }
        if (check.becameRapid()) {
            String vnidName = lookups.vnid(w.key.vnid()).map(v -> v.name()).orElse("");
            w.newRapid = new RapidEvent(w.rapid.rapidLts, w.rapid.rapidCount, check.rate(), vnidName);
            w.jobs.add(new WatchRapid(w.key.fabric(), w.key.vnid(), w.key.addr(), endpointType(w),
                    w.rapid.rapidLts, w.rapid.rapidCount, check.rate(), vnidName));
        }
        return check.rapid();
    }

    private static EndpointType endpointType(Work w) {
        return EndpointType.of(w.key.addr(), w.ev.type());
    }

    /** Move (3.5): the two newest endpoint events are both live and differ in location. */
    private void analyzeMove(Work w, MoveRecord lastMove) {
        List<EndpointEvent> events = w.endpoint.events();
        if (events.size() < 2 || events.get(0).isDeleted() || events.get(1).isDeleted()) {
            return;
        }
        MoveRecord move = new MoveRecord(MoveEvent.of(events.get(1)), MoveEvent.of(events.get(0)));
        if (move.src().sameLocation(move.dst()) || move.isDuplicateOf(lastMove)) {
            return;
        }
        w.newMove = move;
        // always: the watcher logs and publishes every move, and notifies when the settings ask for it
        w.jobs.add(new WatchMove(w.key.fabric(), w.key.vnid(), w.key.addr(), endpointType(w), move.src(), move.dst()));
    }

    /** Offsubnet (3.6), IP only. */
    private void analyzeOffsubnet(Work w) {
        if (w.ev.type() == EpmType.MAC) {
            return;
        }
        Map<Integer, OffsubnetEvent> offsubnet = new TreeMap<>();
        for (NodeHistory row : w.rows.values()) {
            HistoryEvent h = row.latest();
            if (h == null || h.pctag() <= 1 || h.isDeleted() || h.hasAnyFlag(OFFSUBNET_SKIP_FLAGS)) {
                continue;
            }
            if (offsubnetChecker.isOffsubnet(w.key.vnid(), h.pctag(), w.key.addr())) {
                offsubnet.put(row.node(), OffsubnetEvent.of(w.ev.ts(), h));
            }
        }
        for (NodeHistory row : List.copyOf(w.rows.values())) {
            boolean flag = offsubnet.containsKey(row.node());
            if (row.isOffsubnet() != flag) {
                w.putRow(row.withOffsubnet(flag));
            }
        }
        if (offsubnet.isEmpty() && w.endpoint.isOffsubnet()) {
            w.endpoint = w.endpoint.withOffsubnet(false);
            w.endpointChanges.add(EndpointField.IS_OFFSUBNET);
        }
        for (Map.Entry<Integer, OffsubnetEvent> e : offsubnet.entrySet()) {
            NodeHistory row = w.rows.get(e.getKey());
            if (recentlyWatched(row.watchOffsubnetTs(), w.ev.ts(), settings.suppressWatchOffsubnet())) {
                continue;
            }
            w.jobs.add(new WatchOffsubnet(w.key.fabric(), row.node(), w.key.vnid(), w.key.addr(), endpointType(w),
                    w.ev.ts(), e.getValue()));
            w.putRow(row.withOffsubnetWatch(w.ev.ts()));
        }
    }

    /** Stale (3.7), IP only. */
    private void analyzeStale(Work w) {
        if (w.ev.type() == EpmType.MAC) {
            return;
        }
        EndpointEvent latest = w.endpoint.latest();
        int localNode = latest == null ? 0 : latest.node();
        Map<Integer, StaleEvent> stale = new TreeMap<>();
        for (NodeHistory row : w.rows.values()) {
            HistoryEvent h = row.latest();
            if (h == null || h.isDeleted() || h.hasAnyFlag(STALE_SKIP_FLAGS)) {
                continue;
            }
            if (h.tunnelFlags().contains(EpmFlags.TUNNEL_PROXY) || h.tunnelFlags().contains(EpmFlags.TUNNEL_DCI)) {
                continue;
            }
            if (isStale(w, row.node(), h, localNode)) {
                stale.put(row.node(), StaleEvent.of(localNode, w.ev.ts(), h));
            }
        }
        for (NodeHistory row : List.copyOf(w.rows.values())) {
            boolean flag = stale.containsKey(row.node());
            if (row.isStale() != flag) {
                w.putRow(row.withStale(flag));
            }
        }
        if (stale.isEmpty() && w.endpoint.isStale()) {
            w.endpoint = w.endpoint.withStale(false);
            w.endpointChanges.add(EndpointField.IS_STALE);
        }
        for (Map.Entry<Integer, StaleEvent> e : stale.entrySet()) {
            NodeHistory row = w.rows.get(e.getKey());
            StaleEvent event = e.getValue();
            // a changed stale state (other remote/expected) is sent even within the suppression window
            if (recentlyWatched(row.watchStaleTs(), w.ev.ts(), settings.suppressWatchStale())
                    && event.isDuplicateOf(row.watchStaleEvent())) {
                continue;
            }
            w.jobs.add(new WatchStale(w.key.fabric(), row.node(), w.key.vnid(), w.key.addr(), endpointType(w),
                    w.ev.ts(), event));
            w.putRow(row.withStaleWatch(w.ev.ts(), event));
        }
    }

    private boolean isStale(Work w, int node, HistoryEvent h, int localNode) {
        if (localNode == 0) {
            if (!settings.staleNoLocal()) {
                return false;
            }
            return !h.isLocal() || settings.staleMultipleLocal();
        }
        if (h.isLocal()) {
            return !VpcNodeIds.isMemberOrSelf(node, localNode) && settings.staleMultipleLocal();
        }
        if (VpcNodeIds.isMemberOrSelf(h.remote(), localNode)) {
            return false;
        }
        NodeHistory remoteRow = w.rows.get(h.remote());
        if (remoteRow != null && remoteRow.latest() != null) {
            // one hop of bounce is tolerated: the node we point at bounces to the right place
            HistoryEvent r = remoteRow.latest();
            boolean bounces = r.hasFlag(EpmFlags.BOUNCE) || r.hasFlag(EpmFlags.BOUNCE_TO_PROXY);
            return !(r.remote() == localNode && bounces);
        }
        // remote 0 = unresolved tunnel: more likely out of sync than stale
        return h.remote() != 0;
    }

    /**
     * Watch suppression window. "Never watched" is explicit (null) instead of the original's delta != 0 test
     * (Q4), so suppression works for any timestamps.
     */
    private static boolean recentlyWatched(Double watchTs, double ts, double window) {
        return watchTs != null && ts - watchTs < window;
    }
}
