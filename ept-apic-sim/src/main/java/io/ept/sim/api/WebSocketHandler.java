package io.ept.sim.api;

import io.ept.sim.query.ApiException;
import io.ept.sim.subscription.SubscriptionManager;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

import java.io.IOException;

/**
 * ws(s)://host/socket&lt;token&gt;: the token in the path is the only credential. The socket belongs to the
 * token's session; when it closes, the session's subscriptions die with it.
 */
public final class WebSocketHandler implements WebSocketConnectionCallback {
    private final SessionManager sessions;
    private final SubscriptionManager subscriptions;

    public WebSocketHandler(SessionManager sessions, SubscriptionManager subscriptions) {
        this.sessions = sessions;
        this.subscriptions = subscriptions;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        String uri = exchange.getRequestURI();
        int q = uri.indexOf('?');
        if (q >= 0) uri = uri.substring(0, q);
        String token = uri.substring(uri.indexOf("/socket") + "/socket".length());
        Session session;
        try {
            session = sessions.validate(token);
        } catch (ApiException e) {
            sessions.websocketLog().opened(channel, null, exchange.getRequestHeader("User-Agent"));
            WebSocketSessionLog.closeBySimulator(channel);
            return;
        }
        sessions.websocketLog().opened(channel, session, exchange.getRequestHeader("User-Agent"));
        session.sockets.add(channel);
        channel.addCloseTask(ch -> {
            session.sockets.remove(ch);
            subscriptions.dropSession(session);
        });
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            // only a close frame read off the wire comes here; an end of stream goes to onCloseMessage directly
            @Override
            protected void onFullCloseMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
                WebSocketSessionLog.closeFrameReceived(ch);
                super.onFullCloseMessage(ch, message);
            }
        });
        channel.resumeReceives();
    }
}
