package io.ept.cluster;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lease operations against a MongoDB-wire-protocol server over a socket. */
class FabricLeasesTest {

    private static final long LEASE = 20_000;
    private static final FabricLeases.SubscriberReport RUNNING = new FabricLeases.SubscriberReport("running", "", 1.0);
    private MongoServer server;
    private MongoClient client;
    private FabricLeases leases;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        leases = new FabricLeases(client.getDatabase("ept"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void onlyOneNodeTakesAFreeLeaseAndTheOtherWaitsForItToExpire() {
        FabricLease a = leases.acquire("f1", "a", "ia", 1000, LEASE).orElseThrow();
        assertEquals(1, a.token());
        assertEquals(Optional.empty(), leases.acquire("f1", "b", "ib", 1000 + LEASE - 1, LEASE));
        FabricLease b = leases.acquire("f1", "b", "ib", 1000 + LEASE, LEASE).orElseThrow();
        assertEquals("b", b.owner());
        assertEquals(2, b.token(), "every acquisition raises the fencing token");
        assertEquals(1000 + LEASE, b.acquired());
    }

    @Test
    void aRenewalKeepsTheLeaseUntilAnotherNodeTookIt() {
        FabricLease a = leases.acquire("f1", "a", "ia", 1000, LEASE).orElseThrow();
        FabricLease renewed = leases.renew(a, 15_000, LEASE, RUNNING).orElseThrow();
        assertEquals(35_000, renewed.expires());
        assertEquals("running", renewed.status());
        assertEquals(Optional.empty(), leases.acquire("f1", "b", "ib", 30_000, LEASE));
        leases.acquire("f1", "b", "ib", 35_000, LEASE).orElseThrow();
        assertFalse(leases.renew(renewed, 36_000, LEASE, RUNNING).isPresent(), "a lapsed holder cannot renew");
    }

    @Test
    void aRestartedNodeTakesBackItsOwnLeaseWithANewToken() {
        FabricLease old = leases.acquire("f1", "a", "boot1", 1000, LEASE).orElseThrow();
        FabricLease again = leases.acquire("f1", "a", "boot2", 2000, LEASE).orElseThrow();
        assertEquals(old.token() + 1, again.token());
        assertFalse(leases.renew(old, 3000, LEASE, RUNNING).isPresent(), "the old boot's lease is gone");
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndAMoveRequestReachesTheHolder() {
        FabricLease a = leases.acquire("f1", "a", "ia", 1000, LEASE).orElseThrow();
        leases.requestMove("f1", "b");
        assertEquals("b", leases.renew(a, 2000, LEASE, RUNNING).orElseThrow().moveTo());
        leases.release(a, "moved");
        FabricLease b = leases.acquire("f1", "b", "ib", 2001, LEASE).orElseThrow();
        assertEquals("", b.moveTo(), "taking the lease completes the move");
        assertTrue(b.token() > a.token());
    }

    @Test
    void workOfAnOlderTokenIsFencedOnlyWhenSentAfterTheNewLease() {
        assertTrue(LeaseFence.admits(2, 5000, 2, 4000), "current token");
        assertTrue(LeaseFence.admits(1, 3999, 2, 4000), "sent while its lease was valid");
        assertFalse(LeaseFence.admits(1, 4000, 2, 4000), "sent after the lease passed on");
    }
}
