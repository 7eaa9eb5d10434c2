package io.ept.analysis.watch;

import io.ept.analysis.notify.Notification;

/**
 * Immediate handling of a watch_rapid job.
 *
 * @param notification rapid notification (null if disabled)
 * @param recheckAt    when to run {@link WatcherLogic#recheckRapid}; null when refresh_rapid is off
 */
public record RapidWatchAccepted(Notification notification, Double recheckAt) {
}
