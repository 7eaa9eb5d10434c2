package io.ept.endpoint;

import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.EpmType;
import io.ept.domain.EndpointAddress;
import io.ept.domain.FabricIds;
import io.ept.domain.InvalidValueException;
import io.ept.endpoint.clear.ClearResult;
import io.ept.endpoint.clear.EndpointClearService;
import io.ept.fabric.FabricEvent;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkQueues;
import io.ept.messaging.WorkTypes;
import io.ept.monitor.FabricManager;
import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import org.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * What a user can do to endpoints (ept-reference 3.10, 3.11), shared by the REST API and the web UI: dataplane
 * refresh, delete (then relearn), clear on leafs, and the bulk delete of a stopped fabric's endpoint records.
 * Callers check the user's role; this service checks the fabric's state.
 */
@ApplicationScoped
public class EndpointActions {

    /** Most nodes one clear request may name. */
    public static final int MAX_CLEAR_NODES = 64;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    Infrastructure infrastructure;

    @Inject
    WorkQueues queues;

    @Inject
    io.ept.messaging.WorkerGroups workerGroups;

    @Inject
    EpmWorkService workers;

    @Inject
    EndpointClearService clears;

    /** MAC addresses are keyed by BD, everything else is an IP keyed by VRF. */
    public static EpmType epmType(String addr) {
        return addr.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}") ? EpmType.MAC : EpmType.IP;
    }

    /**
     * The typed endpoint key of a request: vnid 0..2^24-1 and a MAC/IPv4/IPv6 address in canonical form; an
     * {@link InvalidValueException} naming the field ("vnid", "addr") otherwise.
     */
    public static EndpointAddress address(String addr) {
        return EndpointAddress.parse("addr", addr);
    }

    private static String canonical(int vnid, String addr) {
        FabricIds.vnid(vnid);
        return address(addr).text();
    }

    /** Re-reads the endpoint from the APIC; the fabric monitor must be running. */
    public void refresh(String fabric, int vnid, String addr) {
        addr = canonical(vnid, addr);
        fabrics.requireFabric(fabric);
        requireRunning(fabric);
        manager.refresh(fabric, vnid, addr, epmType(addr));
    }

    /** Deletes every record of the endpoint; a running fabric then relearns it through a refresh. */
    public void delete(String fabric, int vnid, String addr) {
        addr = canonical(vnid, addr);
        fabrics.requireFabric(fabric);
        EndpointKey key = new EndpointKey(fabric, vnid, addr);
        if (!"running".equals(manager.status(fabric).status())) {
            workers.deleteEndpoint(key);
            return;
        }
        // Same group and priority as the refresh events: the delete is analysed first, without a race (quirk Q8).
        String body = Json.createObjectBuilder().add("fabric", fabric).add("vnid", vnid).add("addr", addr).build().toString();
        queues.toWorkers(List.of(new WorkItem(WorkTypes.ENDPOINT_DELETE, workerGroups.messageGroup(key), WorkItem.PRIORITY_REFRESH, body)));
        manager.refresh(fabric, vnid, addr, epmType(addr));
    }

    /** Clears the endpoint on the given leafs (101-4096, at most {@link #MAX_CLEAR_NODES}); one result per node. */
    public Map<Integer, ClearResult> clear(String fabric, int vnid, String addr, List<Integer> nodes) {
        addr = canonical(vnid, addr);
        fabrics.requireFabric(fabric);
        if (nodes == null || nodes.isEmpty() || nodes.size() > MAX_CLEAR_NODES) {
            throw new InvalidValueException("nodes", "must be a list of 1-" + MAX_CLEAR_NODES + " node ids");
        }
        for (Integer node : nodes) {
            if (node == null) {
                throw new InvalidValueException("nodes", "node ids must be integers 101-4096, got null");
            }
            FabricIds.leaf("nodes", node);
        }
        return clears.clearForApi(fabric, vnid, addr, EndpointType.of(addr, epmType(addr)), nodes);
    }

    /** Deletes the endpoint records of a stopped fabric (all, or one vnid's); returns the endpoints removed. */
    public long deleteAll(String fabric, Integer vnid) {
        if (vnid != null) {
            FabricIds.vnid(vnid);
        }
        fabrics.requireFabric(fabric);
        if (manager.isRunning(fabric)) {
            throw new IllegalStateException("stop the fabric monitor of '" + fabric + "' first");
        }
        Document filter = new Document("fabric", fabric);
        if (vnid != null) {
            filter.append("vnid", vnid);
        }
        long endpoints = infrastructure.database().getCollection(MongoEndpointStore.ENDPOINT).countDocuments(filter);
        for (String collection : MongoEndpointStore.ENDPOINT_COLLECTIONS) {
            infrastructure.database().getCollection(collection).deleteMany(filter);
        }
        fabrics.addEvent(fabric, new FabricEvent(System.currentTimeMillis() / 1000.0, "cleared",
                "bulk delete all endpoints count(" + endpoints + ")"));
        return endpoints;
    }

    private void requireRunning(String fabric) {
        if (!"running".equals(manager.status(fabric).status())) {
            throw new IllegalStateException("fabric monitor for '" + fabric + "' is not running");
        }
    }
}
