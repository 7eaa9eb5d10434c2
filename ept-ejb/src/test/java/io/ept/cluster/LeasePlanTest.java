package io.ept.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeasePlanTest {

    private static final long NOW = 1_000_000;

    private static FabricLease lease(String fabric, String owner, long expires, String moveTo) {
        return new FabricLease(fabric, owner, "i-" + owner, 3, expires, moveTo, "running", "", 0, 0);
    }

    @Test
    void aNodeTakesFreeFabricsUpToItsFairShare() {
        LeasePlan plan = LeasePlan.decide("a", NOW, Set.of("a", "b", "c"), Set.of("f1", "f2", "f3", "f4"),
                Map.of(), Set.of());
        assertEquals(2, plan.acquire().size(), "4 fabrics over 3 nodes: at most 2 each");
        assertTrue(plan.release().isEmpty());
    }

    @Test
    void aFabricHeldByALiveLeaseIsNotTaken() {
        LeasePlan plan = LeasePlan.decide("a", NOW, Set.of("a", "b"), Set.of("f1"),
                Map.of("f1", lease("f1", "b", NOW + 10_000, "")), Set.of());
        assertEquals(List.of(), plan.acquire());
    }

    @Test
    void anExpiredLeaseOfADeadNodeIsTaken() {
        LeasePlan plan = LeasePlan.decide("a", NOW, Set.of("a"), Set.of("f1"),
                Map.of("f1", lease("f1", "b", NOW - 1, "")), Set.of());
        assertEquals(List.of("f1"), plan.acquire());
    }

    @Test
    void aRestartedNodeTakesBackALeaseInItsOwnName() {
        LeasePlan plan = LeasePlan.decide("a", NOW, Set.of("a"), Set.of("f1"),
                Map.of("f1", lease("f1", "a", NOW + 10_000, "")), Set.of());
        assertEquals(List.of("f1"), plan.acquire());
    }

    @Test
    void aStoppedFabricIsGivenUp() {
        LeasePlan plan = LeasePlan.decide("a", NOW, Set.of("a"), Set.of(),
                Map.of("f1", lease("f1", "a", NOW + 10_000, "")), Set.of("f1"));
        assertEquals(Set.of("f1"), plan.release().keySet());
    }

    @Test
    void aMovedFabricIsGivenUpByItsHolderAndTakenOnlyByTheTarget() {
        Map<String, FabricLease> leases = Map.of("f1", lease("f1", "a", NOW + 10_000, "c"));
        LeasePlan holder = LeasePlan.decide("a", NOW, Set.of("a", "b", "c"), Set.of("f1"), leases, Set.of("f1"));
        assertTrue(holder.release().get("f1").contains("moved to node c"));

        Map<String, FabricLease> released = Map.of("f1", lease("f1", "", 0, "c"));
        assertEquals(List.of(), LeasePlan.decide("b", NOW, Set.of("a", "b", "c"), Set.of("f1"), released, Set.of())
                .acquire(), "another node leaves a moved fabric to its target");
        assertEquals(List.of("f1"), LeasePlan.decide("c", NOW, Set.of("a", "b", "c"), Set.of("f1"), released,
                Set.of()).acquire());
    }

    @Test
    void aMoveToADeadNodeIsIgnored() {
        Map<String, FabricLease> leases = Map.of("f1", lease("f1", "", 0, "gone"));
        assertEquals(List.of("f1"), LeasePlan.decide("a", NOW, Set.of("a"), Set.of("f1"), leases, Set.of()).acquire());
        Map<String, FabricLease> held = Map.of("f1", lease("f1", "a", NOW + 10_000, "gone"));
        assertTrue(LeasePlan.decide("a", NOW, Set.of("a"), Set.of("f1"), held, Set.of("f1")).release().isEmpty());
    }

    @Test
    void aNodeHoldingMoreThanItsShareGivesOneBackWhenAnotherHasLess() {
        Map<String, FabricLease> leases = new HashMap<>();
        for (String f : List.of("f1", "f2", "f3", "f4")) {
            leases.put(f, lease(f, "a", NOW + 10_000, ""));
        }
        LeasePlan plan = LeasePlan.decide("a", NOW, Set.of("a", "b"), Set.of("f1", "f2", "f3", "f4"), leases,
                Set.of("f1", "f2", "f3", "f4"));
        assertEquals(1, plan.release().size(), "one per tick, so the spread settles without a stampede");

        LeasePlan alone = LeasePlan.decide("a", NOW, Set.of("a"), Set.of("f1", "f2", "f3", "f4"), leases,
                Set.of("f1", "f2", "f3", "f4"));
        assertTrue(alone.release().isEmpty(), "a single node keeps everything");
    }
}
