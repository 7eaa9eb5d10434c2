package io.ept.monitor;

import io.ept.apic.ApicMo;
import io.ept.apic.ApicWebsocket;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration and node events against a mirror built from the simulator's demo fabric. */
class ConfigurationSyncTest {

    private MonitorTestBed bed;
    private MoMirror mirror;
    private ApicConnection apic;
    private ConfigurationSync sync;
    private final List<String> flushed = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        bed = new MonitorTestBed(false);
        FabricEventLog events = bed.events();
        WebsocketFrames frames = new WebsocketFrames(MonitorTestBed.FABRIC, bed.env(),
                new RejectedRecords(MonitorTestBed.FABRIC, bed.mongo.database(), 100), events);
        apic = new ApicConnection(bed.settings(), bed.env(), frames, events, new StopSignal(),
                ApicWebsocket.DEFAULT_MAX_FRAME_CHARS);
        apic.logIn();
        mirror = new MoMirror(MonitorTestBed.FABRIC, bed.env(), (fabric, table) -> flushed.add(table));
        mirror.replaceAll(FabricReader.readTopologyClasses(apic.session(), () -> { }), 1000.0, () -> { });
        flushed.clear();
        sync = new ConfigurationSync(MonitorTestBed.FABRIC, bed.env(), apic, mirror, "explicit", events);
    }

    @AfterEach
    void stop() throws IOException {
        bed.close();
    }

    private static ApicMo mo(String cls, Map<String, String> attributes) {
        return new ApicMo(cls, attributes, List.of());
    }

    @Test
    void aChangedVpcPairTypeEndsTheSubscriberForARebuild() {
        sync.handle(mo("fabricProtPol", Map.of("dn", "uni/fabric/protpol", "status", "modified", "pairT", "explicit")), 1.0);
        SubscriberStop stopped = assertThrows(SubscriberStop.class, () -> sync.handle(mo("fabricProtPol",
                Map.of("dn", "uni/fabric/protpol", "status", "modified", "pairT", "consecutive")), 1.0));
        assertEquals(StopReason.rebuild("vPC pair type changed from explicit to consecutive"), stopped.reason());
    }

    @Test
    void aKnownLeafBecomingActiveEndsTheSubscriberAndANameChangeIsWritten() {
        sync.handle(mo("fabricNode", Map.of("dn", "topology/pod-1/node-101", "status", "modified", "name", "leaf-101-new")), 1.0);
        assertEquals("leaf-101-new", bed.mongo.database().getCollection("ept.node")
                .find(new Document("fabric", MonitorTestBed.FABRIC).append("node", 101)).first().getString("name"));
        assertEquals("leaf-101-new", mirror.row("ept.node", 101).getString("name"), "the mirror's row follows");
        SubscriberStop stopped = assertThrows(SubscriberStop.class, () -> sync.handle(mo("fabricNode",
                Map.of("dn", "topology/pod-1/node-101", "status", "modified", "fabricSt", "active")), 1.0));
        assertEquals(StopReason.Kind.REBUILD, stopped.reason().kind());
        assertTrue(stopped.reason().restartsAtOnce());
    }

    /** A design-size fabric takes minutes to mirror: the subscriptions are refreshed between the steps. */
    @Test
    void readingAndMirroringTheConfigurationKeepTheSubscriptionsAlive() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, List<ApicMo>> classes = FabricReader.readTopologyClasses(apic.session(), reads::incrementAndGet);
        assertEquals(classes.size(), reads.get(), "after every class read");
        java.util.concurrent.atomic.AtomicInteger mirrored = new java.util.concurrent.atomic.AtomicInteger();
        mirror.replaceAll(classes, 2000.0, mirrored::incrementAndGet);
        long copied = classes.keySet().stream()
                .filter(c -> ApicClasses.CONFIG.contains(c) || ApicClasses.OPTIONAL_CONFIG.contains(c)).count();
        assertEquals(copied + TopologyBuilder.COLLECTIONS.size(), mirrored.get(), "after every class copied and table written");
        assertTrue(mirror.hasRows("ept.node"));
    }

    @Test
    void configurationEventsReachTheMirrorWhenApplied() {
        String dn = "uni/tn-ept-test/BD-bd-new";
        sync.handle(mo("fvBD", Map.of("dn", dn, "status", "created", "name", "bd-new", "seg", "16000001",
                "scope", "2916352", "pcTag", "49153")), 1.0);
        assertNull(copy("fvbd", dn), "not before applyPending");
        sync.applyPending();
        assertNotNull(copy("fvbd", dn));
        assertTrue(mirror.knows("fvBD", dn));
        assertTrue(flushed.contains("ept.vnid"), "the new BD's vnid row is announced: " + flushed);
    }

    @Test
    void anUntrustedVpcEventIsReReadAndAbsentMeansDeleted() {
        Document anyVpc = bed.mongo.database().getCollection("mo.vpcrsvpcconf").find().first();
        assertNotNull(anyVpc, "the demo fabric has a vPC");
        String dn = anyVpc.getString("dn");
        sync.handle(mo("vpcRsVpcConf", Map.of("dn", dn, "status", "modified")), 1.0);
        sync.applyPending();
        assertNotNull(copy("vpcrsvpcconf", dn), "still on the APIC: kept");

        String gone = dn.replace("node-", "node-9");
        sync.handle(mo("vpcRsVpcConf", Map.of("dn", gone, "status", "created")), 1.0);
        sync.applyPending();
        assertNull(copy("vpcrsvpcconf", gone), "not on the APIC: deleted");
    }

    private Document copy(String collection, String dn) {
        return bed.mongo.database().getCollection("mo." + collection)
                .find(new Document("fabric", MonitorTestBed.FABRIC).append("dn", dn)).first();
    }

    @Test
    void reconcilingAfterAGapHandlesTheDifferencesAsTheApicsEvents() {
        Map<String, List<ApicMo>> fresh = FabricReader.readTopologyClasses(apic.session(), () -> { });
        List<ApicMo> bds = new ArrayList<>(fresh.get("fvBD"));
        ApicMo removed = bds.remove(0);
        ApicMo changed = bds.remove(0);
        Map<String, String> renamed = new java.util.LinkedHashMap<>(changed.attributes());
        renamed.put("descr", "changed while the websocket was down");
        bds.add(new ApicMo("fvBD", renamed, List.of()));
        bds.add(mo("fvBD", Map.of("dn", "uni/tn-ept-test/BD-gap", "name", "gap", "seg", "16000002", "scope", "2916352",
                "pcTag", "49154")));
        fresh.put("fvBD", bds);
        List<ApicMo> nodes = new ArrayList<>();
        for (ApicMo node : fresh.get("fabricNode")) {
            Map<String, String> attributes = new java.util.LinkedHashMap<>(node.attributes());
            if (node.dn().equals("topology/pod-1/node-101")) {
                attributes.put("fabricSt", "inactive");
            }
            nodes.add(new ApicMo("fabricNode", attributes, List.of()));
        }
        fresh.put("fabricNode", nodes);

        assertEquals(4, sync.reconcile(fresh, 2.0), "a delete, a change, a create and a node state");
        assertNull(copy("fvbd", removed.dn()));
        assertEquals("changed while the websocket was down", copy("fvbd", changed.dn()).getString("descr"));
        assertNotNull(copy("fvbd", "uni/tn-ept-test/BD-gap"));
        assertEquals("inactive", bed.mongo.database().getCollection("ept.node")
                .find(new Document("fabric", MonitorTestBed.FABRIC).append("node", 101)).first().getString("state"));
        assertEquals(1, bed.toWatcher.size(), "the leaf's endpoints go to the watcher, as for its event");
        assertEquals(0, sync.reconcile(fresh, 3.0), "nothing left to reconcile: the mirror holds what was read");
    }

    @Test
    void aPairTypeChangedDuringAGapEndsTheSubscriberForARebuild() {
        Map<String, List<ApicMo>> fresh = FabricReader.readTopologyClasses(apic.session(), () -> { });
        ApicMo protPol = fresh.get("fabricProtPol").get(0);
        Map<String, String> attributes = new java.util.LinkedHashMap<>(protPol.attributes());
        attributes.put("pairT", "consecutive");
        fresh.put("fabricProtPol", List.of(new ApicMo("fabricProtPol", attributes, List.of())));
        SubscriberStop stopped = assertThrows(SubscriberStop.class, () -> sync.reconcile(fresh, 2.0));
        assertEquals(StopReason.rebuild("vPC pair type changed from explicit to consecutive"), stopped.reason());
    }
}
