package io.ept.web.security;

import io.ept.security.AccountService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveSessionsTest {

    private final List<String> closed = new ArrayList<>();
    private Set<String> liveInStore = Set.of();

    private LiveSessions live() {
        LiveSessions live = new LiveSessions();
        live.accounts = new AccountService() {
            @Override
            public Set<String> liveSessions(Collection<String> sessions) {
                return liveInStore;
            }
        };
        return live;
    }

    private void hold(LiveSessions live, String session, String user, String name) {
        live.hold(session, user, () -> closed.add(name), () -> false);
    }

    @Test
    void endingASessionClosesOnlyWhatItHolds() {
        LiveSessions live = live();
        hold(live, "s1", "alice", "alice-1-stream");
        hold(live, "s1", "alice", "alice-1-http");
        hold(live, "s2", "alice", "alice-2-stream");
        hold(live, "s3", "bob", "bob-stream");
        live.end("s1");
        assertEquals(List.of("alice-1-http", "alice-1-stream"), closed.stream().sorted().toList());
        closed.clear();
        live.endUser("alice", "s2");
        assertEquals(List.of(), closed, "the kept session stays");
        live.endUser("alice", null);
        assertEquals(List.of("alice-2-stream"), closed);
        assertEquals(1, live.size());
    }

    @Test
    void theRecheckClosesWhatBelongsToSessionsNoLongerLive() {
        LiveSessions live = live();
        hold(live, "s1", "alice", "alice");
        hold(live, "s2", "bob", "bob");
        live.hold("s3", "carol", () -> closed.add("carol"), () -> true); // closed by its client meanwhile
        liveInStore = Set.of("s2");
        live.check();
        assertEquals(List.of("alice"), closed, "only the ended session's stream is closed; a client-closed one is dropped");
        assertEquals(1, live.size());
    }

    @Test
    void aFailingStoreClosesNothing() {
        LiveSessions live = new LiveSessions();
        live.accounts = new AccountService() {
            @Override
            public Set<String> liveSessions(Collection<String> sessions) {
                throw new IllegalStateException("mongo down");
            }
        };
        hold(live, "s1", "alice", "alice");
        live.check();
        assertEquals(List.of(), closed);
        assertEquals(1, live.size());
    }
}
