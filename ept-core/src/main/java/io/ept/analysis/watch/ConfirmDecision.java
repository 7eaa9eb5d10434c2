package io.ept.analysis.watch;

import io.ept.analysis.notify.Notification;

/**
 * Outcome of a due stale/offsubnet watch.
 *
 * @param verdict      what to do
 * @param recordToPush event to push on ept.stale/ept.offsubnet for the node (null when duplicate or dropped)
 * @param notification null when duplicate, dropped or not enabled
 * @param clear        auto-clear request (issued even for duplicates), or null
 * @param <E>          StaleEvent or OffsubnetEvent
 */
public record ConfirmDecision<E>(Verdict verdict, E recordToPush, Notification notification, ClearRequest clear) {

    public enum Verdict {
        /** A rapid watch is pending for the endpoint: discard. */
        DROPPED_RAPID_PENDING,
        /** The node's history flag is no longer set: discard. */
        DROPPED_NOT_FLAGGED,
        /** Still true: set the endpoint flag (is_stale / is_offsubnet) to true. */
        CONFIRMED
    }

    static <E> ConfirmDecision<E> dropped(Verdict v) {
        return new ConfirmDecision<>(v, null, null, null);
    }

    public boolean setEndpointFlag() {
        return verdict == Verdict.CONFIRMED;
    }
}
