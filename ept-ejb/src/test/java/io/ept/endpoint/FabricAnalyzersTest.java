package io.ept.endpoint;

import io.ept.analysis.engine.AnalysisResult;
import io.ept.analysis.engine.EndpointAnalyzer;
import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointKey;
import io.ept.analysis.model.EpmEvent;
import io.ept.analysis.model.Settings;
import io.ept.analysis.store.InMemoryEndpointStore;
import io.ept.analysis.support.FakeClock;
import io.ept.analysis.support.Topology;
import org.junit.jupiter.api.Test;

import static io.ept.analysis.support.Events.mac;
import static io.ept.analysis.support.Topology.BD1;
import static io.ept.analysis.support.Topology.E1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 item 1: the per-fabric analysis state a worker keeps, and what deleting a fabric leaves of it. */
class FabricAnalyzersTest {
    static final String MAC = "00:00:40:01:01:01";
    static final EndpointKey KEY = new EndpointKey(Topology.FABRIC, BD1, MAC);

    final FakeClock clock = new FakeClock(1_000_000);
    final FabricAnalyzers analyzers = new FabricAnalyzers(1024, f -> Topology.lookups(), clock);

    /** What the issue sends: 400 alternating creates and deletes of one MAC on one leaf, 50 ms apart. */
    private int flap(EndpointAnalyzer analyzer, InMemoryEndpointStore store) {
        int rapidRecords = 0;
        for (int i = 0; i < 400; i++) {
            double ts = clock.seconds();
            EpmEvent ev = i % 2 == 0 ? mac(ts, "created", 103, BD1, "vlan-101", MAC, "local", "eth1/1", E1)
                    : mac(ts, "deleted", 103, BD1, "vlan-101", MAC, "", "", 0);
            AnalysisResult r = analyzer.analyze(store.state(KEY), ev);
            store.apply(KEY, r);
            if (r.newRapid() != null) {
                rapidRecords++;
            }
            clock.advance(0.05);
        }
        return rapidRecords;
    }

    private static Settings rapid(int holdtime) {
        return Settings.builder().rapidThreshold(512).rapidHoldtime(holdtime).build();
    }

    @Test
    void aDeletedFabricLeavesNoRapidCountersToANewFabricOfTheSameName() {
        Settings first = rapid(600);
        assertEquals(1, flap(analyzers.analyzer(Topology.FABRIC, first), new InMemoryEndpointStore(64)));

        // the fabric is deleted (its records with it) and created again with a shorter hold time
        analyzers.forget(Topology.FABRIC);
        assertFalse(analyzers.knows(Topology.FABRIC));
        clock.advance(5);
        InMemoryEndpointStore emptied = new InMemoryEndpointStore(64);
        assertEquals(1, flap(analyzers.analyzer(Topology.FABRIC, rapid(60)), emptied), "rapid again, from zero");
        Endpoint endpoint = emptied.endpoint(KEY);
        assertNotNull(endpoint, "the first event is not dropped as rapid");
        assertTrue(endpoint.rapid().isRapid());
        assertTrue(endpoint.rapid().rapidCount() > 0);
    }

    @Test
    void withoutForgettingTheNewFabricInheritsTheRapidState() {
        // what the issue saw: the counters of the deleted fabric drop every event of the new one
        flap(analyzers.analyzer(Topology.FABRIC, rapid(600)), new InMemoryEndpointStore(64));
        clock.advance(5);
        InMemoryEndpointStore emptied = new InMemoryEndpointStore(64);
        assertEquals(0, flap(analyzers.analyzer(Topology.FABRIC, rapid(60)), emptied));
        assertEquals(null, emptied.endpoint(KEY));
    }

    @Test
    void settingsChangesRebuildTheAnalyzerAndKeepTheRapidCounters() {
        Settings settings = rapid(600);
        EndpointAnalyzer analyzer = analyzers.analyzer(Topology.FABRIC, settings);
        assertSame(analyzer, analyzers.analyzer(Topology.FABRIC, settings));
        var tracker = analyzers.rapidTracker(Topology.FABRIC);

        analyzers.settingsChanged(Topology.FABRIC);
        Settings reloaded = rapid(60);
        EndpointAnalyzer rebuilt = analyzers.analyzer(Topology.FABRIC, reloaded);
        assertNotSame(analyzer, rebuilt);
        assertSame(reloaded, rebuilt.settings());
        assertSame(tracker, analyzers.rapidTracker(Topology.FABRIC), "rapid counters survive a settings change");
        // a settings object that changed without a flush is picked up too (it is another object)
        assertSame(settings, analyzers.analyzer(Topology.FABRIC, settings).settings());

        analyzers.forget(Topology.FABRIC);
        assertNotSame(tracker, analyzers.rapidTracker(Topology.FABRIC));
    }
}
