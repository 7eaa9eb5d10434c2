package io.ept.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Forgets an HTTP session in {@link LiveSessions} when it ends (logout, timeout). */
@WebListener
public class HttpSessionEnd implements HttpSessionListener {

    @Inject
    LiveSessions live;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        live.unbound(event.getSession());
    }
}
