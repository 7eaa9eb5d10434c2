package io.ept.endpoint.clear;

import io.ept.analysis.lookup.FabricLookups;
import io.ept.analysis.lookup.FabricNode;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.RemediateEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.notify.Notification;
import io.ept.analysis.notify.NotificationFormatter;
import io.ept.analysis.notify.NotifyType;
import io.ept.endpoint.FabricSettingsCache;
import io.ept.endpoint.MongoEndpointStore;
import io.ept.events.LiveEvent;
import io.ept.events.LiveEvents;
import io.ept.notify.NotificationService;
import io.ept.analysis.watch.WatcherLogic;
import io.ept.domain.EndpointAddress;
import io.ept.domain.FabricIds;
import io.ept.domain.InvalidValueException;
import io.ept.domain.ShellWords;
import io.ept.endpoint.FabricLookupsRegistry;
import io.ept.fabric.FabricRepository;
import io.ept.fabric.TrustPins;
import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import io.ept.platform.config.SshConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clears an endpoint on leaf switches over SSH through the APIC (ept-reference 3.10), for the API and for the
 * watcher's auto-clear alike. Nodes are cleared in parallel; each gets its own result.
 */
@ApplicationScoped
public class EndpointClearService {

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricLookupsRegistry lookups;

    @Inject
    FabricSettingsCache settingsCache;

    @Inject
    NotificationService notifications;

    @Inject
    LiveEvents liveEvents;

    @Inject
    SshConfig sshConfig;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private SshEndpointClearer clearer;

    @Inject
    jakarta.enterprise.inject.Instance<io.ept.monitor.FabricManager> managers;

    private TrustPins trustPins;

    @PostConstruct
    void init() {
        trustPins = new TrustPins(fabrics);
        clearer = new SshEndpointClearer(executor);
    }

    @PreDestroy
    void stop() {
        clearer.close();
    }

    /** Clears the endpoint on every node; a node that is not a known leaf fails without an SSH attempt. */
    public Map<Integer, ClearResult> clear(String fabric, int vnid, String addr, EndpointType type, List<Integer> nodes) {
        Map<Integer, ClearResult> results = new LinkedHashMap<>();
        Document doc = fabrics.requireFabric(fabric);
        String invalid = invalidRequest(vnid, addr, type, doc.getString("ssh_username"));
        if (invalid != null) {
            nodes.forEach(n -> results.put(n, ClearResult.failed(n, "refusing to clear: " + invalid)));
            return results;
        }
        addr = EndpointAddress.parse(addr).text();
        String password = doc.getString("ssh_password") == null || doc.getString("ssh_password").isEmpty()
                ? "" : fabrics.secret(doc, "ssh_password");
        if (password.isEmpty()) {
            nodes.forEach(n -> results.put(n, ClearResult.failed(n, "no SSH credentials configured for fabric " + fabric)));
            return results;
        }
        if (TrustPins.hasPending(doc, TrustPins.Kind.SSH_HOST_KEY)) {
            nodes.forEach(n -> results.put(n, ClearResult.failed(n, "refusing to clear: the APIC's SSH host key changed;"
                    + " an admin must accept the new key first (fabric settings, or POST .../trust/accept)")));
            return results;
        }
        String apicTep = apicTep(fabric);
        FabricLookups l = lookups.lookups(fabric);
        String vrfName = type == EndpointType.MAC ? "" : WatcherLogic.vrfName(l.vnid(vnid).map(v -> v.name()).orElse(""));
        List<ClearTarget> targets = new ArrayList<>();
        for (int node : nodes) {
            FabricNode leaf = l.node(node).orElse(null);
            if (leaf == null || !"leaf".equals(leaf.role())) {
                results.put(node, ClearResult.failed(node, "node " + node + " is not a known leaf"));
            } else if (apicTep == null) {
                results.put(node, ClearResult.failed(node, "the APIC TEP is unknown (no controller in ept.node)"));
            } else {
                try {
                    ShellWords.tep("apic TEP", apicTep);
                    targets.add(new ClearTarget(node, leaf.addr(), addr, type != EndpointType.MAC, type == EndpointType.IPV6,
                            vrfName, vnid));
                } catch (InvalidValueException e) {
                    // values read from the APIC that cannot go into a shell line: nothing is run
                    results.put(node, ClearResult.failed(node, "refusing to clear: " + e.getMessage()));
                }
            }
        }
        if (!targets.isEmpty()) {
            results.putAll(clearer.clear(login(doc, password), apicTep, targets));
            results.values().stream().filter(r -> r.error().startsWith(SshEndpointClearer.HOST_KEY_MISMATCH)).findFirst()
                    .ifPresent(r -> hostKeyChanged(fabric, r.error()));
        }
        return results;
    }

