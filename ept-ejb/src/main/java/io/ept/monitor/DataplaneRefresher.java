package io.ept.monitor;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.EpmType;
import io.ept.analysis.parse.EpmEventParser;
import io.ept.analysis.refresh.ApicObject;
import io.ept.analysis.refresh.RefreshPlanner;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.messaging.EpmWork;
import io.ept.messaging.WorkItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * Dataplane refreshes of single endpoints (ept-reference 3.11), asked for by the API or after a rapid endpoint
 * calmed down: queued from any thread, run on the subscriber's thread between websocket batches. Every object the
 * APIC returns becomes a create event, every live history row it did not return a delete; all forced and sent
 * ahead of the backlog.
 */
public final class DataplaneRefresher {

    private static final Logger LOG = Logger.getLogger(DataplaneRefresher.class.getName());

    /** A dataplane refresh of one endpoint. */
    public record Request(int vnid, String addr, EpmType type) {
    }

    private final String fabric;
    private final MonitorEnvironment env;
    private final ApicConnection apic;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    public DataplaneRefresher(String fabric, MonitorEnvironment env, ApicConnection apic) {
        this.fabric = fabric;
        this.env = env;
        this.apic = apic;
    }

    /** Queues a refresh (any thread). */
    public void request(Request request) {
        requests.add(request);
    }

    /** Runs the queued refreshes, sending their events through the dispatcher. */
    public void runQueued(EpmDispatcher dispatcher, int overlayVnid) {
        Request r;
        while ((r = requests.poll()) != null) {
            Request request = r;
            String path = request.type() == EpmType.MAC ? "/api/class/epmMacEp.json" : "/api/class/epmDb.json";
            java.util.Map<String, String> query = request.type() == EpmType.MAC
                    ? RefreshPlanner.macQuery(request.addr()) : RefreshPlanner.ipQuery(request.addr());
            List<ApicObject> results = new ArrayList<>();
            apic.call(() -> apic.session().readAll(path, query, null))
                    .forEach(mo -> results.add(new ApicObject(mo.className(), mo.attributes())));
            EndpointKey key = new EndpointKey(fabric, request.vnid(), request.addr());
            List<EpmEvent> events = new RefreshPlanner(new EpmEventParser(overlayVnid)).refresh(key, request.type(),
                    results, new MongoEndpointStore(env.database()).load(key).history().values());
            for (EpmEvent event : events) {
                dispatcher.queue(new EpmWork(fabric, event, null), WorkItem.PRIORITY_REFRESH);
            }
            dispatcher.flush();
            LOG.fine(() -> "fabric " + fabric + ": refresh of " + key + " sent " + events.size() + " events");
        }
    }
}
