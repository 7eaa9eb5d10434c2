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
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.LearnType;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.RapidCounters;
import io.ept.analysis.model.Settings;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fabric-wide local state, "update_local" (ept-reference 3.4). */
final class LocalStateUpdater {

    /**
     * @param endpoint     row after the update
     * @param eventWrite   the endpoint event written by this step, or null
     * @param analyzeMove  a new local event was pushed or overwritten
     */
    record Step(Endpoint endpoint, Set<EndpointField> changes, AnalysisResult.EndpointEventWrite eventWrite,
                boolean analyzeMove) {
    }

    private final FabricLookups lookups;
    private final Settings settings;

    LocalStateUpdater(FabricLookups lookups, Settings settings) {
        this.lookups = lookups;
        this.settings = settings;
    }

    /** Returns null when the event concerns an unknown endpoint and is not a create. */
    Step apply(EndpointKey key, Endpoint existing, Map<Integer, NodeHistory> rows, EpmEvent ev, String vnidName) {
        EnumSet<EndpointField> changes = EnumSet.noneOf(EndpointField.class);
        NodeHistory eventRow = rows.get(ev.node());
        LearnType learnType = learnType(key.vnid(), eventRow == null ? null : eventRow.latest());
        Endpoint ep = existing;
        if (ep == null) {
            if (ev.status() != EventStatus.CREATED) {
                return null;
            }
            // every endpoint gets a row, even never-local ones (VIP, cached, psvi...), so counts and search work
            ep = new Endpoint(key.fabric(), key.vnid(), key.addr(), EndpointType.of(key.addr(), ev.type()),
                    learnType, false, false, RapidCounters.ZERO, EndpointEvent.placeholder(vnidName), 0, List.of());
            changes.add(EndpointField.CREATED);
        }
        LearnType lastLearnType = existing == null ? null : existing.learnType();
        EndpointEvent lastEvent = ep.latest();

        NodeHistory localRow = completeLocal(rows, ev.type());
        if (localRow == null) {
            // only an epg to non-epg change may update learn_type without a local
            if (lastLearnType == LearnType.EPG && learnType != LearnType.EPG) {
                ep = ep.withLearnType(learnType);
                changes.add(EndpointField.LEARN_TYPE);
            }
            if (lastEvent != null && lastEvent.node() > 0) {
                EndpointEvent delete = EndpointEvent.deleted(ev.ts(), lastEvent.vnidName(), lastEvent.epgName());
                ep = ep.push(delete, settings.endpointCap());
                changes.add(EndpointField.EVENTS);
                return new Step(ep, changes, push(delete), false);
            }
            return new Step(ep, changes, null, false);
        }
        HistoryEvent h = localRow.latest();
        learnType = learnType(key.vnid(), h);
        EndpointEvent local = EndpointEvent.fromHistory(localRow.node(), lookups.podId(localRow.node()), h);
        if (h.hasFlag(EpmFlags.VPC_ATTACHED)) {
            int peer = lookups.peerNode(localRow.node());
            if (peer == 0) {
                return new Step(ep, changes, null, false);
            }
            local = local.withNode(VpcNodeIds.pseudoNodeId(localRow.node(), peer));
        }
        if (lastEvent == null) {
            ep = ep.withFirstLocal(local);
            changes.add(EndpointField.EVENTS);
            return new Step(ep, changes, push(local), true);
        }
        double delta = local.ts() - lastEvent.ts();
        if (delta < 0) {
            // the previous local must be gone, else it would have won: record a delete, never fall back
            EndpointEvent delete = EndpointEvent.deleted(ev.ts(), lastEvent.vnidName(), lastEvent.epgName());
            ep = ep.push(delete, settings.endpointCap());
            changes.add(EndpointField.EVENTS);
            return new Step(ep, changes, push(delete), false);
        }
        if (lastLearnType != null && lastLearnType != learnType) {
            ep = ep.withLearnType(learnType);
            changes.add(EndpointField.LEARN_TYPE);
        }
        if (!lastEvent.differsInLocation(local)) {
            return new Step(ep, changes, null, false);
        }
        changes.add(EndpointField.EVENTS);
        if (lastEvent.node() == 0 && local.node() > 0 && delta <= settings.transitoryDelete()) {
            ep = ep.overwriteLatest(local);
            return new Step(ep, changes, new AnalysisResult.EndpointEventWrite(local, true), true);
        }
        ep = ep.push(local, settings.endpointCap());
        return new Step(ep, changes, push(local), true);
    }

    private static AnalysisResult.EndpointEventWrite push(EndpointEvent e) {
        return new AnalysisResult.EndpointEventWrite(e, false);
    }

    /**
     * The most recent latest-event with the local flag that is complete (IPs need rw_mac and rw_bd). A delete is
     * never local, even one stored with its flags by an earlier version.
     */
    private static NodeHistory completeLocal(Map<Integer, NodeHistory> rows, EpmType type) {
        NodeHistory best = null;
        for (NodeHistory row : rows.values()) {
            HistoryEvent e = row.latest();
            if (e == null || e.isDeleted() || !e.isLocal()) {
                continue;
            }
            if (type != EpmType.MAC && (e.rwBd() <= 0 || e.rwMac().isEmpty())) {
                continue;
            }
            HistoryEvent b = best == null ? null : best.latest();
            // Two locals with the same timestamp: the lowest node id wins, deliberately, so the choice does not
            // depend on the order rows are stored or loaded in (the original kept whichever its loop met first).
            if (b == null || b.ts() < e.ts() || (b.ts() == e.ts() && row.node() < best.node())) {
                best = row;
            }
        }
        return best;
    }

    LearnType learnType(int vnid, HistoryEvent latest) {
        List<String> flags = latest == null ? List.of() : latest.flags();
        if (flags.contains(EpmFlags.LOOPBACK)) {
            return LearnType.LOOPBACK;
        }
        if (flags.contains(EpmFlags.PSVI)) {
            return LearnType.PSVI;
        }
        if (flags.contains(EpmFlags.SVI)) {
            return LearnType.EXTERNAL;
        }
        if (vnid == lookups.overlayVnid()) {
            return LearnType.OVERLAY;
        }
        if (lookups.isExternalBd(vnid)) {
            return LearnType.EXTERNAL;
        }
        return LearnType.EPG;
    }
}
