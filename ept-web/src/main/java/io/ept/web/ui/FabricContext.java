package io.ept.web.ui;

import io.ept.monitor.FabricManager;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.bson.Document;

import java.io.IOException;
import java.util.List;

/**
 * The fabric a page is about ({@code ?fabric=} view parameter), for the fabric pages' sidebar and header: name,
 * monitor status, and the list of all fabrics for the top bar.
 */
@Named
@RequestScoped
public class FabricContext {

    @Inject
    UiServices services;

    private String name;
    private Document fabric;
    private FabricManager.Status status;
    private List<String> names;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** View action of fabric pages: an unknown fabric sends the user home with a message. */
    public void require() throws IOException {
        if (name == null || name.isBlank() || getFabric() == null) {
            FacesContext context = FacesContext.getCurrentInstance();
            context.getExternalContext().getFlash().setKeepMessages(true);
            Messages.error("Unknown fabric", name == null || name.isBlank() ? "No fabric given." : "There is no fabric '" + name + "'.");
            context.getExternalContext().redirect(context.getExternalContext().getRequestContextPath() + "/index.xhtml");
        }
    }

    public Document getFabric() {
        if (fabric == null && name != null) {
            fabric = services.fabrics().fabric(name).orElse(null);
        }
        return fabric;
    }

    public FabricManager.Status getStatus() {
        if (status == null && getFabric() != null) {
            status = services.manager().status(name);
        }
        return status;
    }

    public boolean isRunning() {
        return getStatus() != null && ("running".equals(getStatus().status()) || "degraded".equals(getStatus().status()));
    }

    public List<String> getNames() {
        if (names == null) {
            names = services.fabrics().listFabrics().stream().map(d -> d.getString("fabric")).toList();
        }
        return names;
    }
}