    private SshEndpointClearer.ApicLogin login(Document doc, String password) {
        return new SshEndpointClearer.ApicLogin(doc.getString("apic_hostname"), sshConfig.port,
                doc.getString("ssh_username"), password, trustPins.pins(doc.getString("fabric"), TrustPins.Kind.SSH_HOST_KEY));
    }

    /** A changed SSH host key stops the fabric (with the reason in its event log) until an admin accepts it. */
    private void hostKeyChanged(String fabric, String error) {
        try {
            managers.get().stop(fabric, error);
        } catch (RuntimeException e) {
            fabrics.addEvent(fabric, new io.ept.fabric.FabricEvent(System.currentTimeMillis() / 1000.0, "failed", error));
        }
    }

    /** Checks the fabric's SSH credentials along the clear path (APIC, then the leaf); null when it works. */
    public String verifySsh(String fabric, String apicTep, String leafTep) {
        Document doc = fabrics.requireFabric(fabric);
        String password = doc.getString("ssh_password") == null || doc.getString("ssh_password").isEmpty()
                ? "" : fabrics.secret(doc, "ssh_password");
        if (password.isEmpty()) {
            return "no SSH credentials configured";
        }
        return clearer.verify(login(doc, password), apicTep, leafTep);
    }

    /**
     * API clear: clears on every node, records each node's real result in ept.remediate (reason "api") and, when
     * any node succeeded, sends the "api clear" notification.
     */
    public Map<Integer, ClearResult> clearForApi(String fabric, int vnid, String addr, EndpointType type, List<Integer> nodes) {
        // a request that is not a real endpoint is refused before anything runs or is recorded
        FabricIds.vnid(vnid);
        addr = EndpointAddress.parse(addr).text();
        for (int node : nodes) {
            FabricIds.leaf("nodes", node);
        }
        Map<Integer, ClearResult> results = clear(fabric, vnid, addr, type, nodes);
        Settings settings = settingsCache.settings(fabric);
        String vnidName = lookups.lookups(fabric).vnid(vnid).map(v -> v.name()).orElse("");
        EndpointKey key = new EndpointKey(fabric, vnid, addr);
        RemediateEvent event = RemediateEvent.clear(System.currentTimeMillis() / 1000.0, vnidName, "api");
        MongoEndpointStore store = new MongoEndpointStore(infrastructure.database());
        for (ClearResult result : results.values()) {
            store.pushRemediate(key, result.node(), type, event, result.success(), result.error(), settings.perNodeCap());
            liveEvents.publish(new LiveEvent(fabric, "clear", event.ts(), vnid, addr, result.node(), "clear on node "
                    + result.node() + (result.success() ? " succeeded" : " failed: " + result.error())));
        }
        if (results.values().stream().anyMatch(ClearResult::success)) {
            NotificationFormatter.Text text = NotificationFormatter.apiClear(fabric, vnid, vnidName, addr);
            Notification notification = Notification.ifEnabled(NotifyType.CLEAR, text.subject(), text.body(), settings);
            if (notification != null) {
                notifications.enqueue(fabric, notification);
            }
        }
        return results;
    }

    /** Why the request cannot be cleared (null: it can): address, vnid and SSH user checked before any SSH. */
    static String invalidRequest(int vnid, String addr, EndpointType type, String sshUser) {
        try {
            FabricIds.vnid(vnid);
            EndpointAddress a = EndpointAddress.parse(addr);
            if (a.isMac() != (type == EndpointType.MAC) || a.isIpv6() != (type == EndpointType.IPV6)) {
                return "addr: '" + a.text() + "' is not of type " + type;
            }
            ShellWords.require("ssh_username", ShellWords.SSH_USER, sshUser);
            return null;
        } catch (InvalidValueException e) {
            return e.getMessage();
        }
    }

    /** TEP of the first controller in ept.node: the source address of the jump to the leaf. */
    private String apicTep(String fabric) {
        Document apic = infrastructure.database().getCollection("ept.node")
                .find(new Document("fabric", fabric).append("role", "controller")).sort(new Document("node", 1)).first();
        return apic == null ? null : apic.getString("addr");
    }
}
