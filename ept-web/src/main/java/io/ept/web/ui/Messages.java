package io.ept.web.ui;

import io.ept.fabric.FabricNotFoundException;
import io.ept.fabric.schema.ValidationException;
import io.ept.security.AccessDeniedException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Faces messages: every action tells the user what happened, and failures say why in plain words. */
public final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    private Messages() {
    }

    public static void info(String summary, String detail) {
        add(FacesMessage.SEVERITY_INFO, summary, detail);
    }

    public static void warn(String summary, String detail) {
        add(FacesMessage.SEVERITY_WARN, summary, detail);
    }

    public static void error(String summary, String detail) {
        add(FacesMessage.SEVERITY_ERROR, summary, detail);
        FacesContext context = FacesContext.getCurrentInstance();
        if (context != null) {
            context.validationFailed(); // keeps dialogs open and lets pages react to the failure
        }
    }

    /** Reports a failed action: expected failures by their message, unexpected ones logged with their cause. */
    public static void failure(String action, RuntimeException e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof ValidationException
                || e instanceof FabricNotFoundException || e instanceof AccessDeniedException
                || e instanceof io.ept.security.UserNotFoundException) {
            error(action + " failed", e.getMessage());
            return;
        }
        LOG.log(Level.WARNING, action + " failed", e);
        error(action + " failed", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static void add(FacesMessage.Severity severity, String summary, String detail) {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context != null) {
            context.addMessage(null, new FacesMessage(severity, summary, detail));
        }
    }
}
