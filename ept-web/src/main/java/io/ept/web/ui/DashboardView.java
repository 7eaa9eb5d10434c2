package io.ept.web.ui;

import io.ept.events.LiveEvent;
import io.ept.messaging.QueueCounters;
import io.ept.monitor.FabricManager;
import io.ept.web.security.CurrentCaller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/** Per-fabric dashboard: active counts, monitor status and uptime, start/stop, queue backlog, event log, live feed. */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    UiServices services;

    @Inject
    FabricContext context;

    @Inject
    FabricStats stats;

    @Inject
    LiveFeed feed;

    @Inject
    CurrentCaller caller;

    private String fabric;
    private FabricManager.Status status;
    private FabricStats.Counts counts;
    private long pending;
    private long pendingWatcher;
    private List<Document> events;
    private String maintenance;

    @PostConstruct
    void init() {
        fabric = context.getName();
        refresh();
    }

    public void refresh() {
        Document doc = services.fabrics().fabric(fabric).orElse(null);
        if (doc == null) {
            return;
        }
        status = services.manager().status(fabric);
        counts = stats.activeCounts(fabric);
        events = doc.getList("events", Document.class, List.of());
        try {
            var active = services.findingControls().activeWindow(fabric);
            maintenance = active == null ? null : (active.window().description().isEmpty() ? "maintenance"
                    : active.window().description()) + ", until " + Formats.time(active.endsAtMillis() / 1000.0);
        } catch (RuntimeException e) {
            maintenance = null;
        }
        try {
            pending = 0;
            pendingWatcher = 0;
            for (QueueCounters queue : services.queueStatistics().read()) {
                if ("EptWorkerQueue".equals(queue.queue())) {
                    pending = queue.length();
                } else if ("EptWatcherQueue".equals(queue.queue())) {
                    pendingWatcher = queue.length();
                }
            }
        } catch (RuntimeException e) {
            pending = -1;
            pendingWatcher = -1;
        }
    }

    public void start() {
        if (!Access.admin(caller, "start the fabric monitor")) {
            return;
        }
        try {
            services.manager().start(fabric, "started from the web UI by " + caller.username());
            Messages.info("Starting", "The monitor of " + fabric + " is starting; it reads the fabric, then tracks it live.");
        } catch (RuntimeException e) {
            Messages.failure("Start", e);
        }
        refresh();
    }

    public void stop() {
        if (!Access.admin(caller, "stop the fabric monitor")) {
            return;
        }
        try {
            services.manager().stop(fabric, "stopped from the web UI by " + caller.username());
            Messages.info("Stopped", "The monitor of " + fabric + " is stopped; endpoints are no longer tracked.");
        } catch (RuntimeException e) {
            Messages.failure("Stop", e);
        }
        refresh();
    }

    public void downloadEvents() {
        Csv.download(fabric + "-events.csv", List.of(
                Csv.column("time", d -> Formats.time(d.get("timestamp"))),
                Csv.column("status", d -> d.get("status")),
                Csv.column("description", d -> d.get("description"))), events);
    }

    public String getFabric() {
        return fabric;
    }

    public FabricManager.Status getStatus() {
        return status;
    }

    public boolean isRunning() {
        return status != null && ("running".equals(status.status()) || "degraded".equals(status.status()));
    }

    public boolean isStopped() {
        return status == null || "stopped".equals(status.status());
    }

    public FabricStats.Counts getCounts() {
        return counts;
    }

    public String getPending() {
        return pending < 0 ? "unknown" : String.format("%,d", pending);
    }

    public String getPendingWatcher() {
        return pendingWatcher < 0 ? "unknown" : String.format("%,d", pendingWatcher);
    }

    /** The maintenance window in force ("description, until time"), or null. */
    public String getMaintenance() {
        return maintenance;
    }

    public List<Document> getEvents() {
        return events;
    }

    public List<LiveEvent> getRecent() {
        return feed.recent(fabric);
    }
}
