package io.ept.analysis.engine;

import io.ept.analysis.model.Endpoint;
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
 * @param outcome          what happened to the event
 * @param historyUpdates   ept.history rows to upsert whole (new event, is_stale/is_offsubnet flags, watch
 *                         bookkeeping); only this key's worker writes history rows
 * @param endpoint         resulting ept.endpoint row (null if there is none)
 * @param endpointChanges  which endpoint fields to write ($set only these; the watcher owns setting flags true)
 * @param newMove          move to push onto ept.move (type = endpoint type), or null
 * @param newRapid         event to push onto ept.rapid, or null
 * @param watchJobs        jobs for the watcher, in emission order
 */
public record AnalysisResult(Outcome outcome, List<NodeHistory> historyUpdates, Endpoint endpoint,
                             Set<EndpointField> endpointChanges, MoveRecord newMove, RapidEvent newRapid,
                             List<WatchJob> watchJobs) {

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
