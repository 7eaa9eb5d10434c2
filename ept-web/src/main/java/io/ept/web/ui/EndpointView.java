package io.ept.web.ui;

import io.ept.application.EndpointQueries;
import io.ept.endpoint.EndpointActions;
import io.ept.endpoint.clear.ClearResult;
import io.ept.web.security.CurrentCaller;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;
import org.primefaces.model.timeline.TimelineEvent;
import org.primefaces.model.timeline.TimelineGroup;
import org.primefaces.model.timeline.TimelineModel;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One endpoint (ept-reference 6, "history/:vnid/:address"): where it is now, which nodes learn it remotely, which
 * nodes are stale or off-subnet, its counters, a timeline of its locations, the tabs History, Detailed, Moves,
 * OffSubnet, Stale, Rapid, Cleared, and the actions refresh, delete and clear. Every read is by full key: the
 * endpoint row names the nodes that hold history rows, so no collection is scanned.
 */
@Named
@ViewScoped
public class EndpointView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    UiServices services;

    @Inject
    CurrentCaller caller;

    private String fabric;
    private Integer vnid;
    private String addr;

    private Document endpoint;
    private List<Document> historyRows = List.of();
    private Document move;
    private Document rapid;
    private List<Document> staleRows = List.of();
    private List<Document> offsubnetRows = List.of();
    private List<Document> remediateRows = List.of();
    private List<io.ept.inventory.InventoryService.Change> configChanges = List.of();
    private TimelineModel<String, String> timeline;
    private LocalDateTime timelineStart;
    private LocalDateTime timelineEnd;
    private String detailFilter;
    private boolean loaded;

    private String clearNodes = "";
    private boolean clearActive;
    private boolean clearStale;
    private boolean clearOffsubnet;

    /** View action: reads everything about the endpoint once per view (again after each action). */
    public void load() {
        if (!loaded) {
            reload();
        }
    }

    void reload() {
        loaded = true;
        if (fabric == null || vnid == null || addr == null) {
            Messages.error("Endpoint", "The link needs fabric, vnid and addr.");
            return;
        }
        try {
            // typed values: vnid 0..2^24-1, the address re-rendered canonically (what the actions use too)
            io.ept.domain.FabricIds.vnid(vnid);
            addr = io.ept.domain.EndpointAddress.parse("addr", addr).text();
        } catch (io.ept.domain.InvalidValueException e) {
            Messages.error("Endpoint", e.getMessage());
            addr = null;
            return;
        }
        if (services.fabrics().fabric(fabric).isEmpty()) {
            Messages.error("Endpoint", "There is no fabric '" + fabric + "'.");
            return;
        }
        // whole event lists from their event documents (issue 16)
        EndpointQueries.EndpointRecords records = services.endpointQueries().records(fabric, vnid, addr);
        endpoint = records.endpoint();
        historyRows = records.history();
        staleRows = records.stale();
        offsubnetRows = records.offsubnet();
        remediateRows = records.remediate();
        move = records.move();
        rapid = records.rapid();
        try {
            configChanges = services.inventory().changesTouching(fabric, vnid, addr);
        } catch (RuntimeException e) {
            configChanges = List.of();
            Messages.failure("Reading configuration changes", e);
        }
        timeline = buildTimeline();
    }

    // ---- header ------------------------------------------------------------------------------------------------

    public boolean isFound() {
        return endpoint != null || !historyRows.isEmpty();
    }

    public Document getLatest() {
        return Formats.latest(endpoint);
    }

    public boolean isLocal() {
        String status = getLatest().getString("status");
        return endpoint != null && status != null && !"deleted".equals(status);
    }

    public boolean isMac() {
        return EndpointActions.epmType(addr == null ? "" : addr) == io.ept.analysis.model.EpmType.MAC;
    }

    /** "Local on pod-1 node 101 interface eth1/5 encap vlan-101 mac 00:..." or "Not local on any node". */
    public String getLocation() {
        if (!isLocal()) {
            return "Not local on any node";
        }
        Document e = getLatest();
        StringBuilder text = new StringBuilder("Local on pod-").append(e.get("pod")).append(" node ")
                .append(Formats.node(e.get("node"))).append(" interface ").append(e.get("intf_name"))
                .append(" encap ").append(e.get("encap"));
        String mac = e.getString("rw_mac");
        if (mac != null && !mac.isEmpty()) {
            text.append(" mac ").append(mac);
        }
        return text.toString();
    }

    /** Nodes learning the endpoint remotely (XR): active history rows whose newest event has a remote node. */
    public List<Document> getRemoteLearns() {
        List<Document> remote = new ArrayList<>();
        for (Document row : historyRows) {
            Document e = Formats.latest(row);
            if (!"deleted".equals(e.getString("status")) && e.get("remote") instanceof Number n && n.intValue() > 0) {
                remote.add(new Document("node", row.get("node")).append("remote", e.get("remote"))
                        .append("stale", Boolean.TRUE.equals(row.get("is_stale")))
                        .append("offsubnet", Boolean.TRUE.equals(row.get("is_offsubnet"))));
            }
        }
        return remote;
    }

    public List<Integer> getStaleNodes() {
        return flagged("is_stale");
    }

    public List<Integer> getOffsubnetNodes() {
        return flagged("is_offsubnet");
    }

    private List<Integer> flagged(String flag) {
        return historyRows.stream().filter(r -> Boolean.TRUE.equals(r.get(flag))).map(r -> r.getInteger("node")).toList();
    }

    public long getMoveCount() {
        return count(move);
    }

    public long getRapidCount() {
        return count(rapid);
    }

    public long getStaleCount() {
        return staleRows.stream().mapToLong(EndpointView::count).sum();
    }

    public long getOffsubnetCount() {
        return offsubnetRows.stream().mapToLong(EndpointView::count).sum();
    }

    public long getClearCount() {
        return remediateRows.stream().mapToLong(EndpointView::count).sum();
    }

    private static long count(Document d) {
        return d != null && d.get("count") instanceof Number n ? n.longValue() : 0;
    }

    // ---- tabs --------------------------------------------------------------------------------------------------

    /** History tab: the fabric-wide local learns (ept.endpoint events), newest first. */
    public List<Document> getLocalEvents() {
        return endpoint == null ? List.of() : endpoint.getList("events", Document.class, List.of());
    }

    /** Detailed tab: every node's history events with the reporting node, newest first, optionally filtered. */
    public List<Document> getDetailedEvents() {
        List<Document> rows = new ArrayList<>();
        for (Document row : historyRows) {
            for (Document e : row.getList("events", Document.class, List.of())) {
                Document d = new Document(e);
                d.put("node", row.get("node"));
                rows.add(d);
            }
        }
        rows.sort(Comparator.comparingDouble((Document d) -> number(d.get("ts"))).reversed());
        String filter = detailFilter == null ? "" : detailFilter.trim().toLowerCase(Locale.ROOT);
        if (filter.isEmpty()) {
            return rows;
        }
        return rows.stream().filter(d -> detailText(d).contains(filter)).toList();
    }

    private static String detailText(Document d) {
        return String.join(" ", Formats.time(d.get("ts")), Formats.node(d.get("node")), String.valueOf(d.get("status")),
                String.valueOf(d.get("intf_name")), String.valueOf(d.get("encap")), String.valueOf(d.get("flags")),
                String.valueOf(d.get("pctag")), Formats.node(d.get("remote")), String.valueOf(d.get("rw_mac")),
                String.valueOf(d.get("epg_name"))).toLowerCase(Locale.ROOT);
    }

    /** Moves tab: each move as two rows, src then dst. */
    public List<Document> getMoveEvents() {
        List<Document> rows = new ArrayList<>();
        if (move != null) {
            for (Document m : move.getList("events", Document.class, List.of())) {
                for (String side : List.of("src", "dst")) {
                    Document d = new Document(m.get(side, Document.class) == null ? new Document() : m.get(side, Document.class));
                    d.put("direction", side);
                    rows.add(d);
                }
            }
        }
        return rows;
    }

    public List<Document> getStaleEvents() {
        return flatten(staleRows);
    }

    public List<Document> getOffsubnetEvents() {
        return flatten(offsubnetRows);
    }

    public List<Document> getClearEvents() {
        return flatten(remediateRows);
    }

    public List<Document> getRapidEvents() {
        return rapid == null ? List.of() : rapid.getList("events", Document.class, List.of());
    }

    private static List<Document> flatten(List<Document> rows) {
        List<Document> out = new ArrayList<>();
        for (Document row : rows) {
            for (Document e : row.getList("events", Document.class, List.of())) {
                Document d = new Document(e);
                d.put("node", row.get("node"));
                out.add(d);
            }
        }
        out.sort(Comparator.comparingDouble((Document d) -> number(d.get("ts"))).reversed());
        return out;
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    // ---- timeline ----------------------------------------------------------------------------------------------

    /**
     * Where the endpoint was local over time: one lane per node (vPC pairs as one lane), one bar per local learn
     * from its time to the next event's; the last one runs to now while it is still local.
     */
    static final String CONFIG_LANE = "configuration";

    public List<io.ept.inventory.InventoryService.Change> getConfigChanges() {
        return configChanges;
    }

    /** A configuration version's attributes as "attr=value, ..." (its name is the Object column). */
    public String configContent(io.ept.inventory.InventoryService.Change change) {
        StringBuilder out = new StringBuilder();
        if (change.row() != null) {
            change.row().forEach((k, v) -> {
                if (!"name".equals(k) && !"node".equals(k)) {
                    out.append(out.isEmpty() ? "" : ", ").append(k).append('=').append(v);
                }
            });
        }
        return out.toString();
    }

    TimelineModel<String, String> buildTimeline() {
        TimelineModel<String, String> model = new TimelineModel<>();
        List<Document> events = new ArrayList<>(getLocalEvents());
        events.sort(Comparator.comparingDouble(d -> number(d.get("ts"))));
        Set<String> lanes = new LinkedHashSet<>();
        double now = System.currentTimeMillis() / 1000.0;
        for (int i = 0; i < events.size(); i++) {
            Document e = events.get(i);
            if ("deleted".equals(e.getString("status"))) {
                continue;
            }
            double start = number(e.get("ts"));
            double end = i + 1 < events.size() ? number(events.get(i + 1).get("ts")) : now;
            String lane = "node " + Formats.node(e.get("node"));
            lanes.add(lane);
            String label = e.get("intf_name") + " " + e.get("encap");
            model.add(TimelineEvent.<String>builder().data(label).startDate(local(start)).endDate(local(Math.max(end, start + 1)))
                    .group(lane).title(lane + ": " + label + ", EPG " + e.get("epg_name") + ", since " + Formats.time(start))
                    .styleClass(i + 1 < events.size() ? "ept-tl-past" : "ept-tl-current").build());
        }
        // configuration changes that touched the endpoint (its nodes, EPGs, BDs, subnets) as points in their own lane
        for (io.ept.inventory.InventoryService.Change c : configChanges) {
            String label = c.change() + " " + c.table() + " " + c.key();
            model.add(TimelineEvent.<String>builder().data(label).startDate(local(c.ts())).group(CONFIG_LANE)
                    .title(label + " at " + Formats.time(c.ts())).styleClass("ept-tl-config").build());
        }
        if (!configChanges.isEmpty()) {
            lanes.add(CONFIG_LANE);
        }
        for (String lane : lanes) {
            model.addGroup(new TimelineGroup<>(lane, lane));
        }
        // show the recorded period with a margin, not the widget's default week
        double first = events.isEmpty() ? now - 3600 : number(events.get(0).get("ts"));
        double margin = Math.max(30, (now - first) * 0.08);
        timelineStart = local(first - margin);
        timelineEnd = local(now + margin);
        return model;
    }

    private static LocalDateTime local(double epochSeconds) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli((long) (epochSeconds * 1000)), ZoneId.systemDefault());
    }

    public LocalDateTime getTimelineStart() {
        return timelineStart;
    }

    public LocalDateTime getTimelineEnd() {
        return timelineEnd;
    }

    public boolean isTimelineEmpty() {
        return timeline == null || timeline.getEvents().isEmpty();
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    public void refresh() {
        if (!Access.admin(caller, "dataplane refresh")) {
            return;
        }
        try {
            services.endpointActions().refresh(fabric, vnid, addr);
            Messages.info("Refresh requested", "EPT re-reads " + addr + " from the APIC; reload in a few seconds to see the result.");
        } catch (RuntimeException e) {
            Messages.failure("Dataplane refresh", e);
        }
    }

    public void delete() {
        if (!Access.admin(caller, "delete endpoint events")) {
            return;
        }
        try {
            services.endpointActions().delete(fabric, vnid, addr);
            Messages.info("Events deleted", "Every record of " + addr + " was deleted; a running fabric learns it again from the APIC.");
            reload();
        } catch (RuntimeException e) {
            Messages.failure("Delete events", e);
        }
    }

    /** The nodes the clear dialog's toggles and node list select, for the dialog's preview and the clear itself. */
    public List<Integer> getClearSelection() {
        Set<Integer> nodes = new TreeSet<>();
        try {
            nodes.addAll(NodeList.parse(clearNodes));
        } catch (IllegalArgumentException e) {
            // shown when clearing; the preview shows what is valid so far
        }
        if (clearActive) {
            if (isLocal() && getLatest().get("node") instanceof Number n) {
                nodes.addAll(Formats.members(n.intValue()));
            }
            getRemoteLearns().forEach(r -> nodes.add(r.getInteger("node")));
        }
        if (clearStale) {
            nodes.addAll(getStaleNodes());
        }
        if (clearOffsubnet) {
            nodes.addAll(getOffsubnetNodes());
        }
        return List.copyOf(nodes);
    }

    public void clear() {
        if (!Access.admin(caller, "clear endpoint")) {
            return;
        }
        try {
            NodeList.parse(clearNodes); // reports a malformed node list by name
            List<Integer> nodes = getClearSelection();
            if (nodes.isEmpty()) {
                Messages.error("Clear endpoint", "Select at least one node: type node ids or use a toggle.");
                return;
            }
            Map<Integer, ClearResult> results = services.endpointActions().clear(fabric, vnid, addr, nodes);
            List<String> failed = results.values().stream().filter(r -> !r.success()).map(r -> "node " + r.node() + ": " + r.error()).toList();
            List<Integer> cleared = results.values().stream().filter(ClearResult::success).map(ClearResult::node).toList();
            if (!cleared.isEmpty()) {
                Messages.info("Cleared", addr + " cleared on node(s) " + cleared);
            }
            if (!failed.isEmpty()) {
                Messages.error("Clear failed on " + failed.size() + " node(s)", String.join("; ", failed));
            }
            clearNodes = "";
            reload();
        } catch (RuntimeException e) {
            Messages.failure("Clear endpoint", e);
        }
    }

    // ---- CSV ---------------------------------------------------------------------------------------------------

    private String file(String tab) {
        return fabric + "-" + addr + "-" + tab + ".csv";
    }

    public void downloadHistory() {
        Csv.download(file("history"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("node", d -> Formats.node(d.get("node"))), Csv.column("status", d -> d.get("status")),
                Csv.column("interface", d -> d.get("intf_name")), Csv.column("encap", d -> d.get("encap")),
                Csv.column("pctag", d -> d.get("pctag")), Csv.column("mac", d -> d.get("rw_mac")),
                Csv.column("epg", d -> d.get("epg_name"))), getLocalEvents());
    }

    public void downloadDetailed() {
        Csv.download(file("detailed"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("node", d -> Formats.node(d.get("node"))), Csv.column("status", d -> d.get("status")),
                Csv.column("interface", d -> d.get("intf_name")), Csv.column("encap", d -> d.get("encap")),
                Csv.column("flags", d -> d.get("flags") instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : ""),
                Csv.column("pctag", d -> d.get("pctag")), Csv.column("remote", d -> Formats.node(d.get("remote"))),
                Csv.column("mac", d -> d.get("rw_mac")), Csv.column("epg", d -> d.get("epg_name"))), getDetailedEvents());
    }

    public void downloadMoves() {
        Csv.download(file("moves"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("direction", d -> d.get("direction")), Csv.column("node", d -> Formats.node(d.get("node"))),
                Csv.column("interface", d -> d.get("intf_name")), Csv.column("encap", d -> d.get("encap")),
                Csv.column("pctag", d -> d.get("pctag")), Csv.column("mac", d -> d.get("rw_mac")),
                Csv.column("epg", d -> d.get("epg_name"))), getMoveEvents());
    }

    public void downloadOffsubnet() {
        Csv.download(file("offsubnet"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("node", d -> Formats.node(d.get("node"))), Csv.column("interface", d -> d.get("intf_name")),
                Csv.column("encap", d -> d.get("encap")), Csv.column("remote", d -> Formats.node(d.get("remote"))),
                Csv.column("epg", d -> d.get("epg_name"))), getOffsubnetEvents());
    }

    public void downloadStale() {
        Csv.download(file("stale"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("node", d -> Formats.node(d.get("node"))), Csv.column("interface", d -> d.get("intf_name")),
                Csv.column("encap", d -> d.get("encap")), Csv.column("remote", d -> Formats.node(d.get("remote"))),
                Csv.column("expected_remote", d -> Formats.node(d.get("expected_remote"))),
                Csv.column("epg", d -> d.get("epg_name"))), getStaleEvents());
    }

    public void downloadRapid() {
        Csv.download(file("rapid"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("events", d -> d.get("count")), Csv.column("rate_per_minute", d -> d.get("rate"))), getRapidEvents());
    }

    public void downloadCleared() {
        Csv.download(file("cleared"), List.of(Csv.column("time", d -> Formats.time(d.get("ts"))),
                Csv.column("node", d -> Formats.node(d.get("node"))), Csv.column("action", d -> d.get("action")),
                Csv.column("reason", d -> d.get("reason")), Csv.column("success", d -> d.get("success")),
                Csv.column("error", d -> d.get("error"))), getClearEvents());
    }

    // ---- properties --------------------------------------------------------------------------------------------

    public String getFabric() {
        return fabric;
    }

    public void setFabric(String fabric) {
        this.fabric = fabric;
    }

    public Integer getVnid() {
        return vnid;
    }

    public void setVnid(Integer vnid) {
        this.vnid = vnid;
    }

    public String getAddr() {
        return addr;
    }

    public void setAddr(String addr) {
        this.addr = addr;
    }

    public Document getEndpoint() {
        return endpoint;
    }

    public TimelineModel<String, String> getTimeline() {
        return timeline;
    }

    public String getDetailFilter() {
        return detailFilter;
    }

    public void setDetailFilter(String detailFilter) {
        this.detailFilter = detailFilter;
    }

    public String getClearNodes() {
        return clearNodes;
    }

    public void setClearNodes(String clearNodes) {
        this.clearNodes = clearNodes;
    }

    public boolean isClearActive() {
        return clearActive;
    }

    public void setClearActive(boolean clearActive) {
        this.clearActive = clearActive;
    }

    public boolean isClearStale() {
        return clearStale;
    }

    public void setClearStale(boolean clearStale) {
        this.clearStale = clearStale;
    }

    public boolean isClearOffsubnet() {
        return clearOffsubnet;
    }

    public void setClearOffsubnet(boolean clearOffsubnet) {
        this.clearOffsubnet = clearOffsubnet;
    }

    /** Link of this page, for pasting into a ticket. */
    public String getPermalink() {
        return Formats.endpointLink(fabric, vnid, addr);
    }

    public String getTitleName() {
        Document e = getLatest().isEmpty() && endpoint != null && endpoint.get("first_learn") instanceof Document f ? f : getLatest();
        return e.getString("vnid_name") == null ? "" : e.getString("vnid_name");
    }

    public String getEpgName() {
        Document e = getLatest();
        return e.getString("epg_name") == null ? "" : e.getString("epg_name");
    }
}
