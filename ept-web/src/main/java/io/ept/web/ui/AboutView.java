package io.ept.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Manifest;

/** The About dialog: version and build time from the war's manifest. */
@Named
@ApplicationScoped
public class AboutView {

    private String version = "development build";
    private String built = "";

    @PostConstruct
    void init() {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context == null) {
            return;
        }
        try (InputStream in = context.getExternalContext().getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in != null) {
                Manifest manifest = new Manifest(in);
                String v = manifest.getMainAttributes().getValue("Implementation-Version");
                if (v != null) {
                    version = v;
                }
                String b = manifest.getMainAttributes().getValue("Build-Time");
                if (b != null) {
                    built = b;
                }
            }
        } catch (IOException e) {
            // the dialog shows the defaults
        }
    }

    public String getVersion() {
        return version;
    }

    public String getBuilt() {
        return built;
    }

    public String getJava() {
        return System.getProperty("java.version");
    }
}
