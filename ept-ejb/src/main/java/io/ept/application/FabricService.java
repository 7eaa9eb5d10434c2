package io.ept.application;

import io.ept.fabric.FabricRepository;
import io.ept.monitor.FabricManager;
import io.ept.platform.Infrastructure;
import io.ept.query.BulkQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Fabric operations that span the repository and the monitor, for the API and the UI alike. */
@ApplicationScoped
public class FabricService {

    /** The attributes that identify a fabric (its dn). */
    public static final List<String> KEYS = List.of("fabric");

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    io.ept.cluster.FabricOwnership ownership;

    @Inject
    io.ept.cluster.NodeRegistry nodes;

    /**
     * Moves a running fabric's subscriber to another live node: its holder stops it at its next renewal (within a
     * quarter lease) and the target takes the lease. Refused (IllegalArgumentException) for a stopped fabric or a
     * node that is not live.
     */
    public void move(String fabric, String node) {
        org.bson.Document doc = fabrics.requireFabric(fabric);
        if (!Boolean.TRUE.equals(doc.getBoolean("auto_start"))) {
            throw new IllegalArgumentException("fabric '" + fabric + "' is stopped: start it before moving it");
        }
        if (!nodes.liveNodes().contains(node)) {
            throw new IllegalArgumentException("node '" + node + "' is not a live node of the cluster");
        }
        ownership.requestMove(fabric, node);
    }

    @Inject
    Infrastructure infrastructure;

    /**
     * Stops the fabric's monitor if it runs (so no subscriber writes into records being deleted), then deletes the
     * fabric and every record that belongs to it. {@code reason} is recorded as the monitor's stop reason.
     */
    public void delete(String fabric, String reason) {
        if (manager.isRunning(fabric)) {
            manager.stop(fabric, reason);
        }
        fabrics.deleteFabric(fabric);
        ownership.forget(fabric);
    }

    /** The fabrics a bulk query selects (the stored documents; callers show them through the fabric schema's view). */
    public BulkRead list(BulkQuery query) {
        return BulkRead.of(infrastructure.database().getCollection(FabricRepository.FABRICS), query, KEYS);
    }
}
