package io.ept.cluster;

import io.ept.support.MongoTestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lease timer and a user's start taking the same fabric at once on one node (seen in a bench run: the second
 * take got token 2 and fenced the subscriber the first had started, which then stopped).
 */
class FabricOwnershipTest {

    @Test
    void aLeaseBeingTakenOrHeldHereIsNotTakenAgain() {
        try (MongoTestServer mongo = new MongoTestServer()) {
            FabricOwnership ownership = new FabricOwnership();
            ownership.infrastructure = mongo.infrastructure();
            ownership.nodes = new NodeRegistry() {
                @Override
                public String nodeId() {
                    return "node-1";
                }

                @Override
                public String instance() {
                    return "instance-1";
                }

                @Override
                public Set<String> missingRoles() {
                    return Set.of();
                }
            };
            ownership.terms = LeaseTerms.forFailover(30);
            List<String> started = new ArrayList<>();
            ownership.subscribers = new FabricSubscribers() {
                @Override
                public void leaseTaken(String fabric, String reason) {
                    started.add(reason);
                    if (started.size() == 1) {
                        // the other taker arrives while the first is starting the subscriber
                        assertTrue(ownership.takeNow(fabric, "the timer"), "it starts here");
                    }
                }

                @Override
                public void leaseEnded(String fabric, String reason, boolean wait) {
                    started.add("ended: " + reason);
                }

                @Override
                public FabricLeases.SubscriberReport report(String fabric) {
                    return null;
                }
            };
            assertTrue(ownership.takeNow("f1", "user requested start"));
            assertEquals(List.of("user requested start"), started);
            assertEquals(1, ownership.token("f1"));
            assertTrue(ownership.takeNow("f1", "started again"), "held here already");
            assertEquals(List.of("user requested start"), started);
            assertEquals(1, ownership.token("f1"), "not taken again: a new token would fence its own subscriber");
        }
    }
}
