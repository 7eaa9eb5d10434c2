package io.ept.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.event.SelectEvent;

import java.io.IOException;
import java.util.List;

/** The top bar's type-ahead endpoint search across all fabrics; picking a hit opens the endpoint. */
@Named
@RequestScoped
public class SearchView {

    @Inject
    EndpointSearch search;

    private SearchHit selected;

    public List<SearchHit> complete(String query) {
        return search.suggest(query);
    }

    public void open(SelectEvent<SearchHit> event) throws IOException {
        SearchHit hit = event.getObject();
        if (hit != null) {
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/" + hit.link());
        }
    }

    public SearchHit getSelected() {
        return selected;
    }

    public void setSelected(SearchHit selected) {
        this.selected = selected;
    }
}
