package io.ept.apic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApicWebsocketFrameLimitTest {

    private static final String EVENT = "{\"subscriptionId\":[\"1\"],\"imdata\":[{\"fvCtx\":{\"attributes\":{\"dn\":\"uni/tn-a/ctx-b\"}}}]}";

    static final class Recorder implements ApicWebsocket.Listener {
        final List<String> events = new ArrayList<>();
        final List<String> oversize = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();

        @Override
        public void onEvents(List<String> subscriptionIds, List<ApicMo> mos, long receivedMillis) {
            mos.forEach(m -> events.add(m.dn()));
        }

        @Override
        public void onMalformedFrame(String frame, String problem) {
            malformed.add(problem);
        }

        @Override
        public void onOversizeFrame(String prefix, long chars, int limit) {
            oversize.add(prefix.length() + "/" + chars + "/" + limit);
        }

        @Override
        public void onClosed(String reason) {
        }
    }

    @Test
    void oversizeFramesAreDiscardedInPartsAndTheNextFrameStillArrives() {
        Recorder r = new Recorder();
        ApicWebsocket.Handler handler = new ApicWebsocket.Handler(r, 1000);
        handler.text(EVENT, true);
        // a 1 MB frame in 100 parts of 10 000 characters: never buffered whole
        String part = "y".repeat(10_000);
        for (int i = 0; i < 99; i++) {
            handler.text(part, false);
        }
        handler.text(part, true);
        handler.text(EVENT.substring(0, 10), false);
        handler.text(EVENT.substring(10), true);
        assertEquals(List.of("uni/tn-a/ctx-b", "uni/tn-a/ctx-b"), r.events);
        assertEquals(List.of(ApicWebsocket.Handler.OVERSIZE_PREFIX + "/1000000/1000"), r.oversize, "a prefix kept for the report");
        assertTrue(r.malformed.isEmpty(), r.malformed.toString());
    }

    @Test
    void aFrameJustAtTheLimitIsAccepted() {
        Recorder r = new Recorder();
        ApicWebsocket.Handler handler = new ApicWebsocket.Handler(r, EVENT.length());
        handler.text(EVENT, true);
        assertEquals(1, r.events.size());
        handler.text(EVENT + " ", true);
        assertEquals(1, r.oversize.size());
    }

    @Test
    void defaultOversizeReportIsAMalformedFrame() {
        List<String> problems = new ArrayList<>();
        ApicWebsocket.Listener plain = new ApicWebsocket.Listener() {
            @Override
            public void onEvents(List<String> ids, List<ApicMo> mos, long t) {
            }

            @Override
            public void onMalformedFrame(String frame, String problem) {
                problems.add(problem);
            }

            @Override
            public void onClosed(String reason) {
            }
        };
        ApicWebsocket.Handler handler = new ApicWebsocket.Handler(plain, 10);
        handler.text("z".repeat(11), true);
        assertTrue(problems.get(0).contains("exceeds the limit of 10"), problems.toString());
    }
}
