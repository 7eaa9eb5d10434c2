package io.ept.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseTermsTest {

    @Test
    void theDefaultFailoverGivesATwentySecondLeaseRenewedEveryFive() {
        LeaseTerms terms = LeaseTerms.forFailover(60);
        assertEquals(20_000, terms.leaseMillis());
        assertEquals(5_000, terms.renewMillis());
        assertEquals(15_000, terms.holderValidityMillis(), "the holder stops 5 s before another node may take over");
    }

    @Test
    void theHolderAlwaysStopsBeforeTheStoreFreesTheLeaseAndFailoverFitsTheSetting() {
        for (long failover = 8; failover <= 600; failover++) {
            LeaseTerms terms = LeaseTerms.forFailover(failover);
            assertTrue(terms.holderValidityMillis() < terms.leaseMillis());
            // a node dies right after a renewal: lease end + one tick of a survivor, with the rest left for the start
            assertTrue(terms.leaseMillis() + terms.renewMillis() < failover * 1000 / 2);
        }
        assertThrows(IllegalArgumentException.class, () -> LeaseTerms.forFailover(5));
    }
}
