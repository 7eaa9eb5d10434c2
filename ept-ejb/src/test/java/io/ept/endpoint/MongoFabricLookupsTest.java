package io.ept.endpoint;

import com.mongodb.client.MongoDatabase;
import io.ept.analysis.lookup.EpgKind;
import io.ept.analysis.lookup.VpcNodeIds;
import io.ept.support.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoFabricLookupsTest {
    final MongoTestServer mongo = new MongoTestServer();
    final MongoDatabase db = mongo.database();
    final MongoFabricLookups lookups = new MongoFabricLookups(db, "fab1");
    final int vpcNode = VpcNodeIds.pseudoNodeId(101, 102);

    {
        db.getCollection("ept.node").insertMany(List.of(
                new Document("fabric", "fab1").append("node", 101).append("pod_id", 1).append("name", "leaf-101")
                        .append("role", "leaf").append("addr", "10.0.0.101").append("peer", 102),
                new Document("fabric", "fab1").append("node", vpcNode).append("pod_id", 1).append("name", "")
                        .append("role", "vpc").append("addr", "10.0.0.100").append("peer", 0),
                new Document("fabric", "fab2").append("node", 103).append("pod_id", 2).append("role", "leaf")));
        db.getCollection("ept.tunnel").insertOne(new Document("fabric", "fab1")
                .append("name", "topology/pod-1/node-101/sys/tunnel-[tunnel100]").append("node", 101)
                .append("intf", "tunnel100").append("dst", "10.0.0.100").append("src", "10.0.0.101")
                .append("remote", vpcNode).append("status", "up").append("encap", "ivxlan")
                .append("flags", "physical").append("ts", 1.0));
        db.getCollection("ept.vpc").insertOne(new Document("fabric", "fab1").append("name", "x").append("node", 101)
                .append("intf", "po2").append("vpc", 384));
        db.getCollection("ept.pc").insertOne(new Document("fabric", "fab1").append("name", "y").append("node", 101)
                .append("intf", "po2").append("intf_name", "ag_vpc1").append("members", List.of("eth1/1")));
        db.getCollection("ept.epg").insertOne(new Document("fabric", "fab1").append("name", "uni/tn-ag/esg-s1")
                .append("vrf", 2916352).append("pctag", 49153).append("bd", 0).append("is_attr_based", false)
                .append("kind", "esg"));
        db.getCollection("ept.vnid").insertOne(new Document("fabric", "fab1").append("name", "uni/tn-ag/out-o/encap")
                .append("vnid", 15400000).append("vrf", 2916352).append("external", true).append("pctag", 0)
                .append("encap", "vlan-99"));
        db.getCollection("ept.subnet").insertOne(new Document("fabric", "fab1")
                .append("name", "uni/tn-ag/BD-bd1/subnet-[10.1.1.1/24]").append("bd", 15007697)
                .append("ip", "10.1.1.1/24").append("type", "ipv4"));
        db.getCollection("ept.settings").insertOne(new Document("fabric", "fab1").append("settings", "default")
                .append("overlay_vnid", 16777209));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void readsEveryTopologyCollectionOfItsFabric() {
        assertEquals(102, lookups.peerNode(101));
        assertEquals(1, lookups.podId(101));
        assertEquals("vpc", lookups.node(vpcNode).orElseThrow().role());
        assertTrue(lookups.node(103).isEmpty(), "node of another fabric");
        assertEquals(vpcNode, lookups.tunnel(101, "tunnel100").orElseThrow().remote());
        assertEquals(384, lookups.vpcId(101, "po2"));
        assertEquals(0, lookups.vpcId(101, "po9"));
        assertEquals("ag_vpc1", lookups.pcName(101, "po2"));
        assertEquals(EpgKind.ESG, lookups.epg(2916352, 49153).orElseThrow().kind());
        assertTrue(lookups.isExternalBd(15400000));
        assertEquals("vlan-99", lookups.vnid(15400000).orElseThrow().encap());
        assertEquals(1, lookups.subnets(15007697).size());
        assertTrue(lookups.subnets(15007697).get(0).contains(new byte[] {10, 1, 1, 77}));
        assertEquals(16777209, lookups.overlayVnid());
    }

    @Test
    void cachedUntilFlushedByName() {
        assertEquals(1, lookups.subnets(15007697).size());
        assertFalse(lookups.epg(2916352, 32769).isPresent());
        db.getCollection("ept.subnet").insertOne(new Document("fabric", "fab1").append("name", "s2")
                .append("bd", 15007697).append("ip", "10.1.2.1/24"));
        db.getCollection("ept.epg").insertOne(new Document("fabric", "fab1").append("name", "e1")
                .append("vrf", 2916352).append("pctag", 32769).append("bd", 15007697).append("kind", "epg"));
        assertEquals(1, lookups.subnets(15007697).size(), "cached");
        lookups.flush(MongoFabricLookups.SUBNET);
        assertEquals(2, lookups.subnets(15007697).size());
        assertFalse(lookups.epg(2916352, 32769).isPresent(), "negative result cached too");
        lookups.flush(MongoFabricLookups.EPG);
        assertEquals(15007697, lookups.epg(2916352, 32769).orElseThrow().bd());

        assertEquals(16777209, lookups.overlayVnid());
        db.getCollection("ept.settings").updateOne(eq("fabric", "fab1"),
                new Document("$set", new Document("overlay_vnid", 7)));
        assertEquals(16777209, lookups.overlayVnid());
        lookups.flush(MongoFabricLookups.ALL);
        assertEquals(7, lookups.overlayVnid());
    }

    /** The (node, "tunnelN") keys of a design-size fabric (400 leaves, 600 tunnels each) get distinct hashes. */
    @Test
    void tunnelKeysOfALargeFabricSpreadOverTheHashTable() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        java.util.Set<Integer> recordHashes = new java.util.HashSet<>();
        int keys = 0;
        for (int node = 101; node <= 500; node++) {
            for (int t = 1; t <= 600; t++) {
                MongoFabricLookups.NodeIntf key = new MongoFabricLookups.NodeIntf(node, "tunnel" + t);
                hashes.add(key.hashCode());
                recordHashes.add(31 * node + key.intf().hashCode()); // what the record's default hash gave
                keys++;
            }
        }
        assertTrue(hashes.size() > keys * 0.99, hashes.size() + " distinct hashes of " + keys);
        assertTrue(recordHashes.size() < keys * 0.2, "the default hash clustered: " + recordHashes.size());
        MongoFabricLookups.NodeIntf a = new MongoFabricLookups.NodeIntf(101, "tunnel2");
        assertEquals(0, a.compareTo(new MongoFabricLookups.NodeIntf(101, "tunnel2")));
        assertTrue(a.compareTo(new MongoFabricLookups.NodeIntf(102, "tunnel1")) < 0);
        assertTrue(a.compareTo(new MongoFabricLookups.NodeIntf(101, "tunnel10")) > 0);
        assertTrue(new MongoFabricLookups.NodeIntf(101, null).compareTo(a) < 0);
    }
}
