package io.ept.analysis.watch;

import io.ept.analysis.model.EndpointType;
import io.ept.analysis.model.MoveEvent;

/** A new move; sent only when a move notification is enabled. The watcher only notifies. */
public record WatchMove(String fabric, int vnid, String addr, EndpointType type, MoveEvent src, MoveEvent dst)
        implements WatchJob {
    @Override
    public String workType() {
        return "watch_move";
    }
}
