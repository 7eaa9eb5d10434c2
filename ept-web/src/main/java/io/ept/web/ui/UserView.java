package io.ept.web.ui;

import io.ept.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The logged-in user as pages see it ({@code #{currentUser...}}): name and whether write controls are shown. */
@Named("currentUser")
@RequestScoped
public class UserView {

    @Inject
    CurrentCaller caller;

    public boolean isLoggedIn() {
        return caller.isLoggedIn();
    }

    public boolean isAdmin() {
        return caller.isAdmin();
    }

    public String getUsername() {
        return caller.username();
    }
}
