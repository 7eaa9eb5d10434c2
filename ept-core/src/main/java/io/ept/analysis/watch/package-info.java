/**
 * The watcher's decisions: after its delay, is a move, stale, off-subnet or rapid finding still true, should it be
 * notified, should the endpoint be cleared ({@link io.ept.analysis.watch.WatcherLogic}).
 *
 * <p>May depend on: {@code io.ept.analysis.model}, {@code .lookup}, {@code .notify}, and the JDK only.
 */
package io.ept.analysis.watch;
