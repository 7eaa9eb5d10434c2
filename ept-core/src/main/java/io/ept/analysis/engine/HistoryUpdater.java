package io.ept.analysis.engine;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmClass;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EventStatus;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.NodeHistory;

/** Per-node history rules (ept-reference 3.3). */
final class HistoryUpdater {

    /** @param row the row after the event (null if there is none), changed if the event was stored */
    record Step(NodeHistory row, boolean changed, boolean analysisRequired) {
        /** The event stored by this step, or null. */
        HistoryEvent pushed() {
            return changed ? row.latest() : null;
        }
    }

    private final int perNodeCap;

    HistoryUpdater(int perNodeCap) {
        this.perNodeCap = perNodeCap;
    }

    Step apply(EndpointKey key, NodeHistory row, EpmEvent ev, HistoryEvent candidate) {
        boolean rewrite = ev.isRewrite();
        boolean ipEvent = ev.epmClass() == EpmClass.IP_EP;
        EventStatus status = ev.status();
        if (row == null || row.latest() == null) {
            if (status != EventStatus.CREATED) {
                return new Step(row, false, false);
            }
            HistoryEvent first = rewrite ? candidate.withRewrite(ev.addr(), ev.bd()) : candidate;
            NodeHistory created = NodeHistory.first(key.fabric(), ev.node(), key.vnid(), key.addr(), ev.type(), first);
            // an rs without its ip, or a local ip without its rewrite, cannot be analysed yet
            boolean analysis = !rewrite && !(ipEvent && candidate.isLocal());
            return new Step(created, true, analysis);
        }
        HistoryEvent last = row.latest();
        if (last.classname().equals(candidate.classname())) {
            if (last.ts() > candidate.ts()) {
                return new Step(row, false, false);
            }
            if (last.isDeleted() && status != EventStatus.CREATED) {
                return new Step(row, false, false);
            }
        }
        if (rewrite) {
            boolean deleted = status == EventStatus.DELETED;
            String rwMac = deleted ? "" : ev.addr();
            int rwBd = deleted ? 0 : ev.bd();
            // rewrite events only change rw_mac/rw_bd; status and everything else come from the last event
            HistoryEvent merged = candidate.withRewrite(rwMac, rwBd).withAttributesOf(last);
            if (last.rwMac().equals(rwMac) && last.rwBd() == rwBd) {
                return new Step(row, false, false);
            }
            return new Step(row.push(merged, perNodeCap), true, !deleted && merged.isLocal());
        }
        HistoryEvent event = ipEvent ? candidate.withRewrite(last.rwMac(), last.rwBd()) : candidate;
        boolean update;
        switch (status) {
            case CREATED -> update = event.differsFrom(last);
            case DELETED -> {
                event = event.withVnidName(last.vnidName());
                update = true;
            }
            default -> {
                // modified events only carry changed attributes
                event = event.mergedOnto(last);
                update = event.differsFrom(last);
            }
        }
        if (!update) {
            return new Step(row, false, false);
        }
        boolean analysis = !(ipEvent && event.isLocal() && event.rwBd() == 0);
        return new Step(row.push(event, perNodeCap), true, analysis);
    }
}
