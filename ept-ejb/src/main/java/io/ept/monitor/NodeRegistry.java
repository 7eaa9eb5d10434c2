package io.ept.monitor;

import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Announces this server's roles (its worker and watcher MDB pools) with a Redis key refreshed every 5 s that
 * expires after 20 s: a node counts as gone only after several missed heartbeats, so one late beat never
 * restarts a fabric.
 */
@Singleton
@Startup
@DependsOn("Infrastructure")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class.getName());
    static final String PREFIX = "ept:node:";
    static final int TTL_SECONDS = 20;
    public static final Set<String> REQUIRED_ROLES = Set.of("worker", "watcher");

    @Inject
    Infrastructure infrastructure;

    private final String nodeId = System.getProperty("jboss.node.name", ManagementFactory.getRuntimeMXBean().getName());
    private final long started = System.currentTimeMillis();
    private volatile boolean redisDown;

    @PostConstruct
    void announce() {
        beat();
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void beat() {
        try {
            infrastructure.redis().set(PREFIX + nodeId, "worker,watcher|" + started, SetParams.setParams().ex(TTL_SECONDS));
            if (redisDown) {
                LOG.info("node heartbeat restored");
                redisDown = false;
            }
        } catch (RuntimeException e) {
            if (!redisDown) {
                LOG.warning(() -> "node heartbeat failed, Redis unreachable: " + e.getMessage());
                redisDown = true;
            }
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** Active nodes and their roles. */
    public Map<String, Set<String>> activeNodes() {
        Map<String, Set<String>> nodes = new HashMap<>();
        describeNodes().forEach(node -> nodes.put(node.id(), node.roles()));
        return nodes;
    }

    /** An active EPT server: its id, roles and start time (epoch seconds). */
    public record ActiveNode(String id, Set<String> roles, double started) {
    }

    public List<ActiveNode> describeNodes() {
        List<ActiveNode> described = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = infrastructure.redis().scan(cursor, new ScanParams().match(PREFIX + "*").count(100));
            for (String key : page.getResult()) {
                String value = infrastructure.redis().get(key);
                if (value != null) {
                    String[] parts = value.split("\\|");
                    double started = parts.length > 1 ? Long.parseLong(parts[1]) / 1000.0 : 0;
                    described.add(new ActiveNode(key.substring(PREFIX.length()),
                            new TreeSet<>(Set.of(parts[0].split(","))), started));
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        described.sort(Comparator.comparing(ActiveNode::id));
        return described;
    }

    /** Roles that no active node provides (empty when fabrics may run). */
    public Set<String> missingRoles() {
        Set<String> missing = new TreeSet<>(REQUIRED_ROLES);
        activeNodes().values().forEach(missing::removeAll);
        return missing;
    }
}
