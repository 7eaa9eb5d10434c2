package io.ept.analysis.watch;

import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.model.StaleEvent;
import io.ept.analysis.notify.Notification;
import io.ept.analysis.notify.NotificationFormatter;
import io.ept.analysis.notify.NotifyType;

import java.util.List;
import java.util.function.Supplier;

/**
 * Pure decisions of the watcher (ept-reference 3.9): the adapter keeps the pending jobs keyed by
 * {@link DelayedWatchJob#watchKey()} (a newer job replaces the older one), runs them at
 * {@link DelayedWatchJob#executeAt}, reads the rows named below and applies the decision.
 */
public final class WatcherLogic {
    /** How many of the node's newest history events are searched for a delete since the last record. */
    static final int DELETE_LOOKBACK = 4;

    private final Settings settings;
    private final FabricLookups lookups;

    public WatcherLogic(Settings settings, FabricLookups lookups) {
        this.settings = settings;
        this.lookups = lookups;
    }

    /** watch_move: notification only (null if disabled). */
    public Notification onMove(WatchMove job) {
        NotificationFormatter.Text t = NotificationFormatter.move(job.fabric(), job.vnid(), job.addr(), job.type(),
                job.src(), job.dst());
        return Notification.ifEnabled(NotifyType.MOVE, t.subject(), t.body(), settings);
    }

    /** watch_rapid received at {@code now}: notify, and schedule the refresh check if refresh_rapid. */
    public RapidWatchAccepted onRapid(WatchRapid job, double now) {
        NotificationFormatter.Text t = NotificationFormatter.rapid(job.fabric(), job.vnid(), job.vnidName(),
                job.addr(), job.rate());
        Notification n = Notification.ifEnabled(NotifyType.RAPID, t.subject(), t.body(), settings);
        return new RapidWatchAccepted(n, settings.refreshRapid() ? job.executeAt(now, settings) : null);
    }

    /**
     * Due rapid watch: if the endpoint is still flagged rapid, recompute the rate from its stored counters;
     * refresh once it is not rapid.
     */
    public RapidRecheck recheckRapid(WatchRapid job, Endpoint endpoint, double now) {
        if (endpoint == null) {
            return RapidRecheck.ENDPOINT_GONE;
        }
        boolean rapid = endpoint.rapid().isRapid();
        if (rapid) {
            double delta = now - endpoint.rapid().rapidLts();
            if (delta > 0) {
                double rate = 60.0 * (endpoint.rapid().rapidCount() - endpoint.rapid().rapidLcount()) / delta;
                rapid = rate > settings.rapidThreshold();
            }
        }
        return rapid ? RapidRecheck.STILL_RAPID : RapidRecheck.REFRESH;
    }

    /**
     * Due stale watch.
     *
     * @param row          current history row of (key, job.node()), or null
     * @param lastRecord   newest ept.stale event of that node, or null
     * @param rapidPending a rapid watch is pending for the endpoint key
     */
    public ConfirmDecision<StaleEvent> confirmStale(WatchStale job, NodeHistory row, StaleEvent lastRecord,
                                                    boolean rapidPending, double now) {
        StaleEvent e = job.event();
        Flagged target = new Flagged(job.fabric(), job.node(), job.vnid(), job.addr(), job.type(), e.vnidName());
        return confirm(target, e, row != null && row.isStale(), row,
                lastRecord != null && e.isDuplicateOf(lastRecord) ? lastRecord.ts() : null, rapidPending,
                () -> NotificationFormatter.stale(job.fabric(), job.vnid(), job.addr(), e), NotifyType.STALE,
                settings.autoClearStale(), "stale", now);
    }

