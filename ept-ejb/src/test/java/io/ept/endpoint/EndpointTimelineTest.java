package io.ept.endpoint;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTimelineTest {

    private static Document local(double ts, int node, String status) {
        return new Document("node", node).append("ts", ts).append("status", status).append("intf_name", "eth1/" + node);
    }

    private static Document seen(double ts, String status, int remote) {
        return new Document("ts", ts).append("status", status).append("remote", remote);
    }

    private final Document endpoint = new Document("events", List.of(
            local(300, 102, "created"), local(200, 0, "deleted"), local(100, 101, "created")));
    private final List<Document> history = List.of(
            new Document("node", 101).append("events", List.of(seen(200, "deleted", 0), seen(100, "created", 0))),
            new Document("node", 102).append("events", List.of(seen(300, "created", 0))),
            new Document("node", 103).append("events", List.of(seen(310, "modified", 102), seen(110, "created", 101))));

    @Test
    void answersTheLocalLearnAndEveryNodesViewAtThatTime() {
        Map<String, Object> at150 = EndpointTimeline.at(150, endpoint, history);
        assertTrue((Boolean) at150.get("is_local"));
        assertEquals(101, ((Document) at150.get("local")).getInteger("node"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) at150.get("nodes");
        assertEquals(List.of(101, 103), nodes.stream().map(n -> n.get("node")).toList());
        assertEquals("remote", nodes.get(1).get("learn"));
        assertTrue((Boolean) at150.get("complete"));

        Map<String, Object> at250 = EndpointTimeline.at(250, endpoint, history);
        assertFalse((Boolean) at250.get("is_local"), "deleted at 200, learned again at 300");

        Map<String, Object> at350 = EndpointTimeline.at(350, endpoint, history);
        assertEquals(102, ((Document) at350.get("local")).getInteger("node"));
    }

    @Test
    void timesBeforeTheOldestKeptEventAreFlaggedIncomplete() {
        Map<String, Object> early = EndpointTimeline.at(50, endpoint, history);
        assertFalse((Boolean) early.get("is_local"));
        assertFalse((Boolean) early.get("complete"));
        assertEquals(100.0, early.get("oldest_event_ts"));
    }
}
