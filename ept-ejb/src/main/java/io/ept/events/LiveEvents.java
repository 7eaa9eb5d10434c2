package io.ept.events;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes {@link LiveEvent}s on Redis so that every node's UI (and any other listener) sees them: the web UI's
 * live feed observes them as {@link io.ept.platform.RedisMessage}s. Publishing is best effort: a feed entry is
 * never worth failing the analysis that produced it.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String CHANNEL = io.ept.platform.RedisSubscriber.EVENTS_CHANNEL;
    private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());

    private static final Logger EVENTS = Logger.getLogger("io.ept.events");

    @Inject
    Infrastructure infrastructure;

    static void log(LiveEvent event) {
        boolean monitor = "fabric".equals(event.kind());
        Level level = monitor ? Level.INFO : Level.WARNING;
        if (!EVENTS.isLoggable(level)) {
            return;
        }
        Map<String, Object> previous = org.jboss.logging.MDC.getMap();
        try {
            org.jboss.logging.MDC.put("fabric", event.fabric());
            org.jboss.logging.MDC.put("component", monitor ? "monitor" : "analysis");
            org.jboss.logging.MDC.put("kind", event.kind());
            if (!monitor) {
                org.jboss.logging.MDC.put("endpoint", event.vnid() + ":" + event.addr());
                if (event.node() != 0) {
                    org.jboss.logging.MDC.put("node", String.valueOf(event.node()));
                }
            }
            EVENTS.log(level, monitor
                    ? "fabric " + event.fabric() + " event: " + event.description()
                    : "fabric " + event.fabric() + " finding " + event.kind() + " " + event.vnid() + ":" + event.addr()
                            + (event.node() != 0 ? " node-" + event.node() : "") + ": " + event.description());
        } finally {
            org.jboss.logging.MDC.clear();
            previous.forEach(org.jboss.logging.MDC::put);
        }
    }

    /**
     * Publishes the event and logs it (logger {@code io.ept.events}): every finding and every monitor event reaches the
     * server log, so a SIEM sees them without the API. With the JSON log format the fields fabric, component, endpoint
     * (vnid:address), node and kind come as MDC fields.
     */
    /** {@link #publish} for several events, in one Redis round trip. */
    public void publishAll(java.util.List<LiveEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        events.forEach(LiveEvents::log);
        try (var pipeline = infrastructure.redis().pipelined()) {
            for (LiveEvent event : events) {
                pipeline.publish(CHANNEL, event.toJson());
            }
            pipeline.sync();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "live events not published: " + e.getMessage());
        }
    }

    public void publish(LiveEvent event) {
        log(event);
        try {
            infrastructure.redis().publish(CHANNEL, event.toJson());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "live event not published: " + e.getMessage());
        }
    }
}
