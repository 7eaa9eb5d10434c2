package io.ept.hierarchy;

import io.ept.hierarchy.FabricHierarchy.Counts;
import io.ept.hierarchy.FabricHierarchy.EpgRow;
import io.ept.hierarchy.FabricHierarchy.Node;
import io.ept.hierarchy.FabricHierarchy.VnidRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FabricHierarchyTest {

    private static final List<VnidRow> VNIDS = List.of(
            new VnidRow("uni/tn-tn1/ctx-vrf1", 100, 100, false),
            new VnidRow("uni/tn-common/ctx-shared", 200, 200, false),
            new VnidRow("uni/tn-tn1/BD-bd1", 11, 100, false),
            new VnidRow("uni/tn-tn1/BD-bd2", 12, 100, false),
            new VnidRow("uni/tn-tn2/BD-web", 21, 200, false),
            new VnidRow("uni/tn-tn1/out-l3/instP-ext", 99, 100, true));
    private static final List<EpgRow> EPGS = List.of(
            new EpgRow("uni/tn-tn1/ap-app1/epg-web", 100, 11),
            new EpgRow("uni/tn-tn1/ap-app1/epg-db", 100, 12),
            new EpgRow("uni/tn-tn2/ap-shop/epg-front", 200, 21),
            new EpgRow("uni/tn-tn1/ap-app1/epg-orphan", 100, 0));
    private static final Map<String, Counts> COUNTS = Map.of(
            "uni/tn-tn1/ap-app1/epg-web", new Counts(3, 2, 1),
            "uni/tn-tn1/ap-app1/epg-db", new Counts(1, 1, 0),
            "uni/tn-tn2/ap-shop/epg-front", new Counts(5, 0, 0),
            "uni/tn-tn1/ap-app1/epg-orphan", new Counts(0, 1, 0),
            "uni/tn-gone/ap-x/epg-y", new Counts(7, 0, 0));

    @Test
    void countsAddUpFromEpgToTenant() {
        FabricHierarchy.Tree tree = FabricHierarchy.build(VNIDS, EPGS, COUNTS);
        assertEquals(List.of("common", "tn1"), tree.tenants().stream().map(Node::name).toList());
        Node tn1 = tree.find("uni/tn-tn1");
        assertEquals(new Counts(4, 4, 1), tn1.counts());
        Node vrf1 = tree.find("uni/tn-tn1/ctx-vrf1");
        assertEquals(FabricHierarchy.VRF, vrf1.level());
        assertEquals(List.of("(unresolved BD)", "bd1", "bd2"), vrf1.children().stream().map(Node::name).toList());
        assertEquals(new Counts(3, 2, 1), tree.find("uni/tn-tn1/BD-bd1").counts());
        assertEquals(9, tn1.counts().total());
        assertEquals(new Counts(7, 0, 0), tree.unassigned(), "endpoints of an EPG not in the tables");
    }

    @Test
    void bdOfAnotherTenantHangsUnderTheSharedVrfsTenant() {
        FabricHierarchy.Tree tree = FabricHierarchy.build(VNIDS, EPGS, COUNTS);
        Node common = tree.find("uni/tn-common");
        assertEquals("uni/tn-tn2/BD-web", common.children().get(0).children().get(0).dn());
        assertEquals(new Counts(5, 0, 0), common.counts());
    }

    @Test
    void externalBdsAreLeftOutAndEpgsBelowAnyLevelAreListed() {
        FabricHierarchy.Tree tree = FabricHierarchy.build(VNIDS, EPGS, COUNTS);
        assertNull(tree.find("uni/tn-tn1/out-l3/instP-ext"));
        assertEquals(Set.of("uni/tn-tn1/ap-app1/epg-web", "uni/tn-tn1/ap-app1/epg-db", "uni/tn-tn1/ap-app1/epg-orphan"),
                tree.find("uni/tn-tn1").epgs());
        assertEquals(Set.of("uni/tn-tn1/ap-app1/epg-db"), tree.find("uni/tn-tn1/BD-bd2").epgs());
        assertEquals(Set.of("uni/tn-tn1/ap-app1/epg-web"), tree.find("uni/tn-tn1/ap-app1/epg-web").epgs());
    }

    @Test
    void emptyTablesGiveAnEmptyTree() {
        FabricHierarchy.Tree tree = FabricHierarchy.build(List.of(), List.of(), Map.of());
        assertEquals(List.of(), tree.tenants());
        assertEquals(Counts.NONE, tree.unassigned());
    }

    @Test
    void namesComeFromTheDn() {
        assertEquals("tn1", FabricHierarchy.tenantOf("uni/tn-tn1/ctx-vrf1"));
        assertEquals("(no tenant)", FabricHierarchy.tenantOf("vnid-5"));
        assertEquals("web", FabricHierarchy.lastRdn("uni/tn-tn1/ap-app1/epg-web"));
        assertEquals("my-bd", FabricHierarchy.lastRdn("uni/tn-tn1/BD-my-bd"));
    }
}
