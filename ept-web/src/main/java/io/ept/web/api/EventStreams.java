package io.ept.web.api;

import io.ept.platform.RedisMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans EPT's live events (Redis channel {@code ept.events}: fabric monitor events and findings,
 * from every node) out to the server-sent-event streams of this node, one broadcaster per fabric.
 */
@ApplicationScoped
public class EventStreams {

    public static final String CHANNEL = io.ept.platform.RedisSubscriber.EVENTS_CHANNEL;

    private final Map<String, SseBroadcaster> broadcasters = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Sse sse;

    void register(String fabric, Sse sse, SseEventSink sink) {
        this.sse = sse;
        SseBroadcaster broadcaster = broadcasters.computeIfAbsent(fabric, f -> {
            SseBroadcaster created = sse.newBroadcaster();
            created.onError((failed, error) -> failed.close());
            return created;
        });
        broadcaster.register(sink);
        sink.send(sse.newEventBuilder().comment("EPT live events of fabric " + fabric).reconnectDelay(3000)
                .name("hello").data("{\"fabric\":\"" + fabric + "\"}").build());
    }

    void onMessage(@Observes RedisMessage message) {
        if (!CHANNEL.equals(message.channel()) || sse == null) {
            return;
        }
        JsonObject event = message.json();
        if (event == null || !event.containsKey("fabric")) {
            return;
        }
        SseBroadcaster broadcaster = broadcasters.get(event.getString("fabric", ""));
        if (broadcaster != null) {
            OutboundSseEvent outbound = sse.newEventBuilder().id(Long.toString(ids.incrementAndGet()))
                    .name(event.getString("kind", "event")).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, message.message()).build();
            broadcaster.broadcast(outbound);
        }
    }
}
