package io.ept.cluster;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.bson.Document;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The nodes of the cluster: each announces its id, roles (its worker and watcher MDB pools) and a heartbeat in the
 * store (collection {@code cluster_nodes}), which {@link FabricOwnership} refreshes on every lease tick. A node counts
 * as live while its heartbeat is younger than a lease, so a node is gone only after several missed beats; the
 * nodes that stopped beating stay listed (inactive) for an hour so operators see which one died.
 * Node ids ({@code jboss.node.name}) must be unique in a cluster.
 */
@Singleton
@Startup
@DependsOn("Infrastructure")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class.getName());
    static final String COLLECTION = "cluster_nodes";
    public static final Set<String> REQUIRED_ROLES = Set.of("worker", "watcher");
    private static final long LISTED_AFTER_DEATH_MILLIS = 3_600_000;

    @Inject
    Infrastructure infrastructure;

    @Inject
    io.ept.platform.config.ClusterConfig clusterConfig;

    private final String nodeId = System.getProperty("jboss.node.name", ManagementFactory.getRuntimeMXBean().getName());
    /** This boot of the node: a restarted node with the same id is another instance. */
    private final String instance = UUID.randomUUID().toString();
    private final long started = System.currentTimeMillis();
    private volatile boolean storeDown;

    @PostConstruct
    void announce() {
        beat(List.of());
    }

    /** Writes this node's heartbeat with the fabrics it runs; false when the store does not answer. */
    public boolean beat(List<String> fabrics) {
        try {
            nodes().replaceOne(Filters.eq("_id", nodeId), new Document("_id", nodeId).append("instance", instance)
                            .append("roles", List.copyOf(new TreeSet<>(REQUIRED_ROLES))).append("started", started)
                            .append("heartbeat", System.currentTimeMillis()).append("fabrics", fabrics),
                    new ReplaceOptions().upsert(true));
            if (storeDown) {
                LOG.info("node heartbeat restored");
                storeDown = false;
            }
            return true;
        } catch (RuntimeException e) {
            if (!storeDown) {
                LOG.warning(() -> "node heartbeat failed, the store does not answer: " + e.getMessage());
                storeDown = true;
            }
            return false;
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public String instance() {
        return instance;
    }

    /**
     * A node of the cluster: id, roles, start and last heartbeat (epoch seconds), the fabrics it said it runs, and
     * whether it is live.
     */
    public record ClusterNode(String id, Set<String> roles, double started, double heartbeat, List<String> fabrics,
                              boolean active) {
    }

    /** Every node that beat within the last hour, live ones first, by id. */
    public List<ClusterNode> describeNodes() {
        long now = System.currentTimeMillis();
        long liveAfter = now - LeaseTerms.forFailover(clusterConfig.failoverSeconds).leaseMillis();
        List<ClusterNode> described = new ArrayList<>();
        for (Document doc : nodes().find(Filters.gt("heartbeat", now - LISTED_AFTER_DEATH_MILLIS))) {
            long beat = doc.get("heartbeat") instanceof Number n ? n.longValue() : 0;
            List<String> fabrics = doc.getList("fabrics", String.class, List.of());
            List<String> roles = doc.getList("roles", String.class, List.of());
            described.add(new ClusterNode(doc.getString("_id"), new TreeSet<>(roles),
                    (doc.get("started") instanceof Number n ? n.longValue() : 0) / 1000.0, beat / 1000.0,
                    List.copyOf(fabrics), beat > liveAfter || nodeId.equals(doc.getString("_id"))));
        }
        described.sort(java.util.Comparator.comparing((ClusterNode n) -> !n.active()).thenComparing(ClusterNode::id));
        return described;
    }

    /** Ids of the live nodes. */
    public Set<String> liveNodes() {
        Set<String> live = new TreeSet<>();
        describeNodes().stream().filter(ClusterNode::active).forEach(n -> live.add(n.id()));
        return live;
    }

    /** Roles that no live node provides (empty when fabrics may run). */
    public Set<String> missingRoles() {
        Set<String> missing = new TreeSet<>(REQUIRED_ROLES);
        describeNodes().stream().filter(ClusterNode::active).forEach(n -> missing.removeAll(n.roles()));
        return missing;
    }

    private MongoCollection<Document> nodes() {
        return infrastructure.database().getCollection(COLLECTION);
    }
}
