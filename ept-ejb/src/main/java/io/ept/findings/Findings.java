package io.ept.findings;

import io.ept.analysis.lookup.Epg;
import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.Vnid;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.MoveEvent;
import io.ept.analysis.watch.ClearRequest;
import io.ept.analysis.watch.WatchMove;
import io.ept.analysis.watch.WatchOffsubnet;
import io.ept.analysis.watch.WatchRapid;
import io.ept.analysis.watch.WatchStale;

/**
 * Builds {@link Finding}s from the watcher's jobs, naming the EPG and the BD so snoozes of either match: a MAC's
 * vnid is its BD; an IP's BD comes from its rewrite BD or from the EPG owning its pctag.
 */
public final class Findings {

    private final FabricLookups lookups;

    public Findings(FabricLookups lookups) {
        this.lookups = lookups;
    }

    public Finding move(WatchMove m, String summary) {
        MoveEvent dst = m.dst();
        return new Finding(m.fabric(), FindingKind.MOVE, dst.ts(), m.vnid(), m.addr(), m.type().wireName(), 0,
                dst.epgName(), bd(m.type(), m.vnid(), dst.rwBd(), dst.pctag()), dst.vnidName(), summary);
    }

    public Finding stale(WatchStale s, String summary) {
        var e = s.event();
        return new Finding(s.fabric(), FindingKind.STALE, e.ts(), s.vnid(), s.addr(), s.type().wireName(), s.node(),
                e.epgName(), bd(s.type(), s.vnid(), 0, e.pctag()), e.vnidName(), summary);
    }

    public Finding offsubnet(WatchOffsubnet o, String summary) {
        var e = o.event();
        return new Finding(o.fabric(), FindingKind.OFFSUBNET, e.ts(), o.vnid(), o.addr(), o.type().wireName(),
                o.node(), e.epgName(), bd(o.type(), o.vnid(), e.rwBd(), e.pctag()), e.vnidName(), summary);
    }

    public Finding rapid(WatchRapid r, String summary) {
        return new Finding(r.fabric(), FindingKind.RAPID, r.ts(), r.vnid(), r.addr(), r.type().wireName(), 0, "",
                bd(r.type(), r.vnid(), 0, 0), r.vnidName(), summary);
    }

    /** The clear that follows a stale or offsubnet finding; it keeps that finding's EPG and BD. */
    public static Finding clear(ClearRequest c, Finding cause, String summary) {
        return new Finding(c.fabric(), FindingKind.CLEAR, c.remediate().ts(), c.vnid(), c.addr(), c.type().wireName(),
                c.node(), cause.epg(), cause.bd(), cause.vnidName(), summary);
    }

    private String bd(EndpointType type, int vnid, int rwBd, int pctag) {
        int bd;
        if (type == EndpointType.MAC) {
            bd = vnid;
        } else if (rwBd > 0) {
            bd = rwBd;
        } else {
            bd = pctag > 1 ? lookups.epg(vnid, pctag).map(Epg::bd).orElse(0) : 0;
        }
        return bd == 0 ? "" : lookups.vnid(bd).map(Vnid::name).orElse("");
    }
}
