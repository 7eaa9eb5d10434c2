package io.ept.web.ui;

import io.ept.messaging.QueueStatsIntervals;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * Queues (ept-reference 6): every node's JMS queue statistics (ept.queue, written by QueueStatsRecorder)
 * and, for the selected one, a chart of its message rates and backlog over the chosen interval.
 */
@Named
@ViewScoped
public class QueuesView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    UiServices services;

    @Inject
    io.ept.web.security.CurrentCaller caller;

    private io.ept.messaging.DeadLetters.Summary deadLetterSummary;
    private List<io.ept.messaging.DeadLetters.DeadLetter> deadLetters;

    private List<Document> queues;
    private String selected;
    private String interval = "stats_1min";

    @PostConstruct
    void init() {
        refresh();
    }

    private List<io.ept.cluster.NodeRegistry.ClusterNode> nodes;
    private String moveFabric;
    private String moveTarget;

    public void refresh() {
        nodes = services.cluster().nodes();
        queues = services.records().queueTotals();
        if (selected == null && !queues.isEmpty()) {
            selected = key(queues.get(0));
        }
        deadLetterSummary = services.deadLetters().summary();
        deadLetters = services.deadLetters().list();
    }

    /** The cluster's nodes: roles, last heartbeat and the fabrics each runs. */
    public List<io.ept.cluster.NodeRegistry.ClusterNode> getNodes() {
        return nodes;
    }

    public String getThisNode() {
        return services.cluster().thisNode();
    }

    /** Fabrics that run (auto start), for the move form. */
    public List<String> getRunningFabrics() {
        return services.fabrics().listFabrics().stream().filter(f -> Boolean.TRUE.equals(f.getBoolean("auto_start")))
                .map(f -> f.getString("fabric")).toList();
    }

    public List<String> getLiveNodes() {
        return nodes.stream().filter(io.ept.cluster.NodeRegistry.ClusterNode::active)
                .map(io.ept.cluster.NodeRegistry.ClusterNode::id).toList();
    }

    public String getMoveFabric() {
        return moveFabric;
    }

    public void setMoveFabric(String moveFabric) {
        this.moveFabric = moveFabric;
    }

    public String getMoveTarget() {
        return moveTarget;
    }

    public void setMoveTarget(String moveTarget) {
        this.moveTarget = moveTarget;
    }

    /** Admin action: the fabric's monitor moves to another live node. */
    public void move() {
        if (!Access.admin(caller, "move a fabric to another node")) {
            return;
        }
        if (moveFabric == null || moveTarget == null) {
            Messages.error("Move", "Choose a fabric and a node");
            return;
        }
        try {
            services.cluster().move(moveFabric, moveTarget);
            Messages.info("Move", "Fabric " + moveFabric + " moves to node " + moveTarget
                    + " at its node's next lease renewal");
        } catch (IllegalArgumentException e) {
            Messages.error("Move", e.getMessage());
        }
        refresh();
    }

    /** EptDLQ: how many messages, how old the oldest ("-" when empty). */
    public long getDeadLetterCount() {
        return deadLetterSummary.count();
    }

    public String getDeadLetterOldestAge() {
        long seconds = deadLetterSummary.oldestAgeSeconds(System.currentTimeMillis());
        return deadLetterSummary.count() == 0 ? "-" : Formats.duration(seconds);
    }

    public List<io.ept.messaging.DeadLetters.DeadLetter> getDeadLetters() {
        return deadLetters;
    }

    /** Admin action: one parked message (id) or all of them (null) back onto their original queues. */
    public void replay(String id) {
        if (!Access.admin(caller, "replay dead-lettered work")) {
            return;
        }
        io.ept.messaging.DeadLetters.ReplayResult r = services.deadLetters().replay(id);
        Messages.info("Replay", r.replayed() + " message(s) put back on their queue"
                + (r.skipped() > 0 ? "; " + r.skipped() + " from an unknown queue left parked" : ""));
        refresh();
    }

    public String key(Document q) {
        return q.getString("proc") + "/" + q.getString("queue");
    }

    public void select(String key) {
        selected = key;
    }

    /** Chart.js configuration of the selected queue: rx and tx rates (per second) and, for minutes, the backlog. */
    public String getChart() {
        if (selected == null) {
            return "{}";
        }
        String[] parts = selected.split("/", 2);
        List<Document> records = services.records().queueSeries(parts[0], parts.length > 1 ? parts[1] : "", interval);
        java.util.Collections.reverse(records); // stored newest first; the chart runs left to right
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder rx = Json.createArrayBuilder();
        JsonArrayBuilder tx = Json.createArrayBuilder();
        JsonArrayBuilder qlen = Json.createArrayBuilder();
        for (Document r : records) {
            labels.add(Formats.time(r.get("timestamp")).substring(5, 16));
            rx.add(round(r.get("rx_msg_rate")));
            tx.add(round(r.get("tx_msg_rate")));
            qlen.add(r.get("qlen") instanceof Number n ? n.longValue() : 0);
        }
        var datasets = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("label", "queued / s").add("data", rx).add("borderColor", "#3b82f6")
                        .add("backgroundColor", "rgba(59,130,246,0.15)").add("fill", true).add("tension", 0.3).add("yAxisID", "y"))
                .add(Json.createObjectBuilder().add("label", "processed / s").add("data", tx).add("borderColor", "#10b981")
                        .add("tension", 0.3).add("yAxisID", "y"));
        if ("stats_1min".equals(interval)) {
            datasets.add(Json.createObjectBuilder().add("label", "backlog").add("data", qlen).add("borderColor", "#f59e0b")
                    .add("borderDash", Json.createArrayBuilder().add(4).add(4)).add("tension", 0.3).add("yAxisID", "y1"));
        }
        return Json.createObjectBuilder().add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false)
                        .add("scales", Json.createObjectBuilder()
                                .add("y", Json.createObjectBuilder().add("beginAtZero", true).add("position", "left")
                                        .add("title", Json.createObjectBuilder().add("display", true).add("text", "messages per second")))
                                .add("y1", Json.createObjectBuilder().add("beginAtZero", true).add("position", "right")
                                        .add("display", "stats_1min".equals(interval))
                                        .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
                                        .add("title", Json.createObjectBuilder().add("display", true).add("text", "backlog"))))
                        .add("plugins", Json.createObjectBuilder().add("legend", Json.createObjectBuilder().add("position", "bottom"))))
                .build().toString();
    }

    private static double round(Object v) {
        return v instanceof Number n ? Math.round(n.doubleValue() * 100) / 100.0 : 0;
    }

    public boolean isChartEmpty() {
        return selected == null;
    }

    public void download() {
        Csv.download("queues.csv", List.of(Csv.column("process", d -> d.get("proc")), Csv.column("queue", d -> d.get("queue")),
                Csv.column("start_time", d -> Formats.time(d.get("start_timestamp"))),
                Csv.column("total_queued", d -> d.get("total_rx_msg")), Csv.column("total_processed", d -> d.get("total_tx_msg")),
                Csv.column("backlog", d -> d.get("qlen"))), queues);
    }

    /** Interval field (stats_1min...) to its label. */
    public java.util.Map<String, String> getIntervals() {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        QueueStatsIntervals.INTERVALS.forEach((field, minutes) -> labels.put(minutes < 60 ? minutes + " min"
                : minutes < 1440 ? minutes / 60 + " hour" : minutes < 10080 ? minutes / 1440 + " day" : minutes / 10080 + " week", field));
        return labels;
    }

    public List<Document> getQueues() {
        return queues;
    }

    public String getSelected() {
        return selected;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        if (QueueStatsIntervals.INTERVALS.containsKey(interval)) {
            this.interval = interval;
        }
    }
}
