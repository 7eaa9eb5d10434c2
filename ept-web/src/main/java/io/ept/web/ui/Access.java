package io.ept.web.ui;

import io.ept.web.security.CurrentCaller;

import java.util.logging.Logger;

/**
 * Server-side role check of every write action of the UI. Pages hide write controls from read-only users too, but
 * that is convenience: a crafted request still ends here and is refused.
 */
public final class Access {

    private static final Logger LOG = Logger.getLogger(Access.class.getName());

    private Access() {
    }

    /** True when the caller is an admin; otherwise records an error message for the page and returns false. */
    public static boolean admin(CurrentCaller caller, String action) {
        if (caller.isAdmin()) {
            return true;
        }
        LOG.warning(() -> "refused '" + action + "' for " + (caller.isLoggedIn() ? "read-only user " + caller.username() : "anonymous request"));
        Messages.error("Not allowed", "'" + action + "' needs the admin role; your account is read-only.");
        return false;
    }
}
