package io.ept.web.ui;

import io.ept.application.TableRows;
import io.ept.application.TableScope;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ept.application.TableRows.FilterKind.CONTAINS;
import static io.ept.application.TableRows.FilterKind.EQUALS_INT;
import static io.ept.application.TableRows.FilterKind.EQUALS_TEXT;
import static io.ept.application.TableRows.FilterKind.MIN_INT;
import static io.ept.application.TableRows.FilterKind.NONE;

/**
 * The fabric's findings lists (ept-reference 6): Moves (ept.move), Stale (ept.stale), OffSubnet (ept.offsubnet),
 * Rapid (ept.rapid) and Cleared (ept.remediate), each with server-side paging, sorting and column filters.
 */
@Named
@ViewScoped
public class FindingsView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One findings list: its collection, title, and where its newest event keeps the time and VRF/BD name. */
    public enum Kind {
        MOVES("ept.move", "Moves", "Endpoints that moved between nodes, interfaces or encaps. Sort by events to find flapping endpoints.", "events.0.dst."),
        STALE("ept.stale", "Stale", "Remote (XR) entries on a node that point to where the endpoint no longer is.", "events.0."),
        OFFSUBNET("ept.offsubnet", "Off-subnet", "IP learns outside every subnet of their bridge domain.", "events.0."),
        RAPID("ept.rapid", "Rapid", "Endpoints whose event rate crossed the rapid threshold.", "events.0."),
        CLEARED("ept.remediate", "Cleared", "Clears of endpoints on leafs, by users (api) or by auto-remediation.", "events.0.");

        private final String collection;
        private final String title;
        private final String help;
        private final String latest;

        Kind(String collection, String title, String help, String latest) {
            this.collection = collection;
            this.title = title;
            this.help = help;
            this.latest = latest;
        }

        public String getTitle() {
            return title;
        }

        public String getHelp() {
            return help;
        }

        public String getName() {
            return name().toLowerCase();
        }

        static Kind of(String name) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return MOVES;
        }
    }

    @Inject
    UiServices services;

    @Inject
    FabricContext context;

    @Inject
    io.ept.web.security.CurrentCaller caller;

    private Document selected;
    private Boolean mayAcknowledge;
    private String comment;

    private String fabric;
    private Kind kind;
    private LazyTableModel model;

    @PostConstruct
    void init() {
        fabric = context.getName();
        kind = Kind.of(FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("kind"));
        Map<String, TableRows.Field> fields = new HashMap<>();
        fields.put("ts", new TableRows.Field(kind.latest + "ts", NONE));
        fields.put("type", new TableRows.Field("type", EQUALS_TEXT));
        fields.put("addr", new TableRows.Field("addr", CONTAINS));
        fields.put("node", new TableRows.Field("node", EQUALS_INT));
        fields.put("count", new TableRows.Field("count", MIN_INT));
        fields.put("vnid_name", new TableRows.Field(kind.latest + "vnid_name", CONTAINS));
        fields.put("epg", new TableRows.Field(kind.latest + "epg_name", CONTAINS));
        fields.put("reason", new TableRows.Field("events.0.reason", EQUALS_TEXT));
        fields.put("rate", new TableRows.Field("events.0.rate", NONE));
        model = new LazyTableModel(services.tables().rows(kind.collection, () -> TableScope.fabric(fabric),
                List.of("fabric", "vnid", "addr", "type", "node", "count"), true, fields, kind.latest + "ts"));
    }

    public void download() {
        List<Csv.Column> columns = new ArrayList<>(List.of(
                Csv.column("time", d -> Formats.time(latest(d).get("ts"))),
                Csv.column("type", d -> d.get("type")),
                Csv.column("address", d -> d.get("addr")),
                Csv.column("vnid", d -> d.get("vnid"))));
        switch (kind) {
            case MOVES -> {
                columns.add(Csv.column("from_node", d -> Formats.node(side(d, "src").get("node"))));
                columns.add(Csv.column("from_interface", d -> side(d, "src").get("intf_name")));
                columns.add(Csv.column("from_encap", d -> side(d, "src").get("encap")));
                columns.add(Csv.column("to_node", d -> Formats.node(side(d, "dst").get("node"))));
                columns.add(Csv.column("to_interface", d -> side(d, "dst").get("intf_name")));
                columns.add(Csv.column("to_encap", d -> side(d, "dst").get("encap")));
            }
            case STALE -> {
                columns.add(Csv.column("node", d -> Formats.node(d.get("node"))));
                columns.add(Csv.column("remote", d -> Formats.node(latest(d).get("remote"))));
                columns.add(Csv.column("expected_remote", d -> Formats.node(latest(d).get("expected_remote"))));
            }
            case OFFSUBNET -> {
                columns.add(Csv.column("node", d -> Formats.node(d.get("node"))));
                columns.add(Csv.column("epg", d -> latest(d).get("epg_name")));
            }
            case RAPID -> columns.add(Csv.column("rate_per_minute", d -> latest(d).get("rate")));
            case CLEARED -> {
                columns.add(Csv.column("node", d -> Formats.node(d.get("node"))));
                columns.add(Csv.column("action", d -> latest(d).get("action")));
                columns.add(Csv.column("reason", d -> latest(d).get("reason")));
                columns.add(Csv.column("success", d -> latest(d).get("success")));
                columns.add(Csv.column("error", d -> latest(d).get("error")));
            }
        }
        columns.add(Csv.column("events", d -> d.get("count")));
        columns.add(Csv.column("vrf_bd", d -> latest(d).get("vnid_name")));
        Csv.download(fabric + "-" + kind.getName() + ".csv", columns, model.current(Csv.MAX_ROWS));
    }

    /** The newest event of a row; for moves its destination side, which carries the time of the move. */
    public Document latest(Document row) {
        Document first = Formats.latest(row);
        return kind == Kind.MOVES ? side(row, "dst") : first;
    }

    public Document side(Document row, String side) {
        Document s = Formats.latest(row).get(side, Document.class);
        return s == null ? new Document() : s;
    }

    private io.ept.findings.FindingKind findingKind() {
        return switch (kind) {
            case MOVES -> io.ept.findings.FindingKind.MOVE;
            case STALE -> io.ept.findings.FindingKind.STALE;
            case OFFSUBNET -> io.ept.findings.FindingKind.OFFSUBNET;
            case RAPID -> io.ept.findings.FindingKind.RAPID;
            case CLEARED -> io.ept.findings.FindingKind.CLEAR;
        };
    }

    private int rowNode(Document row) {
        return kind == Kind.MOVES || kind == Kind.RAPID || row.get("node") == null ? 0 : row.get("node", Number.class).intValue();
    }

    /**
     * The row's workflow state now: "open", or "acknowledged by alice, <time>" and the like. BD snoozes are shown
     * for MAC rows only (an IP row does not name its BD).
     */
    public String state(Document row) {
        Document latest = latest(row);
        String type = row.getString("type");
        String vnidName = latest.getString("vnid_name");
        io.ept.findings.Finding f = new io.ept.findings.Finding(fabric, findingKind(), 0,
                row.get("vnid", Number.class).intValue(), row.getString("addr"), type, rowNode(row),
                latest.getString("epg_name"), "mac".equals(type) ? vnidName : "", vnidName, "");
        try {
            io.ept.findings.Suppression s = services.findingControls().rules(fabric).check(f, System.currentTimeMillis());
            if (!s.suppressed()) {
                return "open";
            }
            return s.state().wireName() + " by " + s.by() + ", " + Formats.time(s.atMillis() / 1000.0)
                    + (s.note().isEmpty() ? "" : ": " + s.note());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** Admins and the fabric's acknowledgers see the Ack buttons (the service checks again on every write). */
    public boolean isMayAcknowledge() {
        if (mayAcknowledge == null) {
            mayAcknowledge = caller.isLoggedIn() && (caller.isAdmin()
                    || services.findingControls().acknowledgers(fabric).contains(caller.username()));
        }
        return mayAcknowledge;
    }

    public void select(Document row) {
        selected = row;
        comment = null;
    }

    /** Acknowledges the selected row's finding with the comment typed in the dialog. */
    public void acknowledge() {
        if (selected == null) {
            Messages.error("Acknowledge failed", "no finding selected");
            return;
        }
        try {
            services.findingControls().acknowledge(fabric, caller.require(), findingKind(),
                    selected.get("vnid", Number.class).intValue(), selected.getString("addr"), rowNode(selected), comment);
            Messages.info("Acknowledged", selected.getString("addr") + ": later " + findingKind().wireName()
                    + " findings are recorded but not notified until the acknowledgement is withdrawn (Workflow page).");
            selected = null;
        } catch (RuntimeException e) {
            Messages.failure("Acknowledge", e);
        }
    }

    public Document getSelected() {
        return selected;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String getFabric() {
        return fabric;
    }

    public Kind getKind() {
        return kind;
    }

    public LazyTableModel getModel() {
        return model;
    }
}
