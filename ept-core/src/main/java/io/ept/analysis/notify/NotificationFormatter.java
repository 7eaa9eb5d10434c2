package io.ept.analysis.notify;

import io.ept.analysis.lookup.VpcNodeIds;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.MoveEvent;
import io.ept.analysis.model.OffsubnetEvent;
import io.ept.analysis.model.StaleEvent;

import java.util.Locale;

/**
 * Subject and body texts of the original notifications (ept-reference 3.9). Node 0 renders as "-", vPC pseudo
 * nodes as "(n1,n2)"; an empty vnid_name renders as "vnid:N".
 */
public final class NotificationFormatter {

    /** Subject and body of one message. */
    public record Text(String subject, String body) {
    }

    private NotificationFormatter() {
    }

    public static Text move(String fabric, int vnid, String addr, EndpointType type, MoveEvent src, MoveEvent dst) {
        boolean withMac = type != EndpointType.MAC;
        return new Text("move detected for " + addr,
                "move detected [fabric: " + fabric + ", " + vnidLabel(src.vnidName(), vnid) + ", addr: " + addr
                        + "] from " + location(src, withMac) + " to " + location(dst, withMac));
    }

    public static Text stale(String fabric, int vnid, String addr, StaleEvent e) {
        return new Text("stale event for " + addr,
                "stale event [fabric: " + fabric + ", " + vnidLabel(e.vnidName(), vnid) + ", addr: " + addr + "] "
                        + "[interface:" + e.intfName() + ", encap:" + e.encap() + ", pctag:" + e.pctag() + ", epg:"
                        + e.epgName() + ", remote:" + node(e.remote()) + ", expected:" + node(e.expectedRemote())
                        + "]");
    }

    public static Text offsubnet(String fabric, int vnid, String addr, OffsubnetEvent e) {
        return new Text("offsubnet event for " + addr,
                "offsubnet event [fabric: " + fabric + ", " + vnidLabel(e.vnidName(), vnid) + ", addr: " + addr
                        + "] [interface:" + e.intfName() + ", encap:" + e.encap() + ", pctag:" + e.pctag()
                        + ", epg:" + e.epgName() + ", mac:" + (e.rwMac().isEmpty() ? "-" : e.rwMac()) + ", remote:"
                        + node(e.remote()) + "]");
    }

    /** Names the VRF/BD (the original always printed vnid:N because watch_rapid lacked vnid_name, Q5). */
    public static Text rapid(String fabric, int vnid, String vnidName, String addr, double rate) {
        return new Text("rapid endpoint " + addr,
                "rapid endpoint detected [fabric: " + fabric + ", " + vnidLabel(vnidName, vnid) + ", addr: " + addr
                        + "] rate " + String.format(Locale.ROOT, "%.3f", rate));
    }

    /** @param reason "stale" or "offsubnet" */
    public static Text autoClear(String reason, String fabric, int vnid, String vnidName, String addr) {
        return new Text("auto-clear " + reason + " endpoint",
                "auto-clear " + reason + " endpoint [fabric: " + fabric + ", " + vnidLabel(vnidName, vnid)
                        + ", addr: " + addr + "]");
    }

    public static Text apiClear(String fabric, int vnid, String vnidName, String addr) {
        return new Text("api clear endpoint",
                "api clear endpoint [fabric: " + fabric + ", " + vnidLabel(vnidName, vnid) + ", addr: " + addr + "]");
    }

    public static Text testEmail(String fabric) {
        String subject = fabric + " test email";
        return new Text(subject, subject);
    }

    public static Text testSyslog(String fabric) {
        String subject = fabric + " test syslog";
        return new Text(subject, subject);
    }

    /** Syslog message text as sent by the original. */
    public static String syslogLine(String body) {
        return "%LOG_LOCAL7-6-EPT: " + body;
    }

    /** "-" for 0, "(n1,n2)" for a vPC pseudo node, the id otherwise. */
    public static String node(int node) {
        return node == 0 ? "-" : VpcNodeIds.render(node);
    }

    static String vnidLabel(String vnidName, int vnid) {
        return vnidName == null || vnidName.isEmpty() ? "vnid:" + vnid : vnidName;
    }

    private static String location(MoveEvent e, boolean withMac) {
        return "[node:" + node(e.node()) + ", interface:" + e.intfName() + ", encap:" + e.encap() + ", pctag:"
                + e.pctag() + ", epg:" + e.epgName() + (withMac ? ", mac:" + e.rwMac() : "") + "]";
    }
}
