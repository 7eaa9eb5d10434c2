package io.ept.web.ui;

import io.ept.status.AppStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Map;

/** Backing bean of the home page's service status line. */
@Named
@RequestScoped
public class StatusView {

    @Inject
    AppStatus status;

    private Map<String, String> problems;

    public Map<String, String> getProblems() {
        if (problems == null) {
            problems = status.problems();
        }
        return problems;
    }

    public boolean isHealthy() {
        return getProblems().isEmpty();
    }
}
