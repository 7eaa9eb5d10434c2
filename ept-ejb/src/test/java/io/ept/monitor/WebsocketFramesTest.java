package io.ept.monitor;

import io.ept.apic.ApicMo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame queue between the websocket reader and the subscriber: bounded, ordered, nothing lost silently. */
class WebsocketFramesTest {

    private final MonitorTestBed bed;

    WebsocketFramesTest() throws IOException {
        bed = new MonitorTestBed(false);
    }

    @AfterEach
    void stop() throws IOException {
        bed.close();
    }

    private WebsocketFrames frames(int bound) {
        return new WebsocketFrames(MonitorTestBed.FABRIC, bed.env(),
                new RejectedRecords(MonitorTestBed.FABRIC, bed.mongo.database(), 100), bed.events(), bound);
    }

    private static List<ApicMo> mos(String cls, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new ApicMo(cls, Map.of("dn", "uni/x-" + i, "status", "created"), List.of())).toList();
    }

    private long dropped() {
        return bed.metrics.droppedByClass().values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Test
    void framesComeOutInArrivalOrderAndABatchIsBounded() throws InterruptedException {
        WebsocketFrames frames = frames(100);
        for (int i = 0; i < 5; i++) {
            frames.onEvents(List.of("sub"), mos("fvBD", i + 1), 1000L * i);
        }
        List<WebsocketFrames.Frame> first = frames.take(0, 3);
        assertEquals(List.of(1, 2, 3), first.stream().map(f -> f.mos().size()).toList());
        assertEquals(1.0, first.get(1).ts());
        assertEquals(2, frames.take(10, 100).size());
        assertTrue(frames.take(0, 100).isEmpty());
    }

    @Test
    void aFullBacklogIsAProblemAndItsEventsAreCountedAsDropped() {
        WebsocketFrames frames = frames(2);
        frames.onEvents(List.of("sub"), mos("fvBD", 1), 0);
        frames.onEvents(List.of("sub"), mos("fvBD", 1), 0);
        assertNull(frames.problem());
        frames.onEvents(List.of("sub"), mos("epmIpEp", 7), 0);
        assertEquals("event backlog exceeded 2 frames", frames.problem());
        assertEquals(7, dropped());
        assertEquals(2, frames.queued());
        frames.socketOpened();
        assertNull(frames.problem(), "a new socket starts without its predecessor's problem");
    }

    @Test
    void malformedAndOversizeFramesAreKeptAsRejected() {
        WebsocketFrames frames = frames(100);
        frames.onMalformedFrame("{not json", "unexpected end");
        frames.onOversizeFrame("{\"imdata\":[", 9_000_000, 8_388_608);
        assertEquals(2, bed.mongo.database().getCollection(RejectedRecords.COLLECTION).countDocuments());
        assertEquals(2, dropped());
        assertTrue(bed.logged("warning", "exceeds the limit of 8388608"));
        frames.onOversizeFrame("{\"imdata\":[", 9_000_000, 8_388_608);
        assertEquals(1, bed.loggedEvents().stream().filter(e -> e.status().equals("warning")).count(),
                "one monitor event a minute at most");
    }

    @Test
    void droppingDuringTheBuildKeepsFramesOfOtherClasses() throws InterruptedException {
        WebsocketFrames frames = frames(100);
        frames.onEvents(List.of("a"), mos("fvBD", 1), 0);
        frames.onEvents(List.of("b"), mos("epmIpEp", 2), 0);
        frames.onEvents(List.of("c"), mos("fvCtx", 3), 0);
        frames.drop(cls -> !ApicClasses.EPM.contains(cls), "configuration");
        List<WebsocketFrames.Frame> left = frames.take(0, 100);
        assertEquals(1, left.size());
        assertEquals("epmIpEp", left.get(0).mos().get(0).className());
    }
}
