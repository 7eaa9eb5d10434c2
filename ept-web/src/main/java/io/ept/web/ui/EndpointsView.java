package io.ept.web.ui;

import io.ept.application.TableRows;
import io.ept.application.TableScope;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.query.FilterSyntaxException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

import static io.ept.application.TableRows.FilterKind.CONTAINS;
import static io.ept.application.TableRows.FilterKind.EQUALS_INT;
import static io.ept.application.TableRows.FilterKind.EQUALS_TEXT;
import static io.ept.application.TableRows.FilterKind.MIN_INT;
import static io.ept.application.TableRows.FilterKind.NONE;

/**
 * Browse: the fabric's current endpoints (ept.endpoint) with the state filters of ept-reference 6 (active,
 * off-subnet, stale, rapid, all), column filters, an optional filter in the REST API's syntax, and CSV download.
 */
@Named
@ViewScoped
public class EndpointsView implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final Map<String, TableRows.Field> FIELDS = Map.of(
            "ts", new TableRows.Field("events.0.ts", NONE),
            "type", new TableRows.Field("type", EQUALS_TEXT),
            "addr", new TableRows.Field("addr", CONTAINS),
            "vnid_name", new TableRows.Field("events.0.vnid_name", CONTAINS),
            "epg", new TableRows.Field("events.0.epg_name", CONTAINS),
            "node", new TableRows.Field("events.0.node", EQUALS_INT),
            "intf", new TableRows.Field("events.0.intf_name", CONTAINS),
            "encap", new TableRows.Field("events.0.encap", CONTAINS),
            "count", new TableRows.Field("count", MIN_INT));

    @Inject
    UiServices services;

    @Inject
    FabricContext context;

    private String fabric;
    private String state = "active";
    private String advanced;
    private TableScope.Expression advancedFilter;
    private LazyTableModel model;

    @PostConstruct
    void init() {
        model = new LazyTableModel(services.tables().rows(MongoEndpointStore.ENDPOINT,
                () -> TableScope.endpoints(getFabric(), state, advancedFilter),
                List.of("fabric", "vnid", "addr", "type", "is_stale", "is_offsubnet", "is_rapid", "count", "learn_type"), true,
                FIELDS, "events.0.ts"));
    }

    /** Applies the advanced filter; a syntax error is shown and the table keeps its previous filter. */
    public void applyAdvanced() {
        if (advanced == null || advanced.isBlank()) {
            advancedFilter = null;
        } else {
            try {
                advancedFilter = TableScope.Expression.parse(advanced.trim());
            } catch (FilterSyntaxException e) {
                Messages.error("Invalid filter", e.getMessage());
                return;
            }
        }
        model.invalidate();
    }

    public void stateChanged() {
        model.invalidate();
    }

    public void download() {
        Csv.download(getFabric() + "-endpoints-" + state + ".csv", List.of(
                Csv.column("state", d -> Formats.latest(d).get("status")),
                Csv.column("type", d -> d.get("type")),
                Csv.column("address", d -> d.get("addr")),
                Csv.column("vnid", d -> d.get("vnid")),
                Csv.column("vrf_bd", d -> Formats.latest(d).get("vnid_name")),
                Csv.column("epg", d -> Formats.latest(d).get("epg_name")),
                Csv.column("node", d -> Formats.node(Formats.latest(d).get("node"))),
                Csv.column("interface", d -> Formats.latest(d).get("intf_name")),
                Csv.column("encap", d -> Formats.latest(d).get("encap")),
                Csv.column("last_change", d -> Formats.time(Formats.latest(d).get("ts"))),
                Csv.column("events", d -> d.get("count")),
                Csv.column("stale", d -> d.get("is_stale")),
                Csv.column("offsubnet", d -> d.get("is_offsubnet")),
                Csv.column("rapid", d -> d.get("is_rapid"))), model.current(Csv.MAX_ROWS));
    }

    /**
     * The fabric, taken from the request on first use: the view parameter {@code state} creates this bean before
     * the view parameter {@code fabric} is applied, so it cannot be read at construction.
     */
    public String getFabric() {
        if (fabric == null) {
            fabric = context.getName();
        }
        return fabric;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getAdvanced() {
        return advanced;
    }

    public void setAdvanced(String advanced) {
        this.advanced = advanced;
    }

    public LazyTableModel getModel() {
        return model;
    }
}
