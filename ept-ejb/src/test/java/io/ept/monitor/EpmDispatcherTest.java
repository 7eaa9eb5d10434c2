package io.ept.monitor;

import io.ept.apic.ApicMo;
import io.ept.messaging.EpmBatch;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import io.ept.messaging.WorkerGroups;
import io.ept.status.PipelineMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpmDispatcherTest {

    private RecordingEnvironment recording;
    private List<List<WorkItem>> sent;
    private PipelineMetrics metrics;

    MonitorEnvironment env(long batchMillis) {
        recording = new RecordingEnvironment(null, null, null, WorkerGroups.of(4, 100, batchMillis));
        sent = recording.workerSends;
        metrics = recording.metrics;
        return recording;
    }

    static ApicMo ipEvent(int i, int node) {
        String dn = "topology/pod-1/node-" + node + "/sys/ctx-[vxlan-2916352]/bd-[vxlan-15007697]/vlan-[vlan-101]/db-ep/ip-[10.1.1."
                + i + "]";
        return new ApicMo("epmIpEp", Map.of("dn", dn, "status", "created", "flags", "local", "ifId", "eth1/1",
                "pcTag", "32769"), List.of());
    }

    @Test
    void liveEventsWaitForTheBatchingWindowThenGoOutGroupedByMessageGroup() throws Exception {
        EpmDispatcher d = new EpmDispatcher("f1", env(200), 16777209);
        for (int i = 0; i < 30; i++) {
            d.dispatch(ipEvent(i, 101 + i % 2), 1000.0 + i, false, WorkItem.PRIORITY_NORMAL, null);
        }
        d.flushIfDue();
        assertTrue(sent.isEmpty(), "not due yet");
        assertTrue(d.millisUntilDue() > 0 && d.millisUntilDue() <= 200);
        Thread.sleep(250);
        d.flushIfDue();
        assertEquals(1, sent.size(), "one send (one JMS transaction)");
        List<WorkItem> messages = sent.get(0);
        assertTrue(messages.size() <= 4, "at most one message per group: " + messages.size());
        int events = 0;
        for (WorkItem m : messages) {
            assertEquals(WorkTypes.EPM_BATCH, m.type());
            events += EpmBatch.fromJson(m.body()).events().size();
        }
        assertEquals(30, events);
        assertEquals(Long.MAX_VALUE, d.millisUntilDue(), "nothing queued");
        assertEquals(30, metrics.snapshot().getJsonNumber("liveReceived").longValue());
        assertEquals(30, metrics.snapshot().getJsonNumber("queued").longValue());
    }

    @Test
    void buildEventsAreFlushedExplicitlyAndCounted() {
        EpmDispatcher d = new EpmDispatcher("f1", env(60_000), 16777209);
        for (int i = 0; i < 10; i++) {
            d.dispatch(ipEvent(i, 101), 1000.0, false, WorkItem.PRIORITY_NORMAL, "build-1");
        }
        d.flush();
        assertEquals(10, d.buildMessages());
        assertEquals(10, metrics.snapshot().getJsonNumber("buildQueued").longValue());
        assertEquals("build-1", EpmBatch.fromJson(sent.get(0).get(0).body()).build());
    }
}