    /** Due offsubnet watch; parameters as for {@link #confirmStale}. */
    public ConfirmDecision<OffsubnetEvent> confirmOffsubnet(WatchOffsubnet job, NodeHistory row,
                                                            OffsubnetEvent lastRecord, boolean rapidPending,
                                                            double now) {
        OffsubnetEvent e = job.event();
        Flagged target = new Flagged(job.fabric(), job.node(), job.vnid(), job.addr(), job.type(), e.vnidName());
        return confirm(target, e, row != null && row.isOffsubnet(), row,
                lastRecord != null && e.isDuplicateOf(lastRecord) ? lastRecord.ts() : null, rapidPending,
                () -> NotificationFormatter.offsubnet(job.fabric(), job.vnid(), job.addr(), e), NotifyType.OFFSUBNET,
                settings.autoClearOffsubnet(), "offsubnet", now);
    }

    /** The endpoint on the node a stale or offsubnet watch is about. */
    private record Flagged(String fabric, int node, int vnid, String addr, EndpointType type, String vnidName) {
    }

    /**
     * The confirmation shared by stale and offsubnet: dropped while a rapid watch is pending or once the node's row
     * no longer carries the flag; else confirmed, recorded and notified unless it repeats the stored record (a
     * delete since that record makes it new again), and cleared if the fabric auto-clears this kind.
     *
     * @param repeatedRecordTs ts of the stored record {@code event} repeats, or null when it is new
     */
    private <E> ConfirmDecision<E> confirm(Flagged target, E event, boolean stillFlagged, NodeHistory row,
                                           Double repeatedRecordTs, boolean rapidPending,
                                           Supplier<NotificationFormatter.Text> text, NotifyType notifyType,
                                           boolean autoClear, String reason, double now) {
        if (rapidPending) {
            return ConfirmDecision.dropped(ConfirmDecision.Verdict.DROPPED_RAPID_PENDING);
        }
        if (!stillFlagged) {
            return ConfirmDecision.dropped(ConfirmDecision.Verdict.DROPPED_NOT_FLAGGED);
        }
        boolean duplicate = repeatedRecordTs != null && !deletedSince(row, repeatedRecordTs);
        Notification n = null;
        if (!duplicate) {
            NotificationFormatter.Text t = text.get();
            n = Notification.ifEnabled(notifyType, t.subject(), t.body(), settings);
        }
        ClearRequest clear = autoClear
                ? clear(target.fabric(), target.node(), target.vnid(), target.addr(), target.type(), target.vnidName(),
                reason, now)
                : null;
        return new ConfirmDecision<>(ConfirmDecision.Verdict.CONFIRMED, duplicate ? null : event, n, clear);
    }

    /** A delete among the node's newest history events after the stored record makes a repeat a new event. */
    private static boolean deletedSince(NodeHistory row, double recordTs) {
        List<HistoryEvent> events = row.events();
        for (int i = 0; i < Math.min(DELETE_LOOKBACK, events.size()); i++) {
            HistoryEvent h = events.get(i);
            if (h.ts() > recordTs && h.isDeleted()) {
                return true;
            }
        }
        return false;
    }

    private ClearRequest clear(String fabric, int node, int vnid, String addr, EndpointType type, String vnidName,
                               String reason, double now) {
        NotificationFormatter.Text t = NotificationFormatter.autoClear(reason, fabric, vnid, vnidName, addr);
        return new ClearRequest(fabric, lookups.podId(node), node, vnid, addr, type,
                type == EndpointType.MAC ? "" : vrfName(vnidName), reason, RemediateEvent.clear(now, vnidName, reason),
                Notification.ifEnabled(NotifyType.CLEAR, t.subject(), t.body(), settings));
    }

    /** VRF dn "uni/tn-T/ctx-V" to "T:V" for the vsh clear command; the overlay VRF is "overlay-1". */
    public static String vrfName(String vrfDn) {
        if (vrfDn.contains("overlay-1")) {
            return "overlay-1";
        }
        int tn = vrfDn.indexOf("/tn-");
        int ctx = vrfDn.indexOf("/ctx-");
        if (tn < 0 || ctx < tn) {
            return vrfDn;
        }
        return vrfDn.substring(tn + 4, ctx) + ":" + vrfDn.substring(ctx + 5);
    }
}
