package io.ept.web.ui;

import io.ept.fabric.FabricExistsException;
import io.ept.fabric.FabricSchemas;
import io.ept.monitor.FabricManager;
import io.ept.web.security.CurrentCaller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Home page: service problems, the cross-fabric endpoint search with results, the fabric table, add fabric. */
@Named
@ViewScoped
public class HomeView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    UiServices services;

    @Inject
    FabricStats stats;

    @Inject
    EndpointSearch search;

    @Inject
    CurrentCaller caller;

    /** One row of the fabric table. */
    public record FabricRow(String name, String apic, String status, double uptime, String reason, long mac, long ipv4,
                            long ipv6, String lastEvent) implements Serializable {
        public String getName() { return name; }
        public String getApic() { return apic; }
        public String getStatus() { return status; }
        public double getUptime() { return uptime; }
        public String getReason() { return reason; }
        public long getMac() { return mac; }
        public long getIpv4() { return ipv4; }
        public long getIpv6() { return ipv6; }
        public String getLastEvent() { return lastEvent; }
    }

    private List<FabricRow> fabrics;
    private Map<String, String> problems;
    private String query;
    private EndpointSearch.Result result = EndpointSearch.Result.EMPTY;
    private final Map<String, Object> newFabric = new LinkedHashMap<>();

    @PostConstruct
    void init() {
        resetNewFabric();
        refresh();
    }

    public void refresh() {
        problems = services.appStatus().problems();
        List<FabricRow> rows = new ArrayList<>();
        if (problems.isEmpty()) {
            for (Document doc : services.fabrics().listFabrics()) {
                String name = doc.getString("fabric");
                FabricManager.Status status = services.manager().status(name);
                FabricStats.Counts counts = stats.activeCounts(name);
                List<Document> events = doc.getList("events", Document.class, List.of());
                String last = events.isEmpty() ? "" : events.get(0).getString("status") + ": " + events.get(0).getString("description");
                rows.add(new FabricRow(name, doc.getString("apic_hostname"), status.status(), status.uptime(),
                        status.reason(), counts.mac(), counts.ipv4(), counts.ipv6(), last));
            }
        }
        fabrics = rows;
    }

    public void search() {
        result = search.search(query, null);
        if (result.error() != null) {
            Messages.warn("Search", result.error());
        }
    }

    public void createFabric() {
        if (!Access.admin(caller, "add fabric")) {
            return;
        }
        try {
            Map<String, Object> input = new LinkedHashMap<>();
            newFabric.forEach((k, v) -> {
                if (v != null && !(v instanceof String s && s.isBlank() && !"fabric".equals(k))) {
                    input.put(k, v instanceof String s ? s.trim() : v);
                }
            });
            boolean start = Boolean.TRUE.equals(input.remove("start"));
            Map<String, Object> valid = FabricSchemas.FABRIC.validateInput(input, Set.of("fabric"));
            services.fabrics().createFabric(valid);
            String name = (String) valid.get("fabric");
            if (start) {
                services.manager().start(name, "started from the web UI by " + caller.username());
            }
            Messages.info("Fabric added", "Fabric " + name + " was created" + (start ? " and is starting." : "; start it from its dashboard."));
            resetNewFabric();
            refresh();
        } catch (FabricExistsException e) {
            Messages.error("Add fabric failed", e.getMessage());
        } catch (RuntimeException e) {
            Messages.failure("Add fabric", e);
        }
    }

    private void resetNewFabric() {
        newFabric.clear();
        newFabric.put("fabric", "");
        newFabric.put("apic_hostname", "");
        newFabric.put("apic_username", "admin");
        newFabric.put("apic_password", "");
        newFabric.put("ssh_username", "admin");
        newFabric.put("ssh_password", "");
        newFabric.put("start", Boolean.TRUE);
    }

    public List<FabricRow> getFabrics() {
        return fabrics;
    }

    public Map<String, String> getProblems() {
        return problems;
    }

    public List<Map.Entry<String, String>> getProblemList() {
        return new ArrayList<>(problems.entrySet());
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public List<SearchHit> getHits() {
        return result.hits();
    }

    public long getMatches() {
        return result.matches();
    }

    public boolean isSearched() {
        return query != null && query.trim().length() >= EndpointSearch.MIN_LENGTH;
    }

    public int getMinLength() {
        return EndpointSearch.MIN_LENGTH;
    }

    public Map<String, Object> getNewFabric() {
        return newFabric;
    }
}
