package io.ept.application;

import io.ept.cluster.FabricLease;
import io.ept.cluster.FabricOwnership;
import io.ept.cluster.NodeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/** The cluster as operators see it, for the API and the UI alike: its nodes, who runs which fabric, and moves. */
@ApplicationScoped
public class ClusterService {

    @Inject
    NodeRegistry nodes;

    @Inject
    FabricOwnership ownership;

    @Inject
    FabricService fabricService;

    /** The node answering this request. */
    public String thisNode() {
        return nodes.nodeId();
    }

    /** Every node seen within the last hour, live ones first. */
    public List<NodeRegistry.ClusterNode> nodes() {
        return nodes.describeNodes();
    }

    /** The stored lease of every fabric that has one. */
    public Map<String, FabricLease> leases() {
        return ownership.leases();
    }

    /** See {@link FabricService#move}. */
    public void move(String fabric, String node) {
        fabricService.move(fabric, node);
    }
}
