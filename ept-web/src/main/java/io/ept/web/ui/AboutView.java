package io.ept.web.ui;

import io.ept.web.api.BuildInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** The About dialog: what was built (the same build information as GET /api/app-status/version). */
@Named
@ApplicationScoped
public class AboutView {

    private final BuildInfo build = BuildInfo.load();

    public String getVersion() {
        return build.version();
    }

    public String getCommit() {
        return build.commit() + (build.branch().isEmpty() ? "" : " (" + build.branch() + ")");
    }

    public String getBuilt() {
        return build.date();
    }

    public String getJava() {
        return System.getProperty("java.version");
    }
}
