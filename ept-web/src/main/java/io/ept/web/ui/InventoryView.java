package io.ept.web.ui;

import io.ept.inventory.InventoryService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Inventory history page: a configuration table as it was at a time (or now), and every version of one object.
 */
@Named
@ViewScoped
public class InventoryView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    FabricContext context;

    @Inject
    InventoryService inventory;

    private String fabric;
    private String table = "subnet";
    private String at;
    private List<Document> rows = List.of();
    private Object versionsKey;
    private List<Document> versions = List.of();

    @PostConstruct
    void init() {
        fabric = context.getName();
        show();
    }

    public void show() {
        try {
            Double ts = null;
            if (at != null && !at.isBlank()) {
                try {
                    ts = LocalDateTime.parse(at.trim(), INPUT).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("time must be 'yyyy-MM-dd HH:mm:ss' (server time zone)");
                }
            }
            rows = inventory.at(fabric, table, ts);
            versions = List.of();
            versionsKey = null;
        } catch (RuntimeException e) {
            Messages.failure("Inventory", e);
        }
    }

    public void history(Document version) {
        try {
            versionsKey = version.get("key");
            versions = inventory.versions(fabric, table, String.valueOf(versionsKey));
        } catch (RuntimeException e) {
            Messages.failure("Versions", e);
        }
    }

    /** The version's content without the key field, as "attr=value" pairs. */
    public String content(Document version) {
        Document row = version.get("row", Document.class);
        if (row == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        row.forEach((k, v) -> {
            if (!k.equals(io.ept.inventory.InventoryHistory.keyOf("ept." + table))) {
                out.append(out.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return out.toString();
    }

    public List<String> getTables() {
        return List.of("node", "vpc", "tunnel", "pc", "vnid", "epg", "subnet");
    }

    public String getFabric() { return fabric; }
    public String getTable() { return table; }
    public void setTable(String table) { this.table = table; }
    public String getAt() { return at; }
    public void setAt(String at) { this.at = at; }
    public List<Document> getRows() { return rows; }
    public Object getVersionsKey() { return versionsKey; }
    public List<Document> getVersions() { return versions; }
}
