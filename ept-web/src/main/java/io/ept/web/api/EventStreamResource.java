package io.ept.web.api;

import io.ept.fabric.FabricRepository;
import io.ept.web.security.CurrentCaller;
import io.ept.web.security.LiveSessions;
import io.ept.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A live stream of one fabric's events (server-sent events), for dashboards and scripts. */
@RolesAllowed(Roles.USER)
@Path("uni/fb-{fabric}/events")
@Tag(name = "fabric")
public class EventStreamResource {

    @Inject
    EventStreams streams;

    @Inject
    FabricRepository fabrics;

    @Inject
    CurrentCaller current;

    @Inject
    LiveSessions live;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events of the fabric: monitor events and findings (move, stale, offsubnet, rapid, clear) "
            + "as JSON; the event name is the kind")
    public void stream(@PathParam("fabric") String fabric, @Context SseEventSink sink, @Context Sse sse) {
        fabrics.requireFabric(fabric);
        streams.register(fabric, sse, sink);
        // closed when the session ends: logout, password change, blacklisting, idle or absolute timeout
        current.session().ifPresent(session -> live.hold(session, current.username(), sink::close, sink::isClosed));
    }
}
