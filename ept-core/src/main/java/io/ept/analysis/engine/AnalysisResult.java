package io.ept.analysis.engine;

import io.ept.analysis.model.Endpoint;
import io.ept.analysis.model.EndpointEvent;
import io.ept.analysis.model.HistoryEvent;
import io.ept.analysis.model.MoveRecord;
import io.ept.analysis.model.NodeHistory;
import io.ept.analysis.model.RapidEvent;
import io.ept.analysis.watch.WatchJob;

import java.util.List;
import java.util.Set;

/**
 * What to persist and send after analysing one event. Lists are pushed newest first with the caps of
 * {@link io.ept.analysis.model.Settings#endpointCap()} (endpoint events, move, rapid) and
 * {@link io.ept.analysis.model.Settings#perNodeCap()} (history); rows returned here are already capped.
 *
 * <p>Adapters that load rows with trimmed event lists (like the original's {@code $slice}) must not replace
 * rows whole: they push {@code pushedHistoryEvent} / {@code endpointEventWrite} and $set the scalar fields.
 *
 * @param outcome            what happened to the event
 * @param historyUpdates     ept.history rows that changed (new event, is_stale/is_offsubnet flags, watch
 *                           bookkeeping); only this key's worker writes history rows
 * @param pushedHistoryEvent event pushed onto the row of the event's node (count + 1), or null
 * @param endpoint           resulting ept.endpoint row (null if there is none)
 * @param endpointChanges    which endpoint fields to write ($set only these; the watcher owns setting flags true)
 * @param endpointEventWrite endpoint event pushed (count + 1; also first_learn when count was 0) or written over
 *                           events[0] (transitory delete), or null
 * @param newMove          move to push onto ept.move (type = endpoint type), or null
 * @param newRapid         event to push onto ept.rapid, or null
 * @param watchJobs        jobs for the watcher, in emission order
 */
public record AnalysisResult(Outcome outcome, List<NodeHistory> historyUpdates, HistoryEvent pushedHistoryEvent,
                             Endpoint endpoint, Set<EndpointField> endpointChanges,
                             EndpointEventWrite endpointEventWrite, MoveRecord newMove, RapidEvent newRapid,
                             List<WatchJob> watchJobs) {

    /** An endpoint event to push, or to write over events[0] when {@code overwriteLatest}. */
    public record EndpointEventWrite(EndpointEvent event, boolean overwriteLatest) {
    }

    public enum Outcome {
        /** History and/or endpoint were evaluated (possibly without any change). */
        PROCESSED,
        /** Unknown endpoint and the event is not a create: nothing stored. */
        IGNORED,
        /** The endpoint is rapid: the event was dropped (rapid bookkeeping may still need persisting). */
        DROPPED_RAPID
    }

    public AnalysisResult {
        historyUpdates = List.copyOf(historyUpdates);
        endpointChanges = Set.copyOf(endpointChanges);
        watchJobs = List.copyOf(watchJobs);
    }

    public boolean hasChanges() {
        return !historyUpdates.isEmpty() || !endpointChanges.isEmpty() || newMove != null || newRapid != null
                || !watchJobs.isEmpty();
    }
}
