package io.ept.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.watch.WatchNode;
import io.ept.analysis.watch.WatchRapid;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A watch job's endpoint key and node become log fields (MDC) while it is handled. */
class WatchLogFieldsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void anEndpointJobPutsItsKey() {
        List<String> put = WatchService.logFields(new WatchRapid("f1", 2818048, "10.1.2.12", EndpointType.IPV4, 1.0, 9, 2.5, "vrf"));
        assertEquals(List.of("endpoint"), put);
        assertEquals("2818048:10.1.2.12", MDC.get("endpoint"));
        assertNull(MDC.get("node"));
    }

    @Test
    void aNodeJobPutsItsNode() {
        List<String> put = WatchService.logFields(new WatchNode("f1", 1.0, 101, "inactive"));
        assertEquals(List.of("node"), put);
        assertEquals("101", MDC.get("node"));
        assertNull(MDC.get("endpoint"));
    }
}
