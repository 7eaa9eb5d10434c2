package io.ept.monitor;

import io.ept.apic.ApicMo;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import io.ept.platform.JsonSupport;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the configuration mirror in step with the APIC's configuration and node events after the build
 * (ept-reference 3.12, 7.3): configuration objects update the mirror in batches, a vPC domain change re-reads the
 * node classes (soft reset), a leaf leaving the active state hands its endpoints to the watcher, and what the
 * mirror cannot follow (vPC pair type changed, a leaf became active) ends the subscriber for a rebuild.
 */
public final class ConfigurationSync {

    private final String fabric;
    private final MonitorEnvironment env;
    private final ApicConnection apic;
    private final MoMirror mirror;
    private final String pairType;
    private final FabricEventLog events;
    private final List<ApicMo> pending = new ArrayList<>();

    public ConfigurationSync(String fabric, MonitorEnvironment env, ApicConnection apic, MoMirror mirror,
                             String pairType, FabricEventLog events) {
        this.fabric = fabric;
        this.env = env;
        this.apic = apic;
        this.mirror = mirror;
        this.pairType = pairType;
        this.events = events;
    }

    /** One configuration or node event; configuration objects wait for {@link #applyPending()}. */
    public void handle(ApicMo mo, double ts) {
        String cls = mo.className();
        if ("fabricNode".equals(cls)) {
            handleNodeEvent(mo, ts);
            rememberKnown(mo);
        } else if ("fabricProtPol".equals(cls)) {
            String pairT = mo.attr("pairT");
            if (!pairT.isEmpty() && !pairT.equals(pairType)) {
                throw new SubscriberStop(StopReason.rebuild("vPC pair type changed from " + pairType + " to " + pairT));
            }
            rememberKnown(mo);
        } else if ("fabricExplicitGEp".equals(cls) || "fabricAutoGEp".equals(cls)) {
            softReset("vPC domain " + mo.status() + ": " + mo.dn());
        } else {
            pending.add(resolveConfigEvent(mo));
        }
    }

    /**
     * After a websocket gap: the differences between the classes re-read from the APIC and the mirror are handled as
     * the events the APIC sent while no websocket was connected (so a vPC pair type change or a leaf becoming active
     * still ends the subscriber for a rebuild, a vPC domain change still soft-resets); returns how many there were.
     */
    public int reconcile(Map<String, List<ApicMo>> fresh, double ts) {
        int differences = 0;
        for (List<String> classes : List.of(ApicClasses.SLOW, ApicClasses.CONFIG, ApicClasses.OPTIONAL_CONFIG)) {
            for (String cls : classes) {
                List<ApicMo> current = fresh.get(cls);
                if (current == null) {
                    continue;
                }
                for (ApicMo event : mirror.differences(cls, current)) {
                    handle(event, ts);
                    differences++;
                }
            }
        }
        applyPending();
        return differences;
    }

    /** A handled event of a known node or pair policy updates the mirror's object: what a later reconcile compares with. */
    private void rememberKnown(ApicMo mo) {
        if (mirror.knows(mo.className(), mo.dn())) {
            mirror.remember(mo);
        }
    }

    /** Writes the configuration events handled since the last call into the mirror. */
    public void applyPending() {
        if (!pending.isEmpty()) {
            mirror.apply(List.copyOf(pending), FabricEventLog.now());
            pending.clear();
        }
    }

    /**
     * vpcRsVpcConf events are not trusted (CSCvm84902) and a modified event for an unknown object cannot be
     * merged: both are re-read from the APIC; not found means deleted.
     */
    private ApicMo resolveConfigEvent(ApicMo mo) {
        boolean untrusted = "vpcRsVpcConf".equals(mo.className());
        boolean unknownModified = "modified".equals(mo.status()) && !mirror.knows(mo.className(), mo.dn());
        if (!untrusted && !unknownModified) {
            return mo;
        }
        ApicMo current = apic.call(() -> apic.session().mo(mo.dn(), Map.of()));
        if (current == null) {
            return new ApicMo(mo.className(), Map.of("dn", mo.dn(), "status", "deleted"), List.of());
        }
        Map<String, String> attributes = new LinkedHashMap<>(current.attributes());
        attributes.put("status", "created");
        return new ApicMo(current.className(), attributes, List.of());
    }

    /** ept-reference 3.12: a leaf leaving the active state loses its entries; one (re)joining forces a rebuild. */
    private void handleNodeEvent(ApicMo mo, double ts) {
        int node = Dns.node(mo.dn());
        Document known = mirror.row("ept.node", node);
        String fabricSt = mo.attr("fabricSt");
        if (known != null && !mo.attr("name").isEmpty() && !mo.attr("name").equals(known.getString("name"))) {
            env.database().getCollection("ept.node").updateOne(
                    new Document("fabric", fabric).append("node", node), new Document("$set", new Document("name", mo.attr("name"))));
            mirror.updateRow("ept.node", node, "name", mo.attr("name"));
        }
        if (fabricSt.isEmpty()) {
            return;
        }
        if (known != null) {
            if (!"leaf".equals(known.getString("role"))) {
                return;
            }
            if ("active".equals(fabricSt)) {
                throw new SubscriberStop(StopReason.rebuild("leaf " + node + " became active"));
            }
            env.database().getCollection("ept.node").updateOne(
                    new Document("fabric", fabric).append("node", node), new Document("$set", new Document("state", fabricSt)));
            String body = JsonSupport.JSON.createObjectBuilder().add("fabric", fabric).add("ts", ts).add("node", node)
                    .add("status", fabricSt).build().toString();
            env.sendToWatcher(List.of(new WorkItem(WorkTypes.WATCH_NODE, fabric + "|node|" + node,
                    WorkItem.PRIORITY_CONTROL, body)), 0);
            events.add("warning", "leaf " + node + " is " + fabricSt + ": its endpoints are removed");
        } else if ("active".equals(fabricSt)) {
            int pod = Math.max(1, Dns.pod(mo.dn()));
            ApicMo current = apic.call(() -> apic.session().mo("topology/pod-" + pod + "/node-" + node, Map.of()));
            if (current != null && "leaf".equals(current.attr("role"))) {
                throw new SubscriberStop(StopReason.rebuild("new leaf " + node + " became active"));
            }
        }
    }

    /** vPC domain change: re-read node, vPC, port-channel and tunnel state; any failure becomes a hard restart. */
    private void softReset(String reason) {
        events.add("soft-reset", reason);
        try {
            Map<String, List<ApicMo>> classes = new HashMap<>();
            for (String cls : List.of("fabricNode", "fabricAutoGEp", "pcAggrIf", "pcRsMbrIfs", "tunnelIf",
                    "vpcRsVpcConf", "topSystem", "firmwareRunning", "firmwareCtrlrRunning")) {
                classes.put(cls, FabricReader.readClass(apic.session(), cls, Map.of()));
            }
            classes.put("fabricExplicitGEp", FabricReader.readClass(apic.session(), "fabricExplicitGEp",
                    Map.of("rsp-subtree", "full", "rsp-subtree-class", "fabricNodePEp")));
            mirror.replaceClasses(classes, FabricEventLog.now());
        } catch (RuntimeException e) {
            throw new SubscriberStop(StopReason.rebuild("soft reset failed: " + e.getMessage()));
        }
    }
}
